"""
The services the API and the admin share to answer readers: a private reply (by email alone) and
approve-and-reply (both stored or neither).
"""

import pytest
from django.core import mail

from moderation import services
from moderation.exceptions import InvalidReply, InvalidTransition, NotReplyable, StaleVersion
from moderation.models import AuditEntry, CannedReply, Comment

from .factories import ApprovedCommentFactory, CommentFactory

pytestmark = pytest.mark.django_db

SEE_A_DOCTOR = "Please see a doctor before booking: a swollen, hot knee needs checking first."


@pytest.mark.parametrize("status", ["pending", "approved"])
def test_a_private_reply_emails_the_commenter_and_changes_nothing_public(
    moderator, status, django_capture_on_commit_callbacks
):
    comment = CommentFactory(status=status, body="My knee is hot and swollen.\nShould I book?")

    with django_capture_on_commit_callbacks(execute=True):
        entry = services.comment_reply_privately(
            comment_id=comment.pk, actor=moderator, body="  Please see a doctor first.\x07 "
        )

    comment.refresh_from_db()
    assert (comment.status, comment.version) == (status, 1)
    assert Comment.objects.count() == 1
    assert (entry.action, entry.comment_id, entry.actor_name) == ("private-reply", comment.pk, "mia")
    assert (entry.from_status, entry.to_status) == (status, status)
    assert entry.details["body"] == "Please see a doctor first."
    (message,) = mail.outbox
    assert message.to == [comment.author_email]
    assert comment.article.title in message.subject
    assert "Please see a doctor first." in message.body
    assert "> My knee is hot and swollen.\n> Should I book?" in message.body


@pytest.mark.parametrize("status", ["rejected", "spam", "removed"])
def test_a_private_reply_needs_a_pending_or_approved_comment(moderator, status):
    comment = CommentFactory(status=status)

    with pytest.raises(NotReplyable, match=status):
        services.comment_reply_privately(comment_id=comment.pk, actor=moderator, body="Hello there")

    assert not AuditEntry.objects.filter(action="private-reply").exists()


def test_a_private_reply_records_the_canned_reply_used(moderator, django_capture_on_commit_callbacks):
    canned = CannedReply.objects.create(title="See a doctor", body=SEE_A_DOCTOR)
    comment = CommentFactory()

    with django_capture_on_commit_callbacks(execute=True):
        entry = services.comment_reply_privately(comment_id=comment.pk, actor=moderator, canned_reply=canned)

    assert entry.details["body"] == SEE_A_DOCTOR
    assert entry.details["canned_reply"] == {"id": canned.pk, "title": "See a doctor"}
    assert SEE_A_DOCTOR in mail.outbox[0].body


def test_no_email_leaves_before_the_commit(moderator, django_capture_on_commit_callbacks):
    comment = CommentFactory()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.comment_reply_privately(comment_id=comment.pk, actor=moderator, body="Hello there")

    assert mail.outbox == [] and len(callbacks) == 1


@pytest.mark.parametrize("body", ["", " \u200b ", "x" * 5001])
def test_a_reply_body_is_cleaned_as_a_comments_is(moderator, body):
    comment = ApprovedCommentFactory()

    with pytest.raises(InvalidReply):
        services.comment_reply_privately(comment_id=comment.pk, actor=moderator, body=body)
    with pytest.raises(InvalidReply):
        services.comment_reply(parent_id=comment.pk, actor=moderator, body=body)

    assert Comment.objects.count() == 1


def test_approve_and_reply_stores_both(moderator, django_capture_on_commit_callbacks):
    comment = CommentFactory()

    comment, reply = services.comment_approve_and_reply(
        comment_id=comment.pk, actor=moderator, body="Thank you!", expected_version=1
    )

    comment.refresh_from_db()
    assert (comment.status, comment.version) == ("approved", 2)
    assert (reply.parent_id, reply.status, reply.is_staff_reply, reply.body) == (
        comment.pk,
        "approved",
        True,
        "Thank you!",
    )
    assert list(comment.audit_entries.values_list("action", flat=True)) == ["approve"]
    assert list(reply.audit_entries.values_list("action", flat=True)) == ["reply"]


def test_a_refused_reply_undoes_the_approval(moderator, django_capture_on_commit_callbacks):
    comment = CommentFactory()

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(InvalidReply):
        services.comment_approve_and_reply(comment_id=comment.pk, actor=moderator, body=" ")

    comment.refresh_from_db()
    assert (comment.status, comment.version) == ("pending", 1)
    assert Comment.objects.count() == 1
    assert not AuditEntry.objects.filter(comment=comment).exists()
    assert callbacks == [] and mail.outbox == []


def test_a_reply_failing_after_the_approval_undoes_it(moderator, monkeypatch):
    comment = CommentFactory()

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "staff_reply_name", broken)
    with pytest.raises(RuntimeError):
        services.comment_approve_and_reply(comment_id=comment.pk, actor=moderator, body="Thank you!")

    comment.refresh_from_db()
    assert (comment.status, comment.version) == ("pending", 1)
    assert Comment.objects.count() == 1


def test_a_refused_approval_posts_no_reply(moderator):
    rejected = CommentFactory(status="rejected")
    pending = CommentFactory()

    with pytest.raises(InvalidTransition):
        services.comment_approve_and_reply(comment_id=rejected.pk, actor=moderator, body="Thank you!")
    with pytest.raises(StaleVersion):
        services.comment_approve_and_reply(
            comment_id=pending.pk, actor=moderator, body="Thank you!", expected_version=7
        )

    assert Comment.objects.filter(is_staff_reply=True).count() == 0
