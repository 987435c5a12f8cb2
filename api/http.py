"""
HTTP caching of the API's responses: validators, 304 Not Modified and Cache-Control.

- ETag: a hash of the response body (`content_etag`). The same JSON has the same ETag however it
  was produced (a fresh render or a cached copy), and any change in what a response says changes
  it, including changes no timestamp records: a technique renamed, a comment approved.
- Last-Modified: when this URL's content last changed as far as the server has seen, i.e. when
  it first served the current ETag, remembered per URL in the shared cache (`last_modified`).
  Content with a new ETag gets a new time, at least a second after the previous one, so an
  If-Modified-Since never matches changed content. If the record is lost (cache flushed) the
  time moves forward: clients fetch again, they never miss a change.
- Public content: `Cache-Control: public, max-age=API_CACHE_MAX_AGE`. Any request made with
  credentials (a token, a session, a preview token) gets `private, no-store`.
"""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework.exceptions import NotFound

from .conf import api_settings

logger = logging.getLogger(__name__)

SAFE_METHODS = ("GET", "HEAD")


def content_etag(content):
    """A strong ETag for a response body (bytes)."""
    return f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'


def last_modified(key, etag):
    """
    When the content behind `key` (a URL) last changed: the first time `etag` was seen for it.
    Without the shared cache (unreachable), now: clients fetch again, they never miss a change.
    """
    cache_key = "api:last-modified:" + hashlib.blake2b(key.encode(), digest_size=16).hexdigest()
    now = timezone.now().replace(microsecond=0)
    try:
        seen = cache.get(cache_key)
        if seen and seen[0] == etag:
            return seen[1]
        changed = seen[1] + timedelta(seconds=1) if seen and seen[1] >= now else now
        cache.set(cache_key, (etag, changed), api_settings.API_LAST_MODIFIED_TIMEOUT)
    except Exception as error:  # noqa: BLE001 - any cache backend error
        logger.warning("Shared cache unavailable for Last-Modified: %r", error)
        return now
    return changed


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


def is_public(request, response):
    """Whether `response` is public content: a successful GET or HEAD made without credentials."""
    return request.method in SAFE_METHODS and response.status_code == 200 and not has_credentials(request)


def set_validators(request, response):
    """Compute a public response's (ETag, Last-Modified timestamp) into `response.validators`."""
    response.render()
    etag = content_etag(response.content)
    response.validators = (etag, int(last_modified(request.get_full_path(), etag).timestamp()))


def cache_headers(request, response):
    """
    Caching headers for a response, and a 304 in its place when the client's copy matches.
    Only successful public GETs get validators (`response.validators`, from `set_validators` or
    a stored copy); authenticated requests are never stored.
    """
    if has_credentials(request):
        patch_cache_control(response, private=True, no_store=True)
        return response
    if not is_public(request, response):
        return response
    return public_cache_headers(request, response)


def public_cache_headers(request, response):
    """
    cache_headers for a response known to be public (`is_public`): its validators, public
    Cache-Control, and a 304 in its place when the client's copy matches. Any request will do
    (a Django one: CachedResponseMiddleware's hits).
    """
    etag, changed = response.validators
    response["ETag"] = etag
    response["Last-Modified"] = http_date(changed)
    patch_cache_control(response, public=True, max_age=api_settings.API_CACHE_MAX_AGE)
    return get_conditional_response(request, etag=etag, last_modified=changed, response=response)


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
    _header("Last-Modified", _("When this URL's content last changed."), response=True),
    _header(
        "Cache-Control", _("public, max-age=<seconds>; private, no-store when authenticated."), response=True
    ),
]
NOT_MODIFIED = OpenApiResponse(description=_("Not Modified: the client's copy is current. No body."))


class HttpCachingMixin:
    """For API views: ETag, Last-Modified, 304 and Cache-Control on every response."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if is_public(request, response) and not hasattr(response, "validators"):
            set_validators(request, response)
            self.response_validated(request, response)
        return cache_headers(request, response)

    def response_validated(self, request, response):
        """Called with each freshly computed public response, once its validators are set."""


@csrf_exempt
def not_found(request, *args, **kwargs):
    """Unknown paths under /api/ answer like DRF's own 404s, in JSON, whatever the method."""
    return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
