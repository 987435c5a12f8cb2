"""
OpenAPI schema helpers for drf-spectacular, and the API's errors in their two shapes (docs/api.md,
Errors): `{"detail": "..."}`, and for a 400 each field's messages (or, when a JSON body cannot
be parsed at all, DRF's `{"detail"}`).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers

from .caching.http import HttpCachingMixin


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("What went wrong."))


VALIDATION_ERRORS = {
    "type": "object",
    "description": (
        "Invalid input: each field's or parameter's name with the list of what is wrong with it "
        "(a list's items by their index, as an object); `non_field_errors` for what is wrong with "
        "the request as a whole."
    ),
    "additionalProperties": {
        "anyOf": [
            {"type": "array", "items": {"type": "string"}},
            {"type": "object", "description": "Errors of a list's items, by index."},
        ]
    },
}

ERRORS = {
    400: _("Invalid input: each field's name (`non_field_errors`: the request as a whole), its messages."),
    401: _("No credentials, or a token that is not valid."),
    403: _("Not allowed: not a comment moderator, or the article's comments are closed."),
    404: _("No such item."),
    409: _("The change does not apply to the comment as it is now (e.g. approving an approved one)."),
    412: _("The comment changed since the version sent (`version` or If-Match)."),
    413: _("The request body is larger than API_MAX_REQUEST_SIZE."),
    415: _("Not JSON: send `Content-Type: application/json`."),
    429: _("Too many requests: `Retry-After` says in how many seconds to try again."),
}
# A 400 of an endpoint that reads a JSON body: field errors, or the body could not be parsed.
INVALID_BODY = {
    "oneOf": [
        VALIDATION_ERRORS,
        {
            "type": "object",
            "description": "The body is not JSON (malformed, or nested too deeply).",
            "properties": {"detail": {"type": "string"}},
            "required": ["detail"],
        },
    ]
}


def error_responses(statuses, *, reads_body=False):
    """The OpenAPI responses of these error statuses, each in its shape."""
    shape = {400: INVALID_BODY if reads_body else VALIDATION_ERRORS}
    return {
        status: OpenApiResponse(shape.get(status, ErrorSerializer), description=ERRORS[status])
        for status in sorted(set(statuses))
    }


def only_this_api(endpoints):
    """Document our API alone, not the Wagtail admin's internal endpoints that share DRF."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]


class SchemaView(HttpCachingMixin, SpectacularAPIView):
    """
    The OpenAPI document, with the same ETag, Last-Modified and 304s as the content. It is the
    same for everyone: no credentials are read, so it never varies on Cookie.
    """

    authentication_classes = []
