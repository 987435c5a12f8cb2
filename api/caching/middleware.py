"""
Response-cache hits answered before sessions, authentication, URL dispatch to DRF and the view.

A public read (an anonymous JSON GET/HEAD under /api/v1/ of a view with CachedResponseMixin, no
Authorization header, no session cookie) whose stored copy is current is answered here, through
the view's own `stored_response`, the public-read throttle and `cache_headers` (validators, 304,
Cache-Control), as the view would. Anything else (a miss, a throttled client, a request with
credentials) goes on to the view; a miss hands its lookup down so the view stores its response.

It sits below CorsMiddleware and JsonErrorsMiddleware (their headers and JSON errors apply to
hits) and above SessionMiddleware. Of the middleware below it, only XFrameOptionsMiddleware and
CommonMiddleware's Content-Length touch a public read's response: hits get both here.
"""

from functools import lru_cache

from django.conf import settings
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.urls import Resolver404, get_resolver, get_urlconf
from rest_framework.request import Request

from ..http import public_cache_headers
from .responses import CachedResponseMixin, ResponseCache

CACHED_PREFIX = "/api/v1/"


def cached_view(request):
    """The CachedResponseMixin view class serving this path, or None."""
    return _cached_view(get_resolver(get_urlconf()), request.path_info)


@lru_cache(maxsize=1024)
def _cached_view(resolver, path):
    """
    Remembered per URL resolver (a new one when the URLconf changes) and path: which view serves a
    path never changes, and resolving it again (about 50 µs) was a fifth of a hit's own CPU.
    """
    try:
        match = resolver.resolve(path)
    except Resolver404:
        return None
    view = getattr(match.func, "cls", None)
    return view if isinstance(view, type) and issubclass(view, CachedResponseMixin) else None


def may_be_shared(request):
    """The request's side of ResponseCache.for_request, read before anything authenticates."""
    return (
        request.path_info.startswith(CACHED_PREFIX)
        and request.method in ("GET", "HEAD")
        and "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def throttled(view, request):
    """Apply the view's throttles to a hit, as DRF would (each counts it once)."""
    return not all([throttle().allow_request(request, None) for throttle in view.throttle_classes])


class CachedResponseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.frame_options = XFrameOptionsMiddleware(get_response)

    def __call__(self, request):
        response = self.from_cache(request) if may_be_shared(request) else None
        return response if response is not None else self.get_response(request)

    def from_cache(self, request):
        view = cached_view(request)
        if view is None:
            return None
        response_cache = ResponseCache.for_anonymous(request)
        if response_cache is None:
            return None
        stored = response_cache.lookup()
        if stored is None:
            ResponseCache.attach(request, response_cache)
            return None
        # A throttled client is refused by the view (a refusal is not counted): DRF's own 429.
        # Public reads do not authenticate: the throttles see the anonymous DRF request the view
        # would.
        if throttled(view, Request(request)):
            return None
        response = public_cache_headers(request, view.stored_response(stored))
        response = self.frame_options.process_response(request, response)
        if not response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
