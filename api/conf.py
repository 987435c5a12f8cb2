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
    }
)
