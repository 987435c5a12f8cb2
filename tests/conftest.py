import pytest
from django.conf import settings
from django.core.cache import caches


def clear_caches():
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with empty caches (the shared Redis one too, under CI)."""
    clear_caches()
    yield
    clear_caches()
