"""
Moderators are emailed about new comments, and a signed webhook hears of every change, after
the commit and without ever failing the request. The webhook receiver is a real HTTP server.
"""

import json
import socket
import threading

import pytest
from django.core import mail
from django.test import override_settings

from moderation.checks import check_webhook_settings
from moderation.delivery import webhooks
from moderation.delivery.outbox import DeliveryFailed

from .factories import ApprovedCommentFactory, CommentFactory, EditorFactory, ModeratorFactory
from .helpers import action_url, comments_url, detail_url, reply_url
from .receiver import SECRET, serving, verify

pytestmark = pytest.mark.django_db

SUBMISSION = {"author_name": "Ada", "author_email": "ada@private.example", "body": "Lovely article"}


def submit(reader, article, callbacks):
    with callbacks(execute=True):
        response = reader.post(comments_url(article.slug), SUBMISSION, format="json")
    assert response.status_code == 202
    return response.json()["id"]


def moderator_mail():
    """What was sent to moderators (the reader gets nothing about a comment waiting)."""
    return [message for message in mail.outbox if message.to != [SUBMISSION["author_email"]]]


def test_a_new_comment_emails_each_moderator_with_an_address(
    reader, article, django_capture_on_commit_callbacks
):
    ModeratorFactory(email="one@shop.example")
    ModeratorFactory(email="two@shop.example")
    ModeratorFactory(email="")
    ModeratorFactory(email="gone@shop.example", is_active=False)
    EditorFactory(email="editor@shop.example")

    pk = submit(reader, article, django_capture_on_commit_callbacks)

    assert sorted(message.to[0] for message in moderator_mail()) == ["one@shop.example", "two@shop.example"]
    message = moderator_mail()[0]
    assert article.title in message.subject
    assert "Ada" in message.body and "Lovely article" in message.body
    assert f"/admin/comments/{pk}/" in message.body


def test_a_safety_flagged_comment_says_so_in_the_moderators_email(
    reader, article, django_capture_on_commit_callbacks
):
    ModeratorFactory(email="one@shop.example")
    flagged = {**SUBMISSION, "body": "My knee has been hot and swollen since the fall. Should I book?"}

    with django_capture_on_commit_callbacks(execute=True):
        assert reader.post(comments_url(article.slug), flagged, format="json").status_code == 202

    (message,) = moderator_mail()
    assert message.subject.startswith("Safety flag: ")
    assert "clinical-safety flag" in message.body
    assert "- hot, red or swollen (“knee has been hot and swollen”)" in message.body
    assert "- a fall or an injury (“since the fall”)" in message.body


def test_an_ordinary_comment_raises_no_flag_in_the_email(reader, article, django_capture_on_commit_callbacks):
    ModeratorFactory(email="one@shop.example")

    submit(reader, article, django_capture_on_commit_callbacks)

    (message,) = moderator_mail()
    assert not message.subject.startswith("Safety flag")
    assert "clinical-safety" not in message.body


def test_nothing_is_sent_before_the_comment_is_committed(reader, article, moderator):
    response = reader.post(comments_url(article.slug), SUBMISSION, format="json")

    assert response.status_code == 202
    assert mail.outbox == []


def test_moderators_are_not_emailed_about_their_own_replies_or_status_changes(
    moderator_client, django_capture_on_commit_callbacks
):
    comment = CommentFactory()

    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(action_url(comment.pk, "approve"), format="json")
        moderator_client.post(reply_url(comment.pk), {"body": "Thanks!"}, format="json")

    assert mail.outbox == []


@override_settings(COMMENT_NOTIFY_MODERATORS=False)
def test_emails_can_be_switched_off(reader, article, moderator, django_capture_on_commit_callbacks):
    submit(reader, article, django_capture_on_commit_callbacks)

    assert moderator_mail() == []


def test_a_new_comment_is_posted_to_the_webhook_signed(
    reader, article, receiver, django_capture_on_commit_callbacks
):
    pk = submit(reader, article, django_capture_on_commit_callbacks)

    [delivery] = receiver.received
    assert delivery["path"] == "/hooks/comments"
    assert delivery["headers"]["Content-Type"] == "application/json"
    assert delivery["headers"]["X-Comment-Event"] == "comment.created"
    assert verify(delivery)
    event = json.loads(delivery["body"])
    assert event["type"] == "comment.created"
    assert delivery["headers"]["X-Comment-Delivery"] == event["id"]
    assert event["comment"]["id"] == pk
    assert event["comment"]["status"] == "pending"
    assert event["comment"]["article"]["slug"] == article.slug
    assert event["change"] == {
        "action": "submit",
        "from_status": None,
        "to_status": "pending",
        "actor": None,
        "reason": "",
        "source": "api",
    }
    assert b"ada@private.example" not in delivery["body"] and b"127.0.0.1" not in delivery["body"]


