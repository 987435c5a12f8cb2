"""The shop replies to readers; moderators see how the queue is doing."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from moderation.models import Comment
from tests.factories import ArticlePageFactory

from .factories import ApprovedCommentFactory, CommentFactory
from .helpers import comments_url, reply_url, stats_url

pytestmark = pytest.mark.django_db


def test_a_reply_is_published_at_once_as_a_staff_reply(reader, moderator_client, moderator, article):
    moderator.first_name, moderator.last_name = "Mia", "Lopez"
    moderator.save()
    parent = ApprovedCommentFactory(article=article)

    response = moderator_client.post(reply_url(parent.pk), {"body": "Glad it helped!"}, format="json")

    assert response.status_code == 201
    reply = response.json()
    assert (reply["status"], reply["is_staff_reply"], reply["parent"]) == ("approved", True, parent.pk)
    assert reply["author_name"] == "Mia Lopez"
    public = reader.get(comments_url(article.slug)).json()["results"]
    assert [(c["id"], c["is_staff_reply"], c["parent"]) for c in public] == [
        (parent.pk, False, None),
        (reply["id"], True, parent.pk),
    ]


@override_settings(COMMENT_STAFF_REPLY_NAME="ABD Naturals")
def test_staff_replies_can_carry_the_shops_name(moderator_client):
    parent = ApprovedCommentFactory()

    reply = moderator_client.post(reply_url(parent.pk), {"body": "Thank you!"}, format="json").json()

    assert reply["author_name"] == "ABD Naturals"


@pytest.mark.parametrize("status", ["pending", "rejected", "spam", "removed"])
def test_only_an_approved_comment_can_be_answered(moderator_client, status):
    parent = CommentFactory(status=status)

    response = moderator_client.post(reply_url(parent.pk), {"body": "Hello"}, format="json")

    assert response.status_code == 409
    assert status in response.json()["detail"]
    assert Comment.objects.count() == 1


def test_a_reply_needs_a_body(moderator_client):
    parent = ApprovedCommentFactory()

    response = moderator_client.post(reply_url(parent.pk), {"body": " "}, format="json")

    assert response.status_code == 400 and "body" in response.json()


def test_a_reply_to_an_unknown_comment_is_404(moderator_client):
    assert moderator_client.post(reply_url(5555), {"body": "Hello"}, format="json").status_code == 404


def test_stats_count_statuses_age_the_oldest_pending_and_group_pending_by_article(moderator_client):
    knee = ArticlePageFactory(slug="knee", title="Knee")
    back = ArticlePageFactory(slug="back", title="Back")
    oldest = CommentFactory(article=back, created_at=timezone.now() - timedelta(hours=5))
    CommentFactory.create_batch(2, article=knee)
    CommentFactory(article=knee, status="approved")
    CommentFactory(article=back, status="spam")

    response = moderator_client.get(stats_url())

    assert response.status_code == 200
    stats = response.json()
    assert stats["counts"] == {"pending": 3, "approved": 1, "rejected": 0, "spam": 1, "removed": 0}
    assert stats["total"] == 5
    assert 5 * 3600 <= stats["oldest_pending_age_seconds"] < 6 * 3600
    assert parse_datetime(stats["oldest_pending_at"]) == oldest.created_at
    assert stats["pending_by_article"] == [
        {"slug": "knee", "title": "Knee", "pending": 2},
        {"slug": "back", "title": "Back", "pending": 1},
    ]


def test_stats_of_an_empty_queue(moderator_client):
    stats = moderator_client.get(stats_url()).json()

    assert stats["counts"] == {"pending": 0, "approved": 0, "rejected": 0, "spam": 0, "removed": 0}
    assert stats["oldest_pending_at"] is None and stats["oldest_pending_age_seconds"] is None
    assert stats["pending_by_article"] == []
