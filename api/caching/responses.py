"""
Public GET responses kept in the cache, keyed on the content version.

A response is stored under the content version read before it was built (version.py), the
view's path, its query string reduced to the parameters the view reads (sorted) and the
negotiated format. Nothing else a client sends is in the key or changes the body: URLs in
responses come from settings, not from `Host` or `X-Forwarded-*`, and the JSON renderer ignores
`Accept` parameters. Any change readers can see moves the version, so a response stored before
it is never found again, by any process; it is left to expire (API_RESPONSE_CACHE_TIMEOUT) or be
culled by the cache's own bound.

Requests with credentials (a token, a session, a preview token) never read or write the cache.
"""

import hashlib
import logging
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.cache import caches
from django.http import HttpResponse
from rest_framework import renderers

from ..conf import api_settings
from . import version
from .http import HttpCachingMixin, has_credentials

logger = logging.getLogger(__name__)

# Headers DRF adds to a view's response that a stored copy answers with too.
STORED_HEADERS = ("Allow", "Vary")


class JSONRenderer(renderers.JSONRenderer):
    """DRF's JSON, never indented on request: no `Accept: ...; indent=` changes the bytes."""

    def get_indent(self, accepted_media_type, renderer_context):
        return None


@dataclass
class StoredResponse:
    body: bytes
    content_type: str
    etag: str
    headers: dict
    # What the view adds to a stored copy when it answers with it (CachedResponseMixin.hit).
    state: dict = field(default_factory=dict)

    def to_response(self):
        response = HttpResponse(self.body, content_type=self.content_type, headers=self.headers)
        response.etag = self.etag
        return response


def response_cache():
    return caches[api_settings.API_CACHE_ALIAS]


def safely(operation):
    """A cache operation whose failure (an unreachable server) is logged and answered None."""
    try:
        return operation()
    except Exception as error:  # noqa: BLE001 - any backend's connection errors: answer without it
        logger.warning("Response cache unavailable, answering from the database: %r", error)
        return None


class CachedResponseMixin(HttpCachingMixin):
    """
    For public read views. `cache_state()` is kept with a stored copy for `hit()`, which builds
    the response a copy answers with (the comments add their form token there).

    Reading public content needs no credentials, so GETs skip authentication (and sessions, which
    would add `Vary: Cookie` and keep CDNs from caching); a request carrying credentials anyway
    is answered privately from the database.
    """

    renderer_classes = [JSONRenderer]
    version = None
    cache_key = None

    def get_authenticators(self):
        # The OpenAPI generator asks without a request: it documents the other methods' schemes.
        if self.request is not None and self.request.method in ("GET", "HEAD"):
            return []
        return super().get_authenticators()

    def initial(self, request, *args, **kwargs):
        # Throttles and permissions first: a hit counts against the client's rate like a miss.
        super().initial(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD"):
            return
        self.version = version.current()
        if api_settings.API_RESPONSE_CACHE_TIMEOUT > 0 and not has_credentials(request):
            self.cache_key = self.response_cache_key(request)
            stored = safely(lambda: response_cache().get(self.cache_key))
            if isinstance(stored, StoredResponse):
                # DRF calls the method's handler next: the stored copy answers in its place.
                setattr(self, request.method.lower(), lambda *args, **kwargs: self.hit(stored))

    def response_cache_key(self, request):
        names = self.cached_query_params()
        query = urlencode(sorted((name, value) for name in names for value in request.GET.getlist(name)))
        variant = f"{self.version.value}.{self.version.changed_at} {request.accepted_renderer.format}"
        raw = f"{variant} {request.path}?{query}"
        return "api:response:" + hashlib.blake2b(raw.encode(), digest_size=20).hexdigest()

    def cached_query_params(self):
        """The query parameters a response depends on: a listing's pages and filters; none else."""
        if getattr(self, "action", "list") != "list":
            return set()
        names = set()
        if self.paginator is not None:
            names |= {self.paginator.page_query_param, self.paginator.page_size_query_param}
        filterset_class = getattr(self, "filterset_class", None)
        if filterset_class is not None:
            names |= filterset_class.base_filters.keys()
        return names

    def cache_state(self):
        return {}

    def hit(self, stored):
        """The response a stored copy answers with, before its caching headers."""
        return stored.to_response()

    def last_modified(self):
        return (self.version.changed_at or None) if self.version else None

    def public_response_built(self, response):
        if self.cache_key is None:
            return
        headers = {name: response[name] for name in STORED_HEADERS if response.has_header(name)}
        stored = StoredResponse(
            response.content, response["Content-Type"], response.etag, headers, self.cache_state()
        )
        timeout = api_settings.API_RESPONSE_CACHE_TIMEOUT
        safely(lambda: response_cache().set(self.cache_key, stored, timeout))
