"""
The CDN in front of the API: the URLs of a change, purged through wagtail.contrib.frontend_cache
(WAGTAILFRONTENDCACHE: Cloudflare, CloudFront, Varnish... see docs/caching.md) once the change
commits. Without a configured backend nothing is computed or sent.

A CDN purges URLs exactly: the query-string variants of a listing (other pages, filters) and
details that show a changed article among their related ones are not purged and follow within
API_CACHE_MAX_AGE. The server's own cache has no such delay.
"""

from functools import partial

from django.db import transaction
from django.urls import reverse
from wagtail.contrib.frontend_cache.utils import get_backends, purge_urls_from_cache

from ..conf import public_base_url

TAXONOMY_ROUTES = ("api:technique-list", "api:condition-list", "api:tag-list")


def enabled():
    return bool(get_backends())


def article_urls(slugs):
    """An article's detail and comments, and the listing, for each slug."""
    paths = [reverse("api:article-list")]
    for slug in slugs:
        paths += [
            reverse("api:article-detail", kwargs={"slug": slug}),
            reverse("api:article-comments", kwargs={"slug": slug}),
        ]
    return paths


def taxonomy_urls(entry=None):
    """The taxonomy listings, and the detail of `entry` (a technique or condition) when given."""
    paths = [reverse(route) for route in TAXONOMY_ROUTES]
    if entry is not None:
        paths.append(reverse(f"api:{entry._meta.model_name}-detail", kwargs={"slug": entry.slug}))
    return paths


def purge_on_commit(paths):
    """Purge these API paths from the CDN once the current transaction commits."""
    urls = sorted({public_base_url() + path for path in paths})
    transaction.on_commit(partial(purge_urls_from_cache, urls), robust=True)
