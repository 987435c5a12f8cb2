from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Comment moderation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
        from .delivery import outbox
        from .privacy import sources as privacy_sources

        privacy_sources.register()
        outbox.connect()
