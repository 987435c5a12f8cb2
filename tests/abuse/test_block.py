"""Moderators block an author's email or IP address from the queue item, in one call."""

import pytest

from moderation.abuse.models import BlocklistEntry
from moderation.models import Comment
from tests.moderation.factories import CommentFactory

from .helpers import block_url, post_comment, submission

pytestmark = pytest.mark.django_db


def test_blocking_email_and_ip_creates_entries_that_send_the_next_comments_to_spam(
    reader, article, moderator_client, moderator
):
    comment = CommentFactory(author_email="Pest@Example.org", ip_address="192.0.2.44")

    response = moderator_client.post(
        block_url(comment.pk), {"email": True, "ip": True, "reason": "Ads again"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["entries"] == [
        {"kind": "email", "value": "pest@example.org", "reason": "Ads again", "created": True},
        {"kind": "ip", "value": "192.0.2.44/32", "reason": "Ads again", "created": True},
    ]
    assert set(BlocklistEntry.objects.values_list("created_by", flat=True)) == {moderator.pk}
    by_email = post_comment(
        reader, article, submission(author_email="pest@example.org"), REMOTE_ADDR="192.0.2.1"
    )
    by_ip = post_comment(
        reader, article, submission(author_email="new@example.org"), REMOTE_ADDR="192.0.2.44"
    )
    assert Comment.objects.get(pk=by_email.json()["id"]).status == "spam"
    assert Comment.objects.get(pk=by_ip.json()["id"]).status == "spam"


def test_blocking_twice_reports_the_existing_entry(moderator_client):
    comment = CommentFactory()
    moderator_client.post(block_url(comment.pk), {"email": True}, format="json")

    response = moderator_client.post(block_url(comment.pk), {"email": True}, format="json")

    assert response.json()["entries"][0]["created"] is False
    assert BlocklistEntry.objects.count() == 1


@pytest.mark.parametrize("data", [{}, {"email": False, "ip": False}, {"email": "maybe"}])
def test_a_block_must_say_what_to_block(moderator_client, data):
    response = moderator_client.post(block_url(CommentFactory().pk), data, format="json")

    assert response.status_code == 400
    assert not BlocklistEntry.objects.exists()


def test_an_ip_cannot_be_blocked_when_the_comment_has_none(moderator_client):
    response = moderator_client.post(
        block_url(CommentFactory(ip_address=None).pk), {"ip": True}, format="json"
    )

    assert response.status_code == 400 and "ip" in response.json()


def test_blocking_an_unknown_comment_is_404(moderator_client):
    assert moderator_client.post(block_url(999999), {"email": True}, format="json").status_code == 404


def test_only_moderators_may_block(reader, db):
    assert reader.post(block_url(CommentFactory().pk), {"email": True}, format="json").status_code == 401
    assert not BlocklistEntry.objects.exists()
