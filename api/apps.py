from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    label = "articles_api"
    verbose_name = "Content API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .caching import invalidation

        invalidation.connect()
