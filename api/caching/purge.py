"""
The CDN in front of the API: the URLs of a change, purged through wagtail.contrib.frontend_cache
(WAGTAILFRONTENDCACHE: Cloudflare, CloudFront, Varnish... see docs/caching.md) once the change
commits. Without a configured backend nothing is computed or sent.

Purges are batched: a request (PurgeBatchMiddleware) or a command (`batched()`) collects the URLs
of everything it commits and queues them as one batch when it ends, so a bulk moderation of 500
comments is one purge request per CDN, not 500. The tasks worker sends it (tasks.py): no request
waits for a CDN. Nothing is sent inside a transaction, nor for a
change rolled back (an import's --dry-run): URLs join the batch only when their change commits.
Wagtail's own purge of a published page, which its frontend_cache app would send from inside
the publishing transaction (even an import's dry run), is made here the same way instead: the
app is not installed, only its backends and PurgeBatch are used (`connect()`).

A CDN purges URLs exactly: the query-string variants of a listing (other pages, filters) and
details that show a changed article among their related ones are not purged and follow within
API_CACHE_MAX_AGE. The server's own cache has no such delay.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial

from django.db import transaction
from django.urls import reverse
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.models import get_page_models
from wagtail.signals import page_published, page_unpublished

from ..conf import public_base_url
from . import tasks

TAXONOMY_ROUTES = ("api:technique-list", "api:condition-list", "api:tag-list")

# The batch of the request or command running in this context, if any.
current_batch = ContextVar("api_purge_batch", default=None)


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
    urls = [public_base_url() + path for path in paths]
    transaction.on_commit(partial(committed, urls), robust=True)


def page_on_commit(instance, **kwargs):
    """
    A published or unpublished page's own URLs (Wagtail's, as its frontend_cache app would purge
    them from inside the publishing transaction), once the publication commits.
    """
    if enabled():
        transaction.on_commit(partial(committed, [], instance), robust=True)


def committed(urls, page=None):
    """Changes committed: their URLs join this request's or command's batch, or are sent now."""
    batch = PurgeBatch(urls)
    if page is not None:
        batch.add_page(page)
    pending = current_batch.get()
    if pending is None:
        send(batch.urls)
    else:
        pending.add_urls(batch.urls)


@contextmanager
def batched():
    """
    One purge for every change committed inside (a request, a command), sent at the end, once
    no transaction is open. Nested, the outermost sends.
    """
    if current_batch.get() is not None:
        yield
        return
    batch = PurgeBatch()
    token = current_batch.set(batch)
    try:
        yield
    finally:
        current_batch.reset(token)
        send(batch.urls)


def send(urls):
    """
    Queue the purge of `urls` for the tasks worker, once the surrounding transaction commits (at
    once outside one).
    """
    if urls:
        transaction.on_commit(partial(tasks.purge_urls.enqueue, sorted(urls)), robust=True)


class PurgeBatchMiddleware:
    """One CDN purge per request, for everything it committed (see `batched`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with batched():
            return self.get_response(request)


def connect():
    """Purge published and unpublished pages after commit, batched (ApiConfig.ready())."""
    for model in get_page_models():
        for signal, name in ((page_published, "published"), (page_unpublished, "unpublished")):
            signal.connect(page_on_commit, sender=model, dispatch_uid=f"api-purge-{name}-{model.__name__}")
