from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Comment moderation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, privacy_sources  # noqa: F401 - checks registers the system checks

        privacy_sources.register()
