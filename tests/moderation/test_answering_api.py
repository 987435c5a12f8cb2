"""The moderation API answers readers: privately by email, or publicly with the approval."""

import pytest
from django.core import mail

from moderation.models import AuditEntry, CannedReply, Comment

from .factories import ApprovedCommentFactory, CommentFactory
from .helpers import action_url, comments_url, detail_url, history_url, reply_url

pytestmark = pytest.mark.django_db

QUESTION = "My knee has been hot and swollen since I fell on the stairs, should I still book?"
ANSWER = "Please see a doctor before booking: a hot, swollen knee after a fall needs checking first."


def test_a_private_reply_to_a_flagged_pending_comment(
    reader, moderator_client, article, django_capture_on_commit_callbacks
):
    comment = CommentFactory(article=article, body=QUESTION, safety_flagged=True)

    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(
            reply_url(comment.pk), {"body": ANSWER, "private": True}, format="json"
        )

    assert response.status_code == 201
    shown = response.json()
    assert (shown["id"], shown["status"], shown["version"]) == (comment.pk, "pending", 1)
    [private] = shown["private_replies"]
    assert (private["body"], private["actor"], private["canned_reply"]) == (ANSWER, "mia", None)
    assert moderator_client.get(detail_url(comment.pk)).json()["private_replies"] == [private]
    [entry] = moderator_client.get(history_url(comment.pk)).json()["results"][-1:]
    assert (entry["action"], entry["actor"], entry["details"]["body"]) == ("private-reply", "mia", ANSWER)
    (message,) = mail.outbox
    assert message.to == [comment.author_email]
    assert f"“{article.title}”" in message.subject
    assert ANSWER in message.body and "> " + QUESTION in message.body
    assert Comment.objects.count() == 1
    assert reader.get(comments_url(article.slug)).json()["results"] == []


def test_a_private_reply_never_shows_in_the_public_thread(reader, moderator_client, article):
    comment = ApprovedCommentFactory(article=article)

    response = moderator_client.post(reply_url(comment.pk), {"body": ANSWER, "private": True}, format="json")

    assert response.status_code == 201
    public = reader.get(comments_url(article.slug))
    assert [c["id"] for c in public.json()["results"]] == [comment.pk]
    assert ANSWER not in public.content.decode()


@pytest.mark.parametrize("status", ["rejected", "spam", "removed"])
def test_a_private_reply_is_refused_on_other_statuses(moderator_client, status):
    comment = CommentFactory(status=status)

    response = moderator_client.post(reply_url(comment.pk), {"body": ANSWER, "private": True}, format="json")

    assert response.status_code == 409 and status in response.json()["detail"]
    assert mail.outbox == []


def test_a_public_reply_still_needs_an_approved_comment(moderator_client):
    comment = CommentFactory()

    assert moderator_client.post(reply_url(comment.pk), {"body": ANSWER}, format="json").status_code == 409


def test_private_replies_are_for_moderators_only(reader, editor_client):
    comment = CommentFactory()
    payload = {"body": ANSWER, "private": True}

    assert reader.post(reply_url(comment.pk), payload, format="json").status_code == 401
    assert editor_client.post(reply_url(comment.pk), payload, format="json").status_code == 403
    assert not AuditEntry.objects.filter(action="private-reply").exists()


@pytest.mark.parametrize("private", ["maybe", None, 2])
def test_private_must_be_a_boolean(moderator_client, private):
    comment = CommentFactory()

    response = moderator_client.post(
        reply_url(comment.pk), {"body": ANSWER, "private": private}, format="json"
    )

    assert response.status_code == 400 and "private" in response.json()


def test_approve_and_reply_publishes_both(reader, moderator_client, article):
    comment = CommentFactory(article=article)

    response = moderator_client.post(
        action_url(comment.pk, "approve"),
        {"reply": "Thank you, glad it helped!", "version": 1},
        format="json",
    )

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["version"]) == ("approved", 2)
    public = reader.get(comments_url(article.slug)).json()["results"]
    assert [(c["id"] == comment.pk, c["is_staff_reply"], c["body"]) for c in public] == [
        (True, False, comment.body),
        (False, True, "Thank you, glad it helped!"),
    ]


def test_approve_with_a_canned_reply(moderator_client):
    canned = CannedReply.objects.create(title="Thanks", body="Thank you for your kind words.")
    comment = CommentFactory()

    response = moderator_client.post(
        action_url(comment.pk, "approve"), {"canned_reply": canned.pk}, format="json"
    )

    assert response.status_code == 200
    reply = Comment.objects.get(parent=comment)
    assert reply.body == "Thank you for your kind words."
    assert reply.audit_entries.get().details == {"canned_reply": {"id": canned.pk, "title": "Thanks"}}


def test_a_stale_approval_posts_no_reply(moderator_client):
    comment = CommentFactory(version=3)

    response = moderator_client.post(
        action_url(comment.pk, "approve"), {"reply": "Thank you!", "version": 2}, format="json"
    )

    assert response.status_code == 412
    assert Comment.objects.count() == 1
    assert Comment.objects.get().status == "pending"


@pytest.mark.parametrize(
    "payload",
    [{"reply": " "}, {"reply": "x" * 5001}, {"canned_reply": 9999}, {"reply": 12}],
)
def test_a_bad_reply_refuses_the_approval(moderator_client, payload):
    comment = CommentFactory()

    response = moderator_client.post(action_url(comment.pk, "approve"), payload, format="json")

    assert response.status_code == 400
    assert Comment.objects.get().status == "pending"


def test_only_an_approval_carries_a_reply(moderator_client):
    comment = CommentFactory()

    response = moderator_client.post(action_url(comment.pk, "reject"), {"reply": "No thanks"}, format="json")

    assert response.status_code == 400 and "reply" in response.json()
    assert Comment.objects.get().status == "pending"
