"""
Public GET responses stored whole in the shared cache, and answered from it without the database.

A stored copy holds the body, its validators (ETag, Last-Modified) and the generations of what it
shows; a request for the same URL (scheme, host, path and query string, parameters in a fixed
order) gets it while those generations are unchanged. Requests with credentials (a token, a
session, a preview token) and anything but a JSON GET/HEAD never touch the stored copies.
"""

import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpResponse

from ..conf import api_settings
from ..http import HttpCachingMixin, has_credentials
from . import channel, generations

JSON_MEDIA_RANGES = {"*/*", "application/*", "application/json"}
# Headers DRF adds to a view's response that a stored copy must answer with too.
STORED_HEADERS = ("Allow", "Vary")


def accepts_json(request):
    """Whether the request's Accept header lets DRF answer JSON (the only renderer here)."""
    accept = request.META.get("HTTP_ACCEPT", "")
    ranges = {part.split(";")[0].strip() for part in accept.split(",")}
    return not accept or bool(ranges & JSON_MEDIA_RANGES)


def cache_key(request):
    """The stored copy's key: the URL with its query string's parameters sorted by name."""
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    url = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return "api:response:v2:" + hashlib.blake2b(url.encode(), digest_size=20).hexdigest()


@dataclass
class StoredResponse:
    body: bytes
    content_type: str
    etag: str
    last_modified: int
    generations: dict
    state: dict
    headers: dict

    def to_response(self):
        response = HttpResponse(self.body, content_type=self.content_type, headers=self.headers)
        response.validators = (self.etag, self.last_modified)
        return response


@dataclass
class RememberedCopy:
    expires: float
    stored: StoredResponse
    # A value of the generations' clock read before the copy's generations were last found
    # current: while the clock still reads it, no generation has been bumped since.
    checked_at: int
    # The process's epoch read before that (channel.py), or None: while it is still the epoch, no
    # change has been announced since, and the copy is served without asking Redis.
    epoch: int | None


class RecentCopies:
    """
    The copies this process served or stored last, so that a hit costs one small cache read (the
    clock) instead of two. A copy from here is served under the same rule as one from the shared
    cache, only while every generation it recorded is current, so it is never staler: it is
    checked against its generations again whenever the clock has moved since its last check.
    """

    size = 256

    def __init__(self):
        self._copies = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        """The RememberedCopy under `key`, or None."""
        with self._lock:
            remembered = self._copies.get(key)
            if remembered is None or remembered.expires < time.monotonic():
                self._copies.pop(key, None)
                return None
            self._copies.move_to_end(key)
            return remembered

    def put(self, key, stored, checked_at, epoch):
        expires = time.monotonic() + api_settings.API_RESPONSE_CACHE_TIMEOUT
        with self._lock:
            self._copies[key] = RememberedCopy(expires, stored, checked_at, epoch)
            self._copies.move_to_end(key)
            while len(self._copies) > self.size:
                self._copies.popitem(last=False)

    def discard(self, key):
        with self._lock:
            self._copies.pop(key, None)


recent_copies = RecentCopies()


