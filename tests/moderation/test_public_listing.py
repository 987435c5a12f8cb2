"""Readers see approved comments only, oldest first, rendered safely, without personal data."""

from datetime import timedelta

import pytest
from django.utils import timezone

from .factories import ApprovedCommentFactory, CommentFactory
from .helpers import comments_url

pytestmark = pytest.mark.django_db

PUBLIC_FIELDS = {
    "id",
    "parent",
    "author_name",
    "body",
    "body_html",
    "created_at",
    "is_staff_reply",
    "verified_customer",
}


def test_only_approved_comments_are_listed_oldest_first(reader, article):
    now = timezone.now()
    newer = ApprovedCommentFactory(article=article, created_at=now - timedelta(minutes=1))
    older = ApprovedCommentFactory(article=article, created_at=now - timedelta(days=1))
    for status in ["pending", "rejected", "spam", "removed"]:
        CommentFactory(article=article, status=status)
    ApprovedCommentFactory()  # another article's

    response = reader.get(comments_url(article.slug))

    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [older.pk, newer.pk]
    assert response.json()["count"] == 2


def test_each_comment_has_exactly_the_public_fields(reader, article):
    ApprovedCommentFactory(article=article, author_email="secret@example.org", ip_address="192.0.2.9")

    item = reader.get(comments_url(article.slug)).json()["results"][0]

    assert set(item) == PUBLIC_FIELDS


def test_no_email_ip_or_user_agent_appears_anywhere_in_public_responses(reader, article):
    ApprovedCommentFactory(
        article=article, author_email="secret@example.org", ip_address="192.0.2.9", user_agent="SecretAgent/1"
    )

    listing = reader.get(comments_url(article.slug)).content.decode()
    receipt = reader.post(
        comments_url(article.slug),
        {"author_name": "Bo", "author_email": "bo-private@example.org", "body": "Hello there"},
        format="json",
        HTTP_USER_AGENT="SecretAgent/1",
    ).content.decode()

    for text in (listing, receipt):
        for secret in (
            "secret@example.org",
            "bo-private@example.org",
            "192.0.2.9",
            "127.0.0.1",
            "SecretAgent",
        ):
            assert secret not in text


def test_body_html_escapes_markup_and_keeps_paragraphs_and_links(reader, article):
    ApprovedCommentFactory(
        article=article,
        body='<script>alert("x")</script> <b>bold</b>\nsee https://example.com/knee?a=1&b=2\n\n'
        "<img src=x onerror=alert(1)> javascript:alert(1)",
    )

    html = reader.get(comments_url(article.slug)).json()["results"][0]["body_html"]

    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&lt;img" in html
    assert html.count("<p>") == 2
    assert "<br>" in html
    assert (
        '<a href="https://example.com/knee?a=1&amp;b=2" rel="nofollow ugc noopener">'
        "https://example.com/knee?a=1&amp;b=2</a>" in html
    )
    assert 'href="javascript' not in html


def test_a_link_cannot_smuggle_attributes(reader, article):
    ApprovedCommentFactory(article=article, body='http://example.com/"onmouseover="alert(1)')

    html = reader.get(comments_url(article.slug)).json()["results"][0]["body_html"]

    assert "onmouseover=" not in html.split(">")[0]
    assert html.count("<a ") == 1 and 'rel="nofollow ugc noopener"' in html


def test_a_reply_names_its_parent_only_while_the_parent_is_public(reader, article):
    parent = ApprovedCommentFactory(article=article)
    reply = ApprovedCommentFactory(article=article, parent=parent)
    orphan = ApprovedCommentFactory(article=article, parent=CommentFactory(article=article, status="removed"))

    items = {item["id"]: item for item in reader.get(comments_url(article.slug)).json()["results"]}

    assert items[reply.pk]["parent"] == parent.pk
    assert items[orphan.pk]["parent"] is None


def test_the_listing_is_paginated(reader, article):
    ApprovedCommentFactory.create_batch(3, article=article)

    page = reader.get(comments_url(article.slug), {"page_size": 2}).json()

    assert page["count"] == 3 and len(page["results"]) == 2 and page["next"]


def test_the_listing_takes_a_fixed_number_of_queries(reader, article, django_assert_max_num_queries):
    ApprovedCommentFactory.create_batch(15, article=article)

    with django_assert_max_num_queries(6):
        response = reader.get(comments_url(article.slug))

    assert len(response.json()["results"]) == 15
