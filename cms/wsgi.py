"""WSGI entry point: `gunicorn cms.wsgi`."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

application = get_wsgi_application()

# Import every view now (the URLconf imports them), then exempt all that is loaded, which lives
# as long as the worker, from the garbage collector: a full collection would otherwise walk those
# 200,000 objects again every few hundred requests, a pause of 100 ms or more.
get_resolver().url_patterns  # noqa: B018
# The clinical-safety triage's English reader, so that no reader's first comment waits for it.
from moderation.safety import warm_up  # noqa: E402 (needs the apps loaded)

warm_up()
gc.freeze()
