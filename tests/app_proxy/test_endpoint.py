"""Comments through Shopify's app proxy: signed requests only, verified customers marked."""

import time

import pytest
from django.urls import reverse

from moderation.models import AuditEntry, Comment
from tests.moderation.factories import ApprovedCommentFactory

from .helpers import proxy_form_token_url, proxy_url

pytestmark = pytest.mark.django_db

VALID = {"author_name": "Ada", "author_email": "ada@example.org", "body": "My knee feels better."}
READER = "198.51.100.23"


def post(client, url, data=VALID, **headers):
    return client.post(url, data, format="json", HTTP_X_FORWARDED_FOR=READER, **headers)


def test_a_logged_in_customers_comment_is_stored_as_a_verified_customers(shopify, article):
    response = post(shopify, proxy_url(article.slug, customer="7012345678901"), HTTP_USER_AGENT="Safari/18")

    assert response.status_code == 202
    assert response["Cache-Control"] == "private, no-store"
    comment = Comment.objects.get(pk=response.json()["id"])
    assert (comment.status, comment.shopify_customer_id, comment.verified_customer) == (
        "pending",
        7012345678901,
        True,
    )
    # The reader's address is the one Shopify forwarded, not Shopify's own.
    assert (comment.ip_address, comment.user_agent) == (READER, "Safari/18")


def test_an_anonymous_readers_comment_through_the_proxy_is_not_a_verified_customers(shopify, article):
    response = post(shopify, proxy_url(article.slug, customer=""))

    assert response.status_code == 202
    assert Comment.objects.get().shopify_customer_id is None


@pytest.mark.parametrize(
    "query",
    [
        pytest.param({"signature": ""}, id="missing"),
        pytest.param({"signature": "0" * 64}, id="forged"),
        pytest.param({"secret": "another-apps-secret"}, id="signed with another secret"),
        pytest.param({"timestamp": int(time.time()) - 301}, id="stale"),
    ],
)
def test_a_missing_forged_or_stale_signature_is_401_and_nothing_is_stored(shopify, article, query):
    for response in (
        post(shopify, proxy_url(article.slug, customer="42", **query)),
        shopify.get(proxy_url(article.slug, **query)),
    ):
        assert response.status_code == 401
        assert set(response.json()) == {"detail"}
        assert response.has_header("WWW-Authenticate")
    assert not Comment.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_signed_query_with_a_customer_id_added_by_the_reader_is_refused(shopify, article):
    url = proxy_url(article.slug, customer="")

    response = post(shopify, url.replace("logged_in_customer_id=", "logged_in_customer_id=42"))

    assert response.status_code == 401
    assert not Comment.objects.exists()


def test_without_a_secret_set_every_proxy_request_is_refused(shopify, article, settings):
    settings.SHOPIFY_APP_PROXY_SECRET = ""

    assert post(shopify, proxy_url(article.slug, customer="42")).status_code == 401
    assert not Comment.objects.exists()


def test_the_forwarded_address_is_ignored_on_the_public_endpoint(shopify, article):
    # Only a verified proxy request is trusted for X-Forwarded-For (NUM_PROXIES is 0 here).
    response = post(shopify, reverse("api:article-comments", args=[article.slug]))

    assert response.status_code == 202
    assert Comment.objects.get().ip_address == "203.0.113.9"


def test_the_thread_reads_through_the_proxy_with_the_verified_customer_badge(shopify, article):
    ApprovedCommentFactory(article=article, author_name="Ben", shopify_customer_id=55)
    ApprovedCommentFactory(article=article, author_name="Cy")

    response = shopify.get(proxy_url(article.slug), HTTP_X_FORWARDED_FOR=READER)

    assert response.status_code == 200
    assert [(c["author_name"], c["verified_customer"]) for c in response.json()["results"]] == [
        ("Ben", True),
        ("Cy", False),
    ]
    assert "shopify_customer_id" not in response.json()["results"][0]


def test_the_public_endpoint_shows_the_badge_but_never_the_customer_id(shopify, article):
    ApprovedCommentFactory(article=article, shopify_customer_id=55)

    comment = shopify.get(reverse("api:article-comments", args=[article.slug])).json()["results"][0]

    assert comment["verified_customer"] is True
    assert "shopify_customer_id" not in comment


def test_a_comment_posted_through_the_proxy_keeps_the_form_token_check(shopify, article):
    token = shopify.get(proxy_form_token_url(article.slug)).json()["form_token"]

    response = post(shopify, proxy_url(article.slug, customer="42"), {**VALID, "form_token": token})

    names = [signal["name"] for signal in Comment.objects.get(pk=response.json()["id"]).spam_signals]
    assert "form_token" not in names


def test_proxy_submissions_are_throttled_per_reader_not_per_shopify_server(shopify, article, settings):
    settings.COMMENT_THROTTLE_RATE = "1/min"
    first = post(shopify, proxy_url(article.slug), {**VALID, "body": "First comment."})
    other_reader = shopify.post(
        proxy_url(article.slug),
        {**VALID, "body": "Second comment."},
        format="json",
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )
    again = post(shopify, proxy_url(article.slug), {**VALID, "body": "Third comment."})

    assert [first.status_code, other_reader.status_code, again.status_code] == [202, 202, 429]


def test_page_links_through_the_proxy_are_the_shops_own(shopify, article, settings):
    for number in range(3):
        ApprovedCommentFactory(article=article, body=f"Comment {number}")

    first = shopify.get(proxy_url(article.slug, extra=[("page_size", "2")])).json()
    second = shopify.get(proxy_url(article.slug, extra=[("page", "2"), ("page_size", "2")])).json()

    assert first["next"] == f"/apps/clinic/articles/{article.slug}/comments/?page=2&page_size=2"
    assert second["previous"] == f"/apps/clinic/articles/{article.slug}/comments/?page_size=2"
    assert [c["body"] for c in second["results"]] == ["Comment 2"]
