from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Comment moderation"
    default_auto_field = "django.db.models.BigAutoField"
