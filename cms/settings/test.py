"""Tests: the development settings made fast and quiet. DATABASE_URL and REDIS_URL still apply."""

import os

from .base import BASE_DIR, cache_from_env
from .dev import *  # noqa: F403

# The test run's own cache files (tests clear them); a live server the tests start sets its own.
os.environ.setdefault("CACHE_DIR", str(BASE_DIR / ".cache" / "test"))
CACHES = cache_from_env()

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A task runs inside the request that queues it, once that commits, so a test sees its email or
# webhook at once; tests/delivery run the database backend and its worker (TASKS_BACKEND: a live
# server's own choice).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}
DEMO_EDITOR = None
DEMO_REVIEWER = None
DEMO_MODERATOR = None
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Addresses in responses are this server's configured one; the test client's host is testserver.
WAGTAILADMIN_BASE_URL = "http://testserver"
# Live servers the tests start load English only as they start (French alone takes 5 s of CPU).
COMMENT_TRIAGE_WARM_UP = ["en"]
