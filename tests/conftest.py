import pytest
from django.conf import settings
from django.core.cache import caches

from api.caching.circuit import CIRCUITS
from api.caching.responses import RECENT_COPIES


def clear_caches():
    # A Redis failure in one test leaves no open circuit to the next.
    CIRCUITS.reset()
    for alias in settings.CACHES:
        caches[alias].clear()
    # Each test's database starts from the same content version: no copy may outlive the test.
    RECENT_COPIES.clear()


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with empty caches (the shared Redis one too, under CI)."""
    clear_caches()
    yield
    clear_caches()
