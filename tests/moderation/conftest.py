import pytest
from django.test import override_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import ArticlePageFactory

from .factories import EditorFactory, ModeratorFactory
from .receiver import SECRET, serving


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


@pytest.fixture
def receiver():
    with (
        serving() as server,
        override_settings(COMMENT_WEBHOOK_URL=server.url, COMMENT_WEBHOOK_SECRET=SECRET),
    ):
        yield server
