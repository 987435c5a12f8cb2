from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ApiConfig(AppConfig):
    name = "api"
    label = "articles_api"
    verbose_name = "Content API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .caching import invalidation, purge

        invalidation.connect()
        purge.connect()
        post_migrate.connect(invalidation.migrated, sender=self, dispatch_uid="api-cache-migrated")
