"""
Errors under /api/ are JSON, whatever raised them.

DRF answers its own errors in JSON, but some never reach it: a body too large for Django
(RequestDataTooBig, which Django turns into an HTML 400), a CSRF failure, a disallowed host, an
unexpected exception (Django's HTML 500). This middleware refuses bodies over
API_MAX_REQUEST_SIZE with 413 before anything reads them, and rewrites any other non-JSON
error response under /api/ as `{"detail": "..."}` with the same status and headers. No
traceback or HTML ever reaches an API client.
"""

import json
from http import HTTPStatus

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.utils.translation import gettext as _

from .conf import api_settings

API_PREFIX = "/api/"


def is_api_request(request):
    return request.path_info.startswith(API_PREFIX)


def too_large():
    limit = api_settings.API_MAX_REQUEST_SIZE
    message = _("The request body is too large: at most %(limit)s bytes are accepted.") % {"limit": limit}
    return JsonResponse({"detail": message}, status=HTTPStatus.REQUEST_ENTITY_TOO_LARGE)


def declared_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class JsonErrorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_api_request(request):
            return self.get_response(request)
        if declared_length(request) > api_settings.API_MAX_REQUEST_SIZE:
            return too_large()
        return as_json_error(self.get_response(request))

    def process_exception(self, request, exception):
        if is_api_request(request) and isinstance(exception, RequestDataTooBig):
            return too_large()
        return None


def as_json_error(response):
    """An error response in JSON, its status and headers kept; others as they are."""
    if response.status_code < 400 or getattr(response, "streaming", False):
        return response
    if response.get("Content-Type", "").startswith("application/json"):
        return response
    try:
        phrase = HTTPStatus(response.status_code).phrase
    except ValueError:
        phrase = _("Error")
    response.content = json.dumps({"detail": phrase}).encode()
    response["Content-Type"] = "application/json"
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))
    return response
