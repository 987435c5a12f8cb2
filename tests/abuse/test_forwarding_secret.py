"""A shop server holding API_FORWARDING_SECRET names its reader's address; nobody else can."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from moderation.models import Comment

pytestmark = pytest.mark.django_db

SECRET = "forwarding-test-secret"  # noqa: S105 - a test value
STOREFRONT = "203.0.113.50"
VALID = {"author_name": "Ada", "author_email": "ada@example.org", "body": "My knee feels better."}


@pytest.fixture(autouse=True)
def forwarding_secret(settings):
    settings.API_FORWARDING_SECRET = SECRET


def post(article, body=VALID, **headers):
    client = APIClient(REMOTE_ADDR=STOREFRONT)
    return client.post(reverse("api:article-comments", args=[article.slug]), body, format="json", **headers)


def test_with_the_secret_the_named_readers_address_is_stored(article):
    response = post(article, HTTP_CLINIC_FORWARDING_SECRET=SECRET, HTTP_CLINIC_FORWARDED_FOR="198.51.100.23")

    assert response.status_code == 202
    assert Comment.objects.get().ip_address == "198.51.100.23"


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({"HTTP_CLINIC_FORWARDED_FOR": "198.51.100.23"}, id="no secret"),
        pytest.param(
            {"HTTP_CLINIC_FORWARDING_SECRET": "guess", "HTTP_CLINIC_FORWARDED_FOR": "198.51.100.23"},
            id="wrong secret",
        ),
        pytest.param({"HTTP_X_FORWARDED_FOR": "198.51.100.23"}, id="X-Forwarded-For"),
    ],
)
def test_without_the_secret_the_named_address_is_ignored(article, headers):
    assert post(article, **headers).status_code == 202
    assert Comment.objects.get().ip_address == STOREFRONT


def test_unset_the_secret_trusts_nobody(article, settings):
    settings.API_FORWARDING_SECRET = ""

    post(article, HTTP_CLINIC_FORWARDING_SECRET="", HTTP_CLINIC_FORWARDED_FOR="198.51.100.23")

    assert Comment.objects.get().ip_address == STOREFRONT


def test_each_reader_behind_the_storefront_has_their_own_limit(article, settings):
    settings.COMMENT_THROTTLE_RATE = "1/min"

    def as_reader(address, body):
        return post(
            article,
            {**VALID, "body": body},
            HTTP_CLINIC_FORWARDING_SECRET=SECRET,
            HTTP_CLINIC_FORWARDED_FOR=address,
        ).status_code

    assert [
        as_reader("198.51.100.1", "First comment."),
        as_reader("198.51.100.2", "Second comment."),
        as_reader("198.51.100.1", "Third comment."),
    ] == [202, 202, 429]
