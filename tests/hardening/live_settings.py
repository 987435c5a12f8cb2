"""
The test settings for the live gunicorn servers of the tests: every throttle out of the way
unless the test's environment sets one, so that 50 submissions from one address in a second are
all stored and the schema fuzzer reaches the views' logic instead of a 429. It serves its own
address (WAGTAILADMIN_BASE_URL), static files from the apps (as `collectstatic` would) and its
uploaded media from MEDIA_ROOT, for the browser tests. Everything else is cms.settings.test, from
the environment the test sets.
"""

import os

from cms.settings.test import *  # noqa: F403

COMMENT_THROTTLE_RATE = os.environ.get("COMMENT_THROTTLE_RATE", "1000000/min")
COMMENT_THROTTLE_DAILY_RATE = "1000000/day"
API_READ_THROTTLE_RATE = "1000000/min"
API_TOKEN_THROTTLE_RATE = "1000000/min"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", WAGTAILADMIN_BASE_URL)  # noqa: F405
WHITENOISE_USE_FINDERS = True
STORAGES = {**STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}  # noqa: F405
ROOT_URLCONF = "tests.hardening.live_urls"
