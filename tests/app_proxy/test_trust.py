"""A verified customer in the trust rules (COMMENT_TRUST_VERIFIED_CUSTOMERS) and for moderators."""

import pytest
from django.urls import reverse

from moderation.abuse import trust
from moderation.models import AuditEntry, Comment
from tests.moderation.conftest import token_client
from tests.moderation.factories import ApprovedCommentFactory, CommentFactory, ModeratorFactory

from .helpers import proxy_url

pytestmark = pytest.mark.django_db

VALID = {"author_name": "Ada", "author_email": "ada@example.org", "body": "Thanks, this helped my knee."}
CUSTOMER = 7012345678901


@pytest.fixture
def trusting(settings):
    settings.COMMENT_TRUSTED_SKIP_QUEUE = True
    settings.COMMENT_TRUST_VERIFIED_CUSTOMERS = True


def post_as_customer(shopify, article, customer=CUSTOMER, body=VALID["body"]):
    response = shopify.post(
        proxy_url(article.slug, customer=str(customer)),
        {**VALID, "body": body},
        format="json",
        HTTP_X_FORWARDED_FOR="198.51.100.23",
    )
    assert response.status_code == 202
    return response.json()


def test_a_verified_customer_approved_before_is_published_at_once(shopify, article, trusting):
    ApprovedCommentFactory(article=article, shopify_customer_id=CUSTOMER, author_email="other@example.org")

    receipt = post_as_customer(shopify, article)

    assert receipt["status"] == "approved"
    entry = AuditEntry.objects.filter(comment_id=receipt["id"]).last()
    assert (entry.action, entry.source, entry.reason) == (
        "approve",
        "system",
        "Verified customer: logged in to the shop, approved before.",
    )


@pytest.mark.parametrize(
    "setup",
    [
        pytest.param(lambda article: None, id="never approved before"),
        pytest.param(
            lambda article: CommentFactory(article=article, shopify_customer_id=CUSTOMER),
            id="only pending before",
        ),
        pytest.param(
            lambda article: ApprovedCommentFactory(article=article, shopify_customer_id=CUSTOMER + 1),
            id="another customer approved",
        ),
    ],
)
def test_a_verified_customer_without_an_approved_comment_waits(shopify, article, trusting, setup):
    setup(article)

    assert post_as_customer(shopify, article)["status"] == "pending"


def test_without_the_setting_a_verified_customer_waits_like_anyone(shopify, article, settings):
    settings.COMMENT_TRUSTED_SKIP_QUEUE = True
    ApprovedCommentFactory(article=article, shopify_customer_id=CUSTOMER)

    assert post_as_customer(shopify, article)["status"] == "pending"


def test_revoking_trust_for_the_address_puts_a_verified_customer_back_in_the_queue(
    shopify, article, trusting
):
    ApprovedCommentFactory(article=article, shopify_customer_id=CUSTOMER)
    trust.revoke_trust(email=VALID["author_email"], actor=None, reason="Advertising")

    assert post_as_customer(shopify, article)["status"] == "pending"


def test_a_customer_id_typed_into_the_public_form_is_ignored(reader_client, article, trusting):
    ApprovedCommentFactory(article=article, shopify_customer_id=CUSTOMER)

    response = reader_client.post(
        reverse("api:article-comments", args=[article.slug]),
        {**VALID, "shopify_customer_id": CUSTOMER, "verified_customer": True},
        format="json",
    )

    comment = Comment.objects.get(pk=response.json()["id"])
    assert (comment.status, comment.shopify_customer_id) == ("pending", None)


def test_moderators_see_the_verified_customer_and_the_customer_id(shopify, article):
    receipt = post_as_customer(shopify, article)
    client = token_client(ModeratorFactory())

    shown = client.get(reverse("api:moderation-comment-detail", args=[receipt["id"]])).json()

    assert (shown["verified_customer"], shown["shopify_customer_id"]) == (True, CUSTOMER)


def test_the_moderation_api_filters_the_queue_on_verified_customers(article):
    CommentFactory(article=article, body="From a customer", shopify_customer_id=CUSTOMER)
    CommentFactory(article=article, body="From anyone")
    client = token_client(ModeratorFactory())

    def bodies(value):
        response = client.get(reverse("api:moderation-comment-list"), {"verified_customer": value})
        return [comment["body"] for comment in response.json()["results"]]

    assert (bodies("true"), bodies("false")) == (["From a customer"], ["From anyone"])


def test_the_admin_queue_shows_and_filters_verified_customers(client, article):
    CommentFactory(article=article, body="From a customer", shopify_customer_id=CUSTOMER)
    CommentFactory(article=article, body="From anyone")
    client.force_login(ModeratorFactory())

    response = client.get(reverse("moderation_comments:index"), {"verified_customer": "true"})

    assert [comment.body for comment in response.context["object_list"]] == ["From a customer"]
    assert "Verified customer" in response.content.decode()
    detail = client.get(
        reverse("moderation_comments:edit", args=[Comment.objects.get(body="From a customer").pk])
    )
    assert f"Shopify customer {CUSTOMER}" in detail.content.decode()
