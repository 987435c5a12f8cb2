"""The history of a comment lists every change, edits included; the audit log is append-only."""

import pytest

from moderation.models import AuditEntry, AuditLogIsAppendOnly

from .factories import CommentFactory
from .helpers import action_url, comments_url, detail_url, history_url, reply_url

pytestmark = pytest.mark.django_db


def test_history_lists_every_change_in_order_with_who_why_and_where(reader, moderator_client, article):
    receipt = reader.post(
        comments_url(article.slug),
        {"author_name": "Ada", "author_email": "ada@example.org", "body": "Original text"},
        format="json",
    ).json()
    pk = receipt["id"]
    moderator_client.post(action_url(pk, "spam"), {"reason": "Looked like an ad"}, format="json")
    moderator_client.post(action_url(pk, "not-spam"), {"reason": "False alarm"}, format="json")
    moderator_client.patch(detail_url(pk), {"body": "Edited text", "reason": "Typo"}, format="json")
    moderator_client.post(action_url(pk, "approve"), format="json")

    response = moderator_client.get(history_url(pk))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    entries = response.json()["results"]
    assert [
        (e["action"], e["from_status"], e["to_status"], e["actor"], e["reason"], e["source"]) for e in entries
    ] == [
        ("submit", None, "pending", None, "", "api"),
        ("spam", "pending", "spam", "mia", "Looked like an ad", "api"),
        ("not-spam", "spam", "pending", "mia", "False alarm", "api"),
        ("edit", "pending", "pending", "mia", "Typo", "api"),
        ("approve", "pending", "approved", "mia", "", "api"),
    ]
    assert all(entry["at"] for entry in entries)
    assert entries[3]["details"] == {"previous_body": "Original text", "body": "Edited text"}


def test_an_edit_replaces_the_body_and_keeps_the_original_in_history(moderator_client):
    comment = CommentFactory(body="Original text")

    response = moderator_client.patch(detail_url(comment.pk), {"body": "  Better text  "}, format="json")

    assert response.status_code == 200
    assert response.json()["body"] == "Better text"
    assert response.json()["version"] == 2
    comment.refresh_from_db()
    assert comment.body == "Better text"
    assert AuditEntry.objects.get(comment=comment, action="edit").details["previous_body"] == "Original text"


def test_an_edit_to_the_same_body_records_nothing(moderator_client):
    comment = CommentFactory(body="Same words")

    response = moderator_client.patch(detail_url(comment.pk), {"body": "Same words"}, format="json")

    assert response.status_code == 200 and response.json()["version"] == 1
    assert not AuditEntry.objects.filter(comment=comment).exists()


@pytest.mark.parametrize("body", ["x", "", "x" * 5001])
def test_an_edit_follows_the_body_rules(moderator_client, body):
    comment = CommentFactory()

    response = moderator_client.patch(detail_url(comment.pk), {"body": body}, format="json")

    assert response.status_code == 400 and "body" in response.json()


def test_put_is_not_offered(moderator_client):
    comment = CommentFactory()

    assert (
        moderator_client.put(detail_url(comment.pk), {"body": "New body"}, format="json").status_code == 405
    )


def test_a_reply_is_in_the_replys_history(moderator_client):
    parent = CommentFactory(status="approved")

    reply = moderator_client.post(reply_url(parent.pk), {"body": "Thanks!"}, format="json").json()

    entries = moderator_client.get(history_url(reply["id"])).json()["results"]
    assert [(e["action"], e["to_status"], e["actor"]) for e in entries] == [("reply", "approved", "mia")]


def test_history_of_an_unknown_comment_is_404(moderator_client):
    assert moderator_client.get(history_url(424242)).status_code == 404


def test_an_audit_entry_cannot_be_updated_or_deleted(moderator_client):
    comment = CommentFactory()
    moderator_client.post(action_url(comment.pk, "approve"), format="json")
    entry = AuditEntry.objects.get(comment=comment)

    entry.reason = "Rewritten history"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="Rewritten")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.bulk_update([entry], ["reason"])

    entry.refresh_from_db()
    assert entry.reason == ""


def test_audit_entries_outlive_the_comment_and_the_moderator(moderator_client, moderator):
    comment = CommentFactory()
    moderator_client.post(action_url(comment.pk, "approve"), format="json")
    comment_id, moderator_id = comment.pk, moderator.pk

    comment.article.delete()
    moderator.delete()

    entry = AuditEntry.objects.get(comment_id=comment_id)
    assert (entry.action, entry.actor_name, entry.actor_id) == ("approve", "mia", moderator_id)
