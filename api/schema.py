"""OpenAPI schema helpers for drf-spectacular."""

from drf_spectacular.views import SpectacularAPIView

from .caching.http import HttpCachingMixin


def only_this_api(endpoints):
    """Document our API alone, not the Wagtail admin's internal endpoints that share DRF."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]


class SchemaView(HttpCachingMixin, SpectacularAPIView):
    """The OpenAPI document, with the same ETag, Last-Modified and 304s as the content."""
