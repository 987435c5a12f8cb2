"""
Addresses as the shop frontend needs them.

Readers see articles on the frontend (FRONTEND_BASE_URL), not on this server, so a page's URL is
its path within its Wagtail site put after the frontend's base URL. Files this server stores
(image renditions, documents) keep this server's address (WAGTAILADMIN_BASE_URL), made absolute
because the frontend runs on another origin; never the Host a client sent, so that every client
gets the same bytes (the API caches them for all).
"""

from urllib.parse import urlsplit

from django.conf import settings

from ..conf import articles_settings


def frontend_url(page, request=None):
    """The page's address on the frontend, or None for a page outside every site."""
    parts = page.get_url_parts(request=request)
    if parts is None or parts[2] is None:
        return None
    return articles_settings.FRONTEND_BASE_URL.rstrip("/") + parts[2]


def absolute_url(url):
    """
    `url` with WAGTAILADMIN_BASE_URL's scheme and host. URLs a storage already made absolute (a
    CDN) are kept.
    """
    if urlsplit(url).netloc:
        return url
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") + url
