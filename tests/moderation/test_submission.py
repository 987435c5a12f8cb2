"""A reader submits a comment; the public sees approved comments only, without personal data."""

from unittest import mock

import pytest

from moderation import services
from moderation.exceptions import NotReplyable
from moderation.models import AuditEntry, Comment
from tests.factories import ArticlePageFactory

from .factories import ApprovedCommentFactory, CommentFactory
from .helpers import comments_url

pytestmark = pytest.mark.django_db

VALID = {"author_name": "Ada", "author_email": "ada@example.org", "body": "My knee feels better."}


def test_a_valid_comment_is_stored_pending_and_acknowledged_with_202(reader, article):
    response = reader.post(
        comments_url(article.slug),
        VALID,
        format="json",
        HTTP_USER_AGENT="Firefox/130",
        REMOTE_ADDR="198.51.100.4",
    )

    assert response.status_code == 202
    body = response.json()
    assert set(body) == {"id", "status", "message"}
    assert body["status"] == "pending"
    assert "approved before" in body["message"]
    comment = Comment.objects.get(pk=body["id"])
    assert comment.status == Comment.Status.PENDING
    assert (comment.author_name, comment.author_email, comment.body) == (
        "Ada",
        "ada@example.org",
        "My knee feels better.",
    )
    assert comment.ip_address == "198.51.100.4"
    assert comment.user_agent == "Firefox/130"
    assert list(AuditEntry.objects.filter(comment=comment).values_list("action", "to_status")) == [
        ("submit", "pending")
    ]


def test_a_reply_to_an_approved_comment_of_the_same_article_is_accepted(reader, article):
    parent = ApprovedCommentFactory(article=article)

    response = reader.post(comments_url(article.slug), {**VALID, "parent": parent.pk}, format="json")

    assert response.status_code == 202
    assert Comment.objects.get(pk=response.json()["id"]).parent == parent


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"author_name": ""}, "author_name"),
        ({"author_name": "   "}, "author_name"),
        ({"author_name": "x" * 101}, "author_name"),
        ({"author_email": "not-an-email"}, "author_email"),
        ({"author_email": ""}, "author_email"),
        ({"body": " a "}, "body"),
        ({"body": "x" * 5001}, "body"),
        ({"body": None}, "body"),
        ({"parent": "first"}, "parent"),
    ],
)
def test_invalid_fields_are_named_in_a_400(reader, article, change, field):
    response = reader.post(comments_url(article.slug), {**VALID, **change}, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Comment.objects.exists()


def test_missing_fields_are_each_reported(reader, article):
    response = reader.post(comments_url(article.slug), {}, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"author_name", "author_email", "body"}


def test_lengths_are_checked_after_trimming(reader, article):
    padded = " " * 50 + "x" * 5000 + " " * 50

    response = reader.post(comments_url(article.slug), {**VALID, "body": padded}, format="json")

    assert response.status_code == 202
    assert Comment.objects.get().body == "x" * 5000


@pytest.mark.parametrize("status", ["pending", "rejected", "spam", "removed"])
def test_a_parent_must_be_approved(reader, article, status):
    parent = CommentFactory(article=article, status=status)

    response = reader.post(comments_url(article.slug), {**VALID, "parent": parent.pk}, format="json")

    assert response.status_code == 400
    assert "parent" in response.json()


def test_a_parent_must_belong_to_the_same_article(reader, article):
    elsewhere = ApprovedCommentFactory()

    response = reader.post(comments_url(article.slug), {**VALID, "parent": elsewhere.pk}, format="json")

    assert response.status_code == 400
    assert "parent" in response.json()


def test_an_unknown_parent_is_a_field_error(reader, article):
    response = reader.post(comments_url(article.slug), {**VALID, "parent": 999999}, format="json")

    assert response.status_code == 400
    assert "parent" in response.json()


def test_an_unknown_article_is_404(reader, db):
    assert reader.post(comments_url("no-such-article"), VALID, format="json").status_code == 404
    assert reader.get(comments_url("no-such-article")).status_code == 404


def test_an_article_with_comments_disabled_refuses_comments_with_403(reader, db):
    closed = ArticlePageFactory(slug="closed", comments_enabled=False)

    response = reader.post(comments_url(closed.slug), VALID, format="json")

    assert response.status_code == 403
    assert "closed" in response.json()["detail"]
    assert not Comment.objects.exists()


def test_closed_comments_stay_readable(reader, db):
    closed = ArticlePageFactory(slug="closed", comments_enabled=False)
    ApprovedCommentFactory(article=closed)

    response = reader.get(comments_url(closed.slug))

    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_a_draft_has_no_public_comments(reader, db):
    draft = ArticlePageFactory(slug="draft", live=False)

    assert reader.get(comments_url(draft.slug)).status_code == 404


def test_fields_a_reader_may_not_set_are_ignored(reader, article):
    response = reader.post(
        comments_url(article.slug),
        {**VALID, "status": "approved", "is_staff_reply": True, "ip_address": "10.0.0.1", "version": 9},
        format="json",
    )

    comment = Comment.objects.get(pk=response.json()["id"])
    assert (comment.status, comment.is_staff_reply, comment.version) == ("pending", False, 1)
    assert comment.ip_address == "127.0.0.1"


def test_nul_bytes_are_refused_cleanly_not_passed_to_the_database(reader, moderator_client, article):
    assert reader.get("/api/v1/articles/knee%00pain/comments/").status_code == 404
    response = reader.post(comments_url(article.slug), {**VALID, "body": "Hello\x00there"}, format="json")
    assert response.status_code == 202  # the NUL byte is removed (moderation/text/normalise.py)
    assert Comment.objects.get().body == "Hellothere"
    assert moderator_client.get("/api/v1/moderation/comments/", {"search": "a\x00b"}).status_code == 400
    assert moderator_client.get("/api/v1/moderation/comments/", {"article": "a\x00b"}).status_code == 400


def test_a_unicode_slug_is_found(reader, db):
    article = ArticlePageFactory(slug="massage-für-knie")

    assert reader.post(comments_url(article.slug), VALID, format="json").status_code == 202


def test_the_service_itself_refuses_a_parent_that_is_not_approved(article):
    with pytest.raises(NotReplyable, match="pending"):
        services.comment_submit(
            article=article,
            author_name="Ada",
            author_email="a@example.org",
            body="Hi there",
            parent=CommentFactory(article=article),
        )


def test_a_parent_moderated_away_during_the_request_is_still_a_field_error(reader, article):
    parent = ApprovedCommentFactory(article=article)

    def moderated_meanwhile(article, pk):
        Comment.objects.filter(pk=pk).update(status="removed")
        return Comment.objects.get(pk=pk)

    with mock.patch("api.comments.serializers.replyable_comment", moderated_meanwhile):
        response = reader.post(comments_url(article.slug), {**VALID, "parent": parent.pk}, format="json")

    assert response.status_code == 400 and "parent" in response.json()
    assert Comment.objects.count() == 1
