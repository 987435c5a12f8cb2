"""
A bare Wagtail 8 project with the three apps added, as an existing site would add them.

It proves the plugin claim: nothing here comes from cms/, only Wagtail's own apps, the apps'
dependencies and the documented settings. DATABASE_URL still applies, so the claim is checked on
SQLite and on PostgreSQL; the test database gets its own name, since the main suite may be using
the usual one at the same time.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "plugin-host-tests-only"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver"]
ROOT_URLCONF = "tests.plugin_host.urls"

INSTALLED_APPS = [
    # The plugin, listed above wagtail so that its block preview template wins.
    "articles",
    "moderation",
    "api",
    # Their dependencies.
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    # The queue of the moderation's emails and webhooks (moderation/delivery/outbox.py).
    "django_tasks_db",
    # Wagtail's apps the plugin needs (redirects: old addresses, api/v1/redirects/; no forms or
    # embeds).
    "wagtail.contrib.redirects",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "api.caching.purge.PurgeBatchMiddleware",
    "api.middleware.JsonErrorsMiddleware",
    "api.database_outage.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL") or "sqlite://:memory:")}
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": f"test_plugin_host_{os.getpid()}"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
USE_TZ = True

WAGTAIL_SITE_NAME = "Plugin host"
WAGTAILADMIN_BASE_URL = "http://testserver"
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