class ResponseCache:
    """The stored copy of one request's response: looked up, or stored once computed."""

    def __init__(self, request):
        self.key = cache_key(request)
        self.clock = None
        self.epoch = None

    @classmethod
    def for_request(cls, request):
        """The request's ResponseCache, or None when its response must not be shared."""
        return None if has_credentials(request) else cls.for_anonymous(request)

    @classmethod
    def for_anonymous(cls, request):
        """
        for_request for a request known to carry no credentials (CachedResponseMiddleware checks
        before anything authenticates): a Django request will do, no DRF Request is needed.
        """
        if (
            api_settings.API_RESPONSE_CACHE_TIMEOUT <= 0
            or request.method not in ("GET", "HEAD")
            or not accepts_json(request)
        ):
            return None
        return cls(request)

    @classmethod
    def attach(cls, request, response_cache):
        """Hand a missed lookup (its clock read) down to the view, which stores its response."""
        request.api_response_cache = response_cache

    @classmethod
    def attached(cls, request):
        return getattr(request, "api_response_cache", None)

    def lookup(self):
        """
        A current stored copy, or None. A copy remembered here is served on the epoch alone while
        no change has been announced since it was checked. Otherwise the clock is read first: it
        is what a remembered copy was last checked at, and on a miss it lets the computed response
        be stored.
        """
        self.epoch = channel.subscription.epoch()
        remembered = recent_copies.get(self.key)
        if remembered is not None and self.epoch is not None and remembered.epoch == self.epoch:
            return remembered.stored
        self.clock = generations.read_clock()
        if self.clock is None:
            return None
        if remembered is not None:
            if remembered.checked_at == self.clock or generations.unchanged(remembered.stored.generations):
                remembered.checked_at, remembered.epoch = self.clock, self.epoch
                return remembered.stored
            recent_copies.discard(self.key)
        stored = generations.safely(lambda: generations.shared_cache().get(self.key))
        # Anything else under the key (a copy from an older release) is a miss.
        if isinstance(stored, StoredResponse) and generations.unchanged(stored.generations):
            recent_copies.put(self.key, stored, self.clock, self.epoch)
            return stored
        return None

    def store(self, response, depends_on, state):
        """Keep a computed 200 for later requests, unless what it shows changed meanwhile."""
        if self.clock is None:
            return
        current = generations.current(depends_on, self.clock)
        if current is None or generations.changed_since(current, self.clock):
            return
        etag, last_modified = response.validators
        headers = {name: response[name] for name in STORED_HEADERS if response.has_header(name)}
        stored = StoredResponse(
            response.content, response["Content-Type"], etag, last_modified, current, state, headers
        )
        generations.safely(
            lambda: generations.shared_cache().set(self.key, stored, api_settings.API_RESPONSE_CACHE_TIMEOUT)
        )
        recent_copies.put(self.key, stored, self.clock, self.epoch)


class CachedResponseMixin(HttpCachingMixin):
    """
    For public read views: GETs are answered from the shared cache while what they show is
    unchanged. `cache_scopes` are the generations every response of the view depends on;
    `cache_dependencies(data)` adds those of the objects a response shows; `cache_state()` is
    kept with the copy and is `stored_state` on a hit, for what a view adds to a stored response.

    Reading public content needs no credentials, so GETs skip authentication (and sessions, which
    would add `Vary: Cookie` and keep CDNs from caching); a request carrying credentials anyway
    is answered privately from the database.
    """

    cache_scopes = (generations.PAGES,)
    response_cache = None

    def cache_dependencies(self, data):
        return ()

    def cache_state(self):
        return {}

    @classmethod
    def stored_response(cls, stored):
        """
        The response a stored copy answers with, before its caching headers: the one code path
        of hits, whether CachedResponseMiddleware or the view itself found the copy. Views that
        add to a response (from `stored.state`) extend it.
        """
        return stored.to_response()

    def get_authenticators(self):
        # The OpenAPI generator asks without a request: it documents the other methods' schemes.
        if self.request is not None and self.request.method in ("GET", "HEAD"):
            return []
        return super().get_authenticators()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # CachedResponseMiddleware answered hits already and hands down its missed lookup; a
        # project without it looks up here.
        self.response_cache = ResponseCache.attached(request)
        if self.response_cache is not None:
            return
        self.response_cache = ResponseCache.for_request(request)
        stored = self.response_cache.lookup() if self.response_cache else None
        if stored is not None:
            # DRF calls the method's handler next: the stored copy answers in its place.
            setattr(self, request.method.lower(), lambda *args, **kwargs: self.stored_response(stored))

    def response_validated(self, request, response):
        if self.response_cache is not None:
            depends_on = [*self.cache_scopes, *self.cache_dependencies(response.data)]
            self.response_cache.store(response, depends_on, self.cache_state())
