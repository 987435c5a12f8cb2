"""Development: the defaults a newcomer gets from `make run`."""

import os

from articles.demo import DEMO_PASSWORD

from .base import *  # noqa: F403
from .base import FRONTEND_BASE_URL, env_bool, env_list, loopback_names, origin

DEBUG = env_bool("DJANGO_DEBUG", default=True)
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# A frontend developer's browser on FRONTEND_BASE_URL may call the API out of the box, under any
# of the names a loopback address goes by (`python3 -m http.server` prints 0.0.0.0).
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", ",".join(loopback_names(origin(FRONTEND_BASE_URL))))

# The demo editor that `manage.py load_demo` creates and the demo moderator that
# `manage.py load_demo_comments` creates. Only development settings define them.
DEMO_EDITOR = {"username": "editor", "password": DEMO_PASSWORD, "email": "editor@example.com"}
DEMO_REVIEWER = {"username": "reviewer", "password": DEMO_PASSWORD, "email": "reviewer@example.com"}
DEMO_MODERATOR = {"username": "moderator", "password": DEMO_PASSWORD, "email": "moderator@example.com"}
