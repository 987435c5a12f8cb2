from django.apps import AppConfig
from django.db.models.signals import post_save


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Health articles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401 - registers the deploy check
        from .governance.signoff import assign_to_new_index

        post_save.connect(assign_to_new_index, sender="articles.ArticleIndexPage")
