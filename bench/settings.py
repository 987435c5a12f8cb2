"""Settings for `make bench`: production-like (DEBUG off), throttles raised, the references mounted."""

import os

from cms.settings.dev import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.api.v2"]  # noqa: F405
API_RESPONSE_CACHE_TIMEOUT = int(os.environ.get("BENCH_RESPONSE_CACHE_TIMEOUT", 3600))
API_RESPONSE_LOCAL_COPIES = int(os.environ.get("BENCH_LOCAL_COPIES", 256))
API_READ_THROTTLE_RATE = None
COMMENT_THROTTLE_RATE = "1000000/min"
COMMENT_THROTTLE_DAILY_RATE = "100000000/day"
COMMENT_NOTIFY_MODERATORS = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
# Seeding thousands of pages: the search index is not what is measured.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}
