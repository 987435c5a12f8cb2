import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache (the shared Redis one too, under CI)."""
    cache.clear()
    yield
    cache.clear()