def test_every_status_change_and_edit_is_posted(
    moderator_client, receiver, django_capture_on_commit_callbacks
):
    comment = CommentFactory()

    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(action_url(comment.pk, "approve"), {"reason": "Fine"}, format="json")
        moderator_client.post(action_url(comment.pk, "remove"), format="json")
        moderator_client.patch(detail_url(comment.pk), {"body": "Trimmed text"}, format="json")

    assert all(verify(delivery) for delivery in receiver.received)
    events = [json.loads(delivery["body"]) for delivery in receiver.received]
    assert [(e["type"], e["change"]["from_status"], e["change"]["to_status"]) for e in events] == [
        ("comment.status_changed", "pending", "approved"),
        ("comment.status_changed", "approved", "removed"),
        ("comment.edited", "removed", "removed"),
    ]
    assert events[0]["change"]["actor"] == "mia" and events[0]["change"]["reason"] == "Fine"
    assert [e["comment"]["version"] for e in events] == [2, 3, 4]


def test_a_staff_reply_is_posted_as_a_new_comment(
    moderator_client, receiver, django_capture_on_commit_callbacks
):
    parent = ApprovedCommentFactory()

    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(reply_url(parent.pk), {"body": "Thanks!"}, format="json")

    event = json.loads(receiver.received[0]["body"])
    assert (event["type"], event["comment"]["status"], event["comment"]["is_staff_reply"]) == (
        "comment.created",
        "approved",
        True,
    )


def test_a_tampered_body_fails_verification(reader, article, receiver, django_capture_on_commit_callbacks):
    submit(reader, article, django_capture_on_commit_callbacks)
    delivery = dict(receiver.received[0])

    delivery["body"] = delivery["body"].replace(b"pending", b"approved")

    assert not verify(delivery)


def test_a_receiver_that_is_down_never_breaks_the_request(
    reader, article, django_capture_on_commit_callbacks
):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    with override_settings(
        COMMENT_WEBHOOK_URL=f"http://127.0.0.1:{closed_port}/", COMMENT_WEBHOOK_SECRET=SECRET
    ):
        pk = submit(reader, article, django_capture_on_commit_callbacks)

    assert CommentFactory._meta.model.objects.filter(pk=pk).exists()


def test_a_slow_receiver_is_given_up_on_after_the_timeout_for_a_later_attempt(db):
    with (
        serving(hold=threading.Event()) as server,
        override_settings(
            COMMENT_WEBHOOK_URL=server.url, COMMENT_WEBHOOK_SECRET=SECRET, COMMENT_WEBHOOK_TIMEOUT=0.2
        ),
        pytest.raises(DeliveryFailed, match="e1"),
    ):
        webhooks.deliver({"id": "e1", "type": "comment.created"})


def test_events_are_not_sent_unsigned(receiver):
    with override_settings(COMMENT_WEBHOOK_SECRET=""):
        assert webhooks.deliver({"id": "e1", "type": "comment.created"}) is False

    assert receiver.received == []


@pytest.mark.parametrize(
    "url, secret, ids",
    [
        ("", "", []),
        ("https://hooks.example/comments", SECRET, []),
        ("https://hooks.example/comments", "", ["moderation.W001"]),
        ("ftp://hooks.example/comments", SECRET, ["moderation.E001"]),
    ],
)
def test_the_system_check_flags_webhook_settings_that_cannot_work(url, secret, ids):
    with override_settings(COMMENT_WEBHOOK_URL=url, COMMENT_WEBHOOK_SECRET=secret):
        assert [message.id for message in check_webhook_settings()] == ids


def test_the_review_link_comes_before_the_readers_words_which_are_quoted(
    reader, article, moderator, django_capture_on_commit_callbacks
):
    fake = "Action needed: verify your account at http://phish.example/admin/login\nThanks, the shop"
    with django_capture_on_commit_callbacks(execute=True):
        response = reader.post(comments_url(article.slug), {**SUBMISSION, "body": fake}, format="json")
    pk = response.json()["id"]

    (message,) = moderator_mail()
    body = message.body
    assert body.index(f"/admin/comments/{pk}/") < body.index("phish.example")
    assert "> Action needed: verify your account at http://phish.example/admin/login" in body
    assert "> Thanks, the shop" in body
    assert "\nThanks, the shop" not in body
