"""
Public GET responses kept in the cache, keyed on the content version.

A response is stored under the content version read before it was built (version.py), the
view's path, its query string reduced to the parameters the view reads (sorted), the negotiated
format and the release. Nothing else a client sends is in the key or changes the body: URLs in
responses come from settings, not from `Host` or `X-Forwarded-*`, and the JSON renderer ignores
`Accept` parameters. Any change readers can see moves the version, so a response stored before
it is never found again, by any process; it is left to expire (API_RESPONSE_CACHE_TIMEOUT) or be
culled by the cache's own bound.

Requests with credentials (a token, a session) never read or write the cache.
"""

import hashlib
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from importlib import import_module, metadata
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from rest_framework import renderers
from rest_framework.request import Request
from rest_framework.settings import api_settings as drf_settings

from ..conf import api_settings
from . import version
from .http import SAFE_METHODS, HttpCachingMixin, conditional

logger = logging.getLogger(__name__)

# The headers a stored copy answers with: DRF's and the caching headers (http.py).
STORED_HEADERS = ("Allow", "Vary", "ETag", "Last-Modified", "Cache-Control")
JSON_MEDIA_RANGES = {"*/*", "application/*", "application/json"}


class JSONRenderer(renderers.JSONRenderer):
    """DRF's JSON, never indented on request: no `Accept: ...; indent=` changes the bytes."""

    def get_indent(self, accepted_media_type, renderer_context):
        return None


@dataclass(frozen=True)
class StoredResponse:
    body: bytes
    content_type: str
    headers: dict

    def to_response(self):
        return HttpResponse(self.body, content_type=self.content_type, headers=self.headers)


@cache
def release():
    """
    A digest of the code that shapes responses (these apps' modules, the versions of the
    libraries building their JSON), computed once per process. It is in every key, so that
    during a deploy neither release serves a response the other stored under the same version.
    """
    digest = hashlib.blake2b(digest_size=8)
    for package in ("articles", "moderation", "api"):
        root = Path(import_module(package).__file__).parent
        for path in sorted(root.rglob("*.py")):
            if "migrations" not in path.parts:
                digest.update(path.read_bytes())
    for library in ("wagtail", "django", "djangorestframework"):
        digest.update(metadata.version(library).encode())
    return digest.hexdigest()


def query_pairs(query, names):
    """The (name, value) pairs of a QueryDict for these parameter names, sorted: one spelling."""
    return sorted((name, value) for name, values in query.lists() if name in names for value in values)


def accepts_json(request):
    """Whether the request's Accept header lets the view answer JSON, its only format."""
    accept = request.META.get("HTTP_ACCEPT", "")
    ranges = {part.split(";")[0].strip() for part in accept.split(",")}
    return not accept or bool(ranges & JSON_MEDIA_RANGES)


def shareable(request):
    """
    Whether a request (a Django one) may be answered with a stored copy, or store one: a GET or
    HEAD for JSON without credentials (an Authorization header, a session cookie) or another
    format asked in the query string.
    """
    return (
        api_settings.API_RESPONSE_CACHE_TIMEOUT > 0
        and request.method in SAFE_METHODS
        and "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and drf_settings.URL_FORMAT_OVERRIDE not in request.GET
        and accepts_json(request)
    )


def response_cache():
    return caches[api_settings.API_CACHE_ALIAS]


class RecentCopies:
    """
    The responses a process served last, under the same keys as the shared cache. A key holds
    the version its request has just read from the database, so a copy found here is exactly as
    current as one in the shared cache, and costs no round trip to it. Copies are kept as they
    are, not pickled as Django's local-memory cache would: nothing changes a StoredResponse.
    """

    def __init__(self):
        self.copies = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            stored = self.copies.get(key)
            if stored is not None:
                self.copies.move_to_end(key)
            return stored

    def set(self, key, stored, bound):
        """Keep `stored`, forgetting the least recently used copies beyond `bound`."""
        with self.lock:
            self.copies[key] = stored
            self.copies.move_to_end(key)
            while len(self.copies) > bound:
                self.copies.popitem(last=False)

    def clear(self):
        with self.lock:
            self.copies.clear()


# This process's copies: at most API_RESPONSE_LOCAL_COPIES of them, none when it is 0.
RECENT_COPIES = RecentCopies()


def stored_copy(key):
    """The StoredResponse under `key`, from this process's recent copies or the shared cache."""
    bound = api_settings.API_RESPONSE_LOCAL_COPIES
    stored = RECENT_COPIES.get(key) if bound > 0 else None
    if stored is None:
        stored = safely(lambda: response_cache().get(key))
        if not isinstance(stored, StoredResponse):
            return None
        if bound > 0:
            RECENT_COPIES.set(key, stored, bound)
    return stored


def keep_copy(key, stored):
    bound = api_settings.API_RESPONSE_LOCAL_COPIES
    if bound > 0:
        RECENT_COPIES.set(key, stored, bound)
    safely(lambda: response_cache().set(key, stored, api_settings.API_RESPONSE_CACHE_TIMEOUT))


def safely(operation):
    """A cache operation whose failure (an unreachable server) is logged and answered None."""
    try:
        return operation()
    except Exception as error:  # noqa: BLE001 - any backend's connection errors: answer without it
        logger.warning("Response cache unavailable, answering from the database: %r", error)
        return None


class CachedResponseMixin(HttpCachingMixin):
    """
    For public read views.

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

    def dispatch(self, request, *args, **kwargs):
        """
        A stored copy answers here, before DRF builds its request, authenticates or negotiates:
        its key holds everything the response depends on, and the request was checked to be one
        any client could have made (`shareable`). The view's throttles still count it. A miss
        goes on through DRF, which stores what it builds under the same key.
        """
        if shareable(request):
            if hasattr(self, "action_map"):  # a viewset: the action its own request would set
                self.action = self.action_map.get(request.method.lower())
            self.version = version.current()
            self.cache_key = self.response_cache_key(request)
            stored = stored_copy(self.cache_key)
            if stored is not None and not self.refused_by_throttles(request):
                return conditional(request, stored.to_response(), self.last_modified())
        return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.version is None and request.method in SAFE_METHODS:
            self.version = version.current()

    def refused_by_throttles(self, request):
        """
        Apply the view's throttles to a hit as DRF would (each counts it, a refusal is not). A
        throttle without a rate allows every request, as DRF's own do: it is not asked.
        """
        throttles = [throttle for throttle in self.get_throttles() if getattr(throttle, "rate", True)]
        if not throttles:
            return False
        drf_request = Request(request)
        return not all([throttle.allow_request(drf_request, self) for throttle in throttles])

    def response_cache_key(self, request):
        query = urlencode(query_pairs(request.GET, self.cached_query_params()))
        variant = f"{release()} {self.version.value}.{self.version.changed_at} {JSONRenderer.format}"
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

    def last_modified(self):
        return (self.version.changed_at or None) if self.version else None

    def public_response_built(self, response):
        if self.cache_key is None:
            return
        headers = {name: response[name] for name in STORED_HEADERS if response.has_header(name)}
        stored = StoredResponse(response.content, response["Content-Type"], headers)
        keep_copy(self.cache_key, stored)
