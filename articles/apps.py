from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Health articles"
    default_auto_field = "django.db.models.BigAutoField"
