"""A frontend cache backend that records what it is asked to purge, for tests."""

from django.db import connection
from wagtail.contrib.frontend_cache.backends.base import BaseBackend


class RecordingBackend(BaseBackend):
    """Records each URL purged, and each purge request (a batch) with whether a transaction was open."""

    purged = []
    batches = []

    def purge(self, url):
        self.purged.append(url)

    def purge_batch(self, urls):
        self.batches.append({"urls": sorted(urls), "in_transaction": connection.in_atomic_block})
        super().purge_batch(urls)
