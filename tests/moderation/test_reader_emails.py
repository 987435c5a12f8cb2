"""
Readers are told, with consent: their comment published, the clinic's public answer (once their
address is confirmed), and the clinic's private answer; every email unsubscribes in one click.
"""

import re

import pytest
from django.core import mail, signing
from django.test import override_settings

from moderation import services
from moderation.abuse import trust
from moderation.abuse.models import Commenter
from moderation.delivery.unsubscribe import unsubscribe_token

from .factories import ApprovedCommentFactory, CommentFactory
from .helpers import action_url, comments_url, reply_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("https_base")]

ADA = "ada@private.example"
SUBMISSION = {"author_name": "Ada", "author_email": ADA, "body": "My knee feels much better now."}


@pytest.fixture
def https_base():
    with override_settings(WAGTAILADMIN_BASE_URL="https://cms.clinic.example"):
        yield


def reader_mail():
    return [message for message in mail.outbox if message.to == [ADA]]


def unsubscribe_link(message):
    header = message.extra_headers["List-Unsubscribe"]
    assert re.fullmatch(r"<https://cms\.clinic\.example/email/unsubscribe/[^/>]+/>", header)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = header.strip("<>")
    assert url in message.body
    return url.removeprefix("https://cms.clinic.example")


def submit(reader, article, callbacks, **fields):
    with callbacks(execute=True):
        response = reader.post(comments_url(article.slug), {**SUBMISSION, **fields}, format="json")
    assert response.status_code == 202
    return response.json()["id"]


def approve(client, pk, callbacks, **payload):
    with callbacks(execute=True):
        response = client.post(action_url(pk, "approve"), payload, format="json")
    assert response.status_code == 200
    return response


def test_an_opted_in_reader_is_told_once_when_approved_with_the_confirmation_link(
    reader, moderator_client, article, django_capture_on_commit_callbacks
):
    pk = submit(reader, article, django_capture_on_commit_callbacks, notify=True)
    assert reader_mail() == []

    approve(moderator_client, pk, django_capture_on_commit_callbacks)

    (message,) = reader_mail()
    assert message.subject == f"Your comment on “{article.title}” is published"
    assert "> My knee feels much better now." in message.body
    assert "/api/v1/comments/confirm-email/?token=" in message.body
    unsubscribe_link(message)
    # Removed and approved again: not a second email.
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_moderate(comment_id=pk, action="remove", actor=None)
        services.comment_moderate(comment_id=pk, action="restore", actor=None)
        services.comment_moderate(comment_id=pk, action="approve", actor=None)
    assert len(reader_mail()) == 1


def test_a_reader_who_did_not_tick_the_box_gets_nothing(
    reader, moderator_client, article, django_capture_on_commit_callbacks
):
    pk = submit(reader, article, django_capture_on_commit_callbacks)

    approve(moderator_client, pk, django_capture_on_commit_callbacks, reply="Thank you!")

    assert reader_mail() == []


@pytest.mark.parametrize("action", ["reject", "spam"])
def test_nothing_is_sent_about_a_comment_not_approved(
    reader, moderator_client, article, django_capture_on_commit_callbacks, action
):
    pk = submit(reader, article, django_capture_on_commit_callbacks, notify=True)

    with django_capture_on_commit_callbacks(execute=True):
        assert moderator_client.post(action_url(pk, action), {}, format="json").status_code == 200

    assert reader_mail() == []


def test_a_confirmed_reader_is_told_of_the_clinics_public_answer(
    reader, moderator_client, article, django_capture_on_commit_callbacks
):
    trust.confirm_email(trust.confirmation_token(ADA))
    pk = submit(reader, article, django_capture_on_commit_callbacks, notify=True)

    approve(moderator_client, pk, django_capture_on_commit_callbacks, reply="Glad to hear it, Ada!")

    published, answered = reader_mail()
    assert "confirm-email" not in published.body
    assert answered.subject == f"The clinic answered your comment on “{article.title}”"
    assert "Glad to hear it, Ada!" in answered.body
    assert "> My knee feels much better now." in answered.body
    unsubscribe_link(answered)


def test_an_unconfirmed_reader_is_not_told_of_answers(
    reader, moderator_client, article, django_capture_on_commit_callbacks
):
    pk = submit(reader, article, django_capture_on_commit_callbacks, notify=True)
    approve(moderator_client, pk, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(reply_url(pk), {"body": "Thank you!"}, format="json")

    assert [message.subject for message in reader_mail()] == [
        f"Your comment on “{article.title}” is published"
    ]


def test_the_private_answer_carries_the_unsubscribe_headers(
    moderator_client, django_capture_on_commit_callbacks
):
    comment = CommentFactory(author_email=ADA)

    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(
            reply_url(comment.pk), {"body": "See a doctor first.", "private": True}, format="json"
        )

    (message,) = reader_mail()
    unsubscribe_link(message)


def test_one_click_unsubscribe_stops_every_email(
    reader, moderator_client, article, django_capture_on_commit_callbacks
):
    trust.confirm_email(trust.confirmation_token(ADA))
    pk = submit(reader, article, django_capture_on_commit_callbacks, notify=True)
    approve(moderator_client, pk, django_capture_on_commit_callbacks)
    path = unsubscribe_link(reader_mail()[0])

    # What a mail client's one click sends (RFC 8058): a POST, no cookie, no CSRF token.
    client = reader.__class__(enforce_csrf_checks=True)
    response = client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    assert Commenter.objects.get(email=ADA).unsubscribed_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(reply_url(pk), {"body": "Thank you!"}, format="json")
        refused = moderator_client.post(reply_url(pk), {"body": "Privately", "private": True}, format="json")
    assert refused.status_code == 409 and "unsubscribed" in refused.json()["detail"]
    assert len(reader_mail()) == 1


def test_opening_the_unsubscribe_link_only_asks(reader, moderator, django_capture_on_commit_callbacks):
    comment = ApprovedCommentFactory(author_email=ADA, notify_author=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_reply_privately(comment_id=comment.pk, actor=moderator, body="Hello Ada")
    path = unsubscribe_link(reader_mail()[0])

    response = reader.get(path)

    token = path.split("/")[3]
    assert ADA not in token and "ada" not in signing.b64_decode(token.split(":")[0].encode()).decode()
    assert response.status_code == 200
    assert b'<form method="post"' in response.content
    assert ADA.encode() not in response.content
    assert "no-store" in response["Cache-Control"] and response["Referrer-Policy"] == "no-referrer"
    assert Commenter.objects.get(email=ADA).unsubscribed_at is None


@pytest.mark.parametrize("token", ["nonsense", "forged"])
def test_a_forged_unsubscribe_link_changes_nothing(reader, token):
    commenter = Commenter.objects.create(email=ADA)
    if token == "forged":
        # A valid-looking token for another commenter, signed with another key.
        with override_settings(SECRET_KEY="not-ours-" * 8):
            token = unsubscribe_token(commenter)

    response = reader.post(f"/email/unsubscribe/{token}/")

    assert response.status_code == 404
    assert Commenter.objects.get(email=ADA).unsubscribed_at is None
