"""
The content API's settings, with their defaults. A host project overrides any of them in its
Django settings.
"""

from django.conf import settings

from articles.conf import AppSettings

api_settings = AppSettings(
    {
        # Seconds browsers and shared caches (a CDN) may reuse a public response without asking
        # again (Cache-Control: public, max-age). After that they revalidate with the ETag.
        "API_CACHE_MAX_AGE": 60,
        # How many related articles an article's detail lists.
        "API_RELATED_ARTICLES": 3,
        # Seconds the server keeps a public response in the cache (docs/caching.md). A change
        # readers can see voids every stored response at once; this only bounds how long the
        # void ones take room. 0 turns the response cache off.
        "API_RESPONSE_CACHE_TIMEOUT": 60 * 60,
        # How many of the responses it served last each process also keeps in its own memory,
        # sparing a hit the round trip to the shared cache (docs/caching.md); 0: none.
        "API_RESPONSE_LOCAL_COPIES": 256,
        # The cache (a key of CACHES) holding responses.
        "API_CACHE_ALIAS": "default",
        # The API's public address (scheme and host) in pagination links and in the URLs purged
        # from a CDN (wagtail.contrib.frontend_cache); empty: WAGTAILADMIN_BASE_URL.
        "API_PUBLIC_BASE_URL": "",
        # Anonymous GETs per client IP address (DRF rate syntax), across the whole API; None: no
        # limit. Counted in the cache and with the failure mode of the comment throttles.
        "API_READ_THROTTLE_RATE": "300/min",
        # Attempts per client IP address at POST /api/v1/auth/token/ (password guessing).
        "API_TOKEN_THROTTLE_RATE": "10/min",
        # Request bodies larger than this many bytes are refused with 413 under /api/.
        "API_MAX_REQUEST_SIZE": 64 * 1024,
        # A secret shared with the shop's own server (a Hydrogen storefront, docs/hydrogen.md):
        # a request carrying it in Clinic-Forwarding-Secret is trusted for the reader's address
        # it names in Clinic-Forwarded-For (throttles, the stored IP). Empty: never trusted.
        "API_FORWARDING_SECRET": "",
        # The Shopify app's client secret, which signs its app proxy's requests (docs/shopify.md);
        # empty: the app proxy endpoints refuse every request (401).
        "SHOPIFY_APP_PROXY_SECRET": "",
        # Seconds an app proxy request's signed timestamp stays valid (either side of now).
        "SHOPIFY_APP_PROXY_MAX_AGE": 5 * 60,
    }
)


def public_base_url():
    """The API's address as readers reach it: API_PUBLIC_BASE_URL, else WAGTAILADMIN_BASE_URL."""
    return (api_settings.API_PUBLIC_BASE_URL or getattr(settings, "WAGTAILADMIN_BASE_URL", "")).rstrip("/")
