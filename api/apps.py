from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


class ApiConfig(AppConfig):
    name = "api"
    label = "articles_api"
    verbose_name = "Content API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .caching import invalidation

        invalidation.connect()
        post_migrate.connect(void_stored_representations, sender=self)


def void_stored_representations(using, **kwargs):
    """
    Every deploy migrates, and a release may change what articles' JSON looks like: the copies
    stored by an earlier one (api/content/stored.py) are built again.
    """
    from .models import RepresentationVersion

    if RepresentationVersion._meta.db_table in connections[using].introspection.table_names():
        RepresentationVersion.bump([RepresentationVersion.ALL], using)
