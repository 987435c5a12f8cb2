"""
Moderators act from the new-comment email: signed links, theirs alone, that work once, for 72
hours, on the comment as it was emailed; opening one changes nothing until its button is pressed.
"""

import re
import time

import pytest
from django.core import mail
from django.core import signing as django_signing
from django.test import Client

from moderation import services
from moderation.delivery import email_actions
from moderation.delivery.models import UsedEmailLink
from moderation.models import AuditEntry, Comment

from .factories import ModeratorFactory
from .helpers import comments_url

pytestmark = pytest.mark.django_db

HOURS = 3600


@pytest.fixture
def emailed(reader, article, moderator, django_capture_on_commit_callbacks):
    """A comment waiting, and the links of the email its moderator got: {"approve", "spam", "admin"}."""
    submission = {"author_name": "Ada", "author_email": "ada@private.example", "body": "Lovely article"}
    with django_capture_on_commit_callbacks(execute=True):
        pk = reader.post(comments_url(article.slug), submission, format="json").json()["id"]
    return Comment.objects.get(pk=pk), links(mail_to(moderator.email))


def mail_to(address):
    [message] = [message for message in mail.outbox if message.to == [address]]
    return message


def links(message):
    found = dict(re.findall(r"^(Approve|Mark as spam|Open in the admin): (\S+)$", message.body, re.MULTILINE))
    return {
        "approve": path(found["Approve"]),
        "spam": path(found["Mark as spam"]),
        "admin": path(found["Open in the admin"]),
    }


def path(url):
    return re.sub(r"^https?://[^/]+", "", url)


def status_of(comment):
    comment.refresh_from_db()
    return comment.status


def test_the_email_carries_approve_spam_and_admin_links(emailed):
    comment, found = emailed

    assert found["approve"].startswith("/email/moderate/")
    assert found["spam"].startswith("/email/moderate/")
    assert found["admin"] == f"/admin/comments/{comment.pk}/"


def test_each_moderator_gets_their_own_links(reader, article, django_capture_on_commit_callbacks):
    one, two = ModeratorFactory(email="one@shop.example"), ModeratorFactory(email="two@shop.example")
    submission = {"author_name": "Ada", "author_email": "ada@private.example", "body": "Lovely article"}
    with django_capture_on_commit_callbacks(execute=True):
        reader.post(comments_url(article.slug), submission, format="json")

    first, second = links(mail_to(one.email)), links(mail_to(two.email))

    assert first["approve"] != second["approve"]
    assert email_actions.read_link(first["approve"].split("/")[3]).user_id == one.pk


def test_opening_a_link_only_asks(emailed):
    comment, found = emailed

    response = Client().get(found["approve"])

    assert response.status_code == 200
    assert b"Approve this comment?" in response.content and b'<form method="post"' in response.content
    assert b"Lovely article" in response.content
    assert "no-store" in response["Cache-Control"] and response["Referrer-Policy"] == "no-referrer"
    assert status_of(comment) == "pending"
    assert not UsedEmailLink.objects.exists()


def test_its_button_approves_in_the_moderators_name_from_the_email(emailed, moderator):
    comment, found = emailed

    response = Client().post(found["approve"])

    assert response.status_code == 200 and b"Approved" in response.content
    assert status_of(comment) == "approved"
    entry = AuditEntry.objects.filter(comment=comment).last()
    assert (entry.action, entry.actor_id, entry.actor_name, entry.source) == (
        "approve",
        moderator.pk,
        "mia",
        "email",
    )


def test_the_spam_link_marks_it_as_spam(emailed):
    comment, found = emailed

    assert Client().post(found["spam"]).status_code == 200
    assert status_of(comment) == "spam"


def test_a_used_link_says_so_and_changes_nothing(emailed, moderator):
    comment, found = emailed
    Client().post(found["approve"])
    services.comment_moderate(comment_id=comment.pk, action="remove", actor=moderator)

    for method in ("get", "post"):
        response = getattr(Client(), method)(found["approve"])
        assert response.status_code == 410 and b"used already" in response.content
    assert status_of(comment) == "removed"


def test_a_superseded_link_says_so_and_changes_nothing(emailed, moderator):
    comment, found = emailed
    Client().post(found["approve"])

    response = Client().post(found["spam"])

    assert response.status_code == 409 and b"changed since the email" in response.content
    assert status_of(comment) == "approved"


def test_an_edit_supersedes_the_links(emailed, moderator):
    comment, found = emailed

    services.comment_edit(comment_id=comment.pk, body="Lovely article, edited", actor=moderator)

    assert Client().get(found["approve"]).status_code == 409
    assert Client().post(found["approve"]).status_code == 409
    assert status_of(comment) == "pending"


def test_a_link_expires_after_72_hours(emailed, monkeypatch):
    comment, found = emailed
    now = time.time()

    monkeypatch.setattr(django_signing.time, "time", lambda: now + 71 * HOURS)
    assert Client().get(found["approve"]).status_code == 200
    monkeypatch.setattr(django_signing.time, "time", lambda: now + 72 * HOURS + 60)
    response = Client().post(found["approve"])

    assert response.status_code == 410 and b"expired" in response.content
    assert status_of(comment) == "pending"


@pytest.mark.parametrize("kind", ["altered", "other salt", "nonsense"])
def test_a_forged_link_changes_nothing(emailed, moderator, kind):
    comment, found = emailed
    token = found["approve"].split("/")[3]
    forged = {
        "altered": token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb"),
        "other salt": django_signing.dumps(
            {"l": "x" * 32, "u": moderator.pk, "c": comment.pk, "v": 1, "a": "approve"}, salt="another"
        ),
        "nonsense": "nonsense",
    }[kind]

    response = Client().post(f"/email/moderate/{forged}/")

    assert response.status_code == 400 and b"not valid" in response.content
    assert status_of(comment) == "pending"


def test_the_pages_button_works_with_csrf_checks(emailed):
    comment, found = emailed
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(found["approve"]).content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    assert browser.post(found["approve"]).status_code == 403  # no token: Django's CSRF refusal
    assert browser.post(found["approve"], {"csrfmiddlewaretoken": csrf}).status_code == 200
    assert status_of(comment) == "approved"


@pytest.mark.parametrize("how", ["left the group", "deactivated"])
def test_a_moderator_who_lost_the_permission_gets_403(emailed, moderator, how):
    comment, found = emailed
    if how == "left the group":
        moderator.groups.clear()
    else:
        moderator.is_active = False
        moderator.save()

    assert Client().get(found["approve"]).status_code == 403
    assert Client().post(found["approve"]).status_code == 403
    assert status_of(comment) == "pending"


def test_a_safety_flagged_comment_says_so_in_the_subject_and_first_line(
    reader, article, moderator, django_capture_on_commit_callbacks
):
    flagged = {
        "author_name": "Ada",
        "author_email": "ada@private.example",
        "body": "My knee has been hot and swollen since I fell on the stairs, should I still book?",
    }
    with django_capture_on_commit_callbacks(execute=True):
        reader.post(comments_url(article.slug), flagged, format="json")

    message = mail_to(moderator.email)
    assert message.subject.startswith("Safety flag: ")
    assert message.body.splitlines()[0].startswith("Safety flag:")
