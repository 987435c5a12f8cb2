"""
HTTP caching of the API's responses: validators, 304 Not Modified and Cache-Control.

- ETag: a hash of the body, so the same JSON has the same ETag however it was produced (built,
  or read from the response cache) and any change to what a response says changes it.
- Last-Modified: for content, when the public content last changed (the content version's
  `changed_at`); a view without such a date sends none.
- Public content: `Cache-Control: public, max-age=API_CACHE_MAX_AGE`. Any request made with
  credentials (a token, a session, a preview token) gets `private, no-store`.
"""

import hashlib

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from ..conf import api_settings

SAFE_METHODS = ("GET", "HEAD")
# The request headers get_conditional_response() reads.
PRECONDITION_HEADERS = (
    "HTTP_IF_MATCH",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_UNMODIFIED_SINCE",
)


def content_etag(content, variant=""):
    """
    A strong ETag for a response body (bytes), and for `variant`: what else the response is
    valid for (a date, for a view whose answer depends on the day as well as on its body).
    """
    digest = hashlib.blake2b(content, digest_size=16)
    digest.update(variant.encode())
    return f'"{digest.hexdigest()}"'


def has_credentials(request):
    """
    Whether the request carries credentials: authenticated in any way DRF knows (user, token,
    preview token), or sent with an Authorization header or a session cookie, which views that
    do not authenticate (public reads) leave unread.
    """
    return (
        "HTTP_AUTHORIZATION" in request.META
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or request.user.is_authenticated
        or request.auth is not None
    )


def set_public_headers(response, last_modified=None, variant=""):
    """
    A public response's validators and Cache-Control: its ETag (of the body and `variant`),
    Last-Modified when known (Unix seconds: when the content it shows last changed) and `public,
    max-age`. A stored copy keeps them (responses.py).
    """
    if hasattr(response, "render"):  # a DRF Response, rendered to its bytes
        response.render()
    response["ETag"] = content_etag(response.content, variant)
    if last_modified:
        response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=api_settings.API_CACHE_MAX_AGE)


def conditional(request, response, last_modified=None):
    """A 304 in place of a public response when the client's copy matches (any request will do)."""
    if not any(header in request.META for header in PRECONDITION_HEADERS):
        return response
    return get_conditional_response(
        request, etag=response["ETag"], last_modified=last_modified, response=response
    )


class HttpCachingMixin:
    """
    For API views: ETag, Last-Modified, 304 and Cache-Control on every response; requests with
    credentials get `private, no-store`.
    """

    def last_modified(self):
        """When what this view shows last changed (Unix seconds), or None."""
        return None

    def validator_variant(self):
        """What else than its body the response's ETag stands for (see content_etag)."""
        return ""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if has_credentials(request):
            patch_cache_control(response, private=True, no_store=True)
            return response
        # Only public content (a successful GET or HEAD without credentials) gets validators.
        if request.method not in SAFE_METHODS or response.status_code != 200:
            return response
        set_public_headers(response, self.last_modified(), self.validator_variant())
        self.public_response_built(response)
        return conditional(request, response, self.last_modified())

    def public_response_built(self, response):
        """Called with each public response built, rendered and given its headers."""


def _header(name, description, response=False):
    return OpenApiParameter(
        name,
        str,
        OpenApiParameter.HEADER,
        description=description,
        response=[200, 304] if response else False,
    )


# For @extend_schema(parameters=...) of a public GET: the validators it sends and accepts.
CONDITIONAL_GET_HEADERS = [
    _header("If-None-Match", _("An ETag of this URL's earlier response: 304 while the content is the same.")),
    _header(
        "If-Modified-Since", _("A Last-Modified of this URL's earlier response: 304 if unchanged since.")
    ),
    _header("ETag", _("Identifies this exact content; changes whenever it changes."), response=True),
    _header("Last-Modified", _("When the public content last changed."), response=True),
    _header(
        "Cache-Control", _("public, max-age=<seconds>; private, no-store when authenticated."), response=True
    ),
]
NOT_MODIFIED = OpenApiResponse(description=_("Not Modified: the client's copy is current. No body."))
