"""Each action moves a comment only along the documented transitions; anything else is a 409."""

import pytest

from moderation.models import AuditEntry, Comment

from .factories import CommentFactory
from .helpers import action_url, comments_url

pytestmark = pytest.mark.django_db

STATUSES = ["pending", "approved", "rejected", "spam", "removed"]
ALLOWED = {
    ("approve", "pending"): "approved",
    ("reject", "pending"): "rejected",
    ("spam", "pending"): "spam",
    ("spam", "approved"): "spam",
    ("remove", "approved"): "removed",
    ("not-spam", "spam"): "pending",
    ("restore", "rejected"): "pending",
    ("restore", "removed"): "pending",
}
ACTIONS = ["approve", "reject", "spam", "not-spam", "remove", "restore"]
REFUSED = [(action, status) for action in ACTIONS for status in STATUSES if (action, status) not in ALLOWED]


def test_the_table_covers_every_action_and_status():
    assert len(ALLOWED) + len(REFUSED) == len(ACTIONS) * len(STATUSES)


@pytest.mark.parametrize(("action", "status"), list(ALLOWED), ids=[f"{a} {s}" for a, s in ALLOWED])
def test_an_allowed_transition_changes_status_bumps_version_and_is_audited(
    moderator_client, moderator, action, status
):
    comment = CommentFactory(status=status)

    response = moderator_client.post(action_url(comment.pk, action), {"reason": "Checked"}, format="json")

    assert response.status_code == 200
    target = ALLOWED[(action, status)]
    assert response.json()["status"] == target
    assert response.json()["version"] == 2
    assert response["ETag"] == '"2"'
    comment.refresh_from_db()
    assert (comment.status, comment.version) == (target, 2)
    entry = AuditEntry.objects.get(comment=comment)
    assert (entry.action, entry.from_status, entry.to_status, entry.actor, entry.reason, entry.source) == (
        action,
        status,
        target,
        moderator,
        "Checked",
        "api",
    )


@pytest.mark.parametrize(("action", "status"), REFUSED, ids=[f"{a} {s}" for a, s in REFUSED])
def test_any_other_transition_is_a_409_naming_the_current_status(moderator_client, action, status):
    comment = CommentFactory(status=status)

    response = moderator_client.post(action_url(comment.pk, action), {}, format="json")

    assert response.status_code == 409
    assert status in response.json()["detail"]
    comment.refresh_from_db()
    assert (comment.status, comment.version) == (status, 1)
    assert not AuditEntry.objects.filter(comment=comment).exists()


def test_approval_publishes_and_removal_unpublishes(reader, moderator_client, article):
    comment = CommentFactory(article=article)

    assert reader.get(comments_url(article.slug)).json()["count"] == 0
    moderator_client.post(action_url(comment.pk, "approve"), format="json")
    assert reader.get(comments_url(article.slug)).json()["count"] == 1
    moderator_client.post(action_url(comment.pk, "remove"), format="json")
    assert reader.get(comments_url(article.slug)).json()["count"] == 0


def test_an_unknown_comment_is_404(moderator_client):
    assert moderator_client.post(action_url(987654, "approve"), format="json").status_code == 404


def test_an_unknown_action_is_404_naming_the_actions(moderator_client):
    comment = CommentFactory()

    response = moderator_client.post(f"/api/v1/moderation/comments/{comment.pk}/publish/", format="json")

    assert response.status_code == 404
    assert response.json() == {
        "detail": "There is no moderation action 'publish'; the actions are approve, reject, spam, "
        "not-spam, remove, restore."
    }
    assert Comment.objects.get(pk=comment.pk).status == "pending"


def test_an_unknown_action_asks_for_a_moderator_first(reader):
    comment = CommentFactory()

    response = reader.post(f"/api/v1/moderation/comments/{comment.pk}/publish/", format="json")

    assert response.status_code == 401


def test_an_overlong_id_is_404_not_a_database_error(moderator_client):
    assert moderator_client.get("/api/v1/moderation/comments/99999999999999999999999/").status_code == 404


def test_a_reason_longer_than_allowed_is_a_400(moderator_client):
    comment = CommentFactory()

    response = moderator_client.post(action_url(comment.pk, "reject"), {"reason": "x" * 1001}, format="json")

    assert response.status_code == 400 and "reason" in response.json()
