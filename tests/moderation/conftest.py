import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import ArticlePageFactory

from .factories import EditorFactory, ModeratorFactory


@pytest.fixture
def reader():
    """An API client without credentials."""
    return APIClient()


@pytest.fixture
def article(db):
    return ArticlePageFactory(slug="knee-pain")


@pytest.fixture
def moderator(db):
    return ModeratorFactory(username="mia", email="mia@shop.example")


def token_client(user):
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def moderator_client(moderator):
    return token_client(moderator)


@pytest.fixture
def editor_client(db):
    return token_client(EditorFactory())
