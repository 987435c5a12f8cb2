"""
The content API's settings, with their defaults. A host project overrides any of them in its
Django settings.
"""

from articles.conf import AppSettings

api_settings = AppSettings(
    {
        # Seconds browsers and shared caches (a CDN) may reuse a public response without asking
        # again (Cache-Control: public, max-age). After that they revalidate with the ETag.
        "API_CACHE_MAX_AGE": 60,
        # Seconds the server remembers when a response's content last changed (Last-Modified).
        "API_LAST_MODIFIED_TIMEOUT": 7 * 24 * 60 * 60,
        # How many related articles an article's detail lists.
        "API_RELATED_ARTICLES": 3,
        # Seconds the server keeps a public response in the shared cache (docs/caching.md). Stored
        # copies are invalidated as soon as what they show changes; this only bounds memory and
        # an invalidation lost while the cache was unreachable. 0 turns the response cache off.
        "API_RESPONSE_CACHE_TIMEOUT": 60 * 60,
        # The cache (a key of CACHES) holding responses and their generations: shared by every
        # worker, so Redis in production.
        "API_CACHE_ALIAS": "default",
        # Seconds a change waits for every process serving cached responses to acknowledge it
        # (with Redis: docs/caching.md, "Announced changes"). A process that has not is still
        # exact on its next hit, which reads the announcement waiting in its socket first.
        "API_CHANGE_ACK_TIMEOUT": 1.0,
        # The API's public address as a CDN in front of it sees it (scheme and host), for the URLs
        # purged through wagtail.contrib.frontend_cache; empty: WAGTAILADMIN_BASE_URL.
        "API_PUBLIC_BASE_URL": "",
        # Anonymous GETs per client IP address (DRF rate syntax), across the whole API; None: no
        # limit. Counted in the cache and with the failure mode of the comment throttles.
        "API_READ_THROTTLE_RATE": "300/min",
        # Attempts per client IP address at POST /api/v1/auth/token/ (password guessing).
        "API_TOKEN_THROTTLE_RATE": "10/min",
        # Request bodies larger than this many bytes are refused with 413 under /api/.
        "API_MAX_REQUEST_SIZE": 64 * 1024,
    }
)
