import pytest
from rest_framework.test import APIClient

from tests.factories import ArticlePageFactory

from .helpers import SECRET


@pytest.fixture(autouse=True)
def app_proxy_secret(settings):
    settings.SHOPIFY_APP_PROXY_SECRET = SECRET


@pytest.fixture
def shopify():
    """A client standing for Shopify's proxy servers (their address is REMOTE_ADDR)."""
    return APIClient(REMOTE_ADDR="203.0.113.9")


@pytest.fixture
def article(db):
    return ArticlePageFactory(slug="knee-pain")


@pytest.fixture
def reader_client():
    return APIClient(REMOTE_ADDR="198.51.100.77")
