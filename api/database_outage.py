"""
While the database is unreachable (PostgreSQL down or restarting, a SQLite file that cannot be
opened, a connection lost mid-request), every request answers 503 Service Unavailable with
`Retry-After`, instead of Django's 500 and a traceback in the log for each request.

Under /api/ the answer is the API's JSON error, `{"detail": ...}` as DRF shapes its own; elsewhere
(the Wagtail admin, pages) a short HTML page, `api/database_outage.html`, which a host may
override. Neither is stored by a browser or a CDN. The log
gets one warning per process when the outage is first met, again at most once a minute while it
lasts; Django's own line for each 5xx answer is left out for these (`NotAnOutageAnswer`).
"""

import logging
import time
from http import HTTPStatus

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .middleware import is_api_request

logger = logging.getLogger(__name__)

# Seconds a client is told to wait: about what a database restart or failover takes.
RETRY_AFTER = 30
# Seconds between two warnings in one process while the outage lasts.
WARNING_INTERVAL = 60
# The errors of a database that cannot be reached or did not answer (Django's wrappers of every
# backend's own); an IntegrityError or a ProgrammingError is a bug, answered 500 as before.
OUTAGE_ERRORS = (OperationalError, InterfaceError)


class Warnings:
    """When this process last warned of the outage (time.monotonic())."""

    last = None

    @classmethod
    def warn(cls, error):
        now = time.monotonic()
        if cls.last is None or now - cls.last >= WARNING_INTERVAL:
            cls.last = now
            logger.warning("The database is unavailable (%s): requests are answered 503", error)


def unavailable(request):
    """The 503 for `request`: the API's JSON error under /api/, an HTML page elsewhere."""
    if is_api_request(request):
        detail = _("The service is briefly unavailable. Try again in a few seconds.")
        response = JsonResponse({"detail": detail}, status=HTTPStatus.SERVICE_UNAVAILABLE)
    else:
        site_name = getattr(settings, "WAGTAIL_SITE_NAME", "")
        page = render_to_string("api/database_outage.html", {"WAGTAIL_SITE_NAME": site_name})
        response = HttpResponse(page, status=HTTPStatus.SERVICE_UNAVAILABLE)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    """Turns a view's database outage error (Django's `process_exception` hook) into a 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OUTAGE_ERRORS):
            return None
        Warnings.warn(exception)
        request.database_outage = True
        return unavailable(request)


class NotAnOutageAnswer(logging.Filter):
    """A logging filter for django.request: drops its line for each 503 answered above."""

    def filter(self, record):
        return not getattr(getattr(record, "request", None), "database_outage", False)
