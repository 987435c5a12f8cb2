"""
Work done after the request that caused it: emails, webhook deliveries, Akismet reports.

Each is queued with `outbox.enqueue(task, *args)` in the transaction of the change, and run by the
TASKS backend's worker (`manage.py db_worker`; docs/caching.md, "What runs where"). Arguments are
plain JSON. A task here that raises is retried with backoff (outbox.py): raise, never swallow, a
receiver's failure.
"""

from django.db import transaction
from django_tasks import task

from ..abuse import akismet
from ..models import Comment
from . import notifications, webhooks
from .outbox import DeliveryFailed, enqueue


@task()
def email_moderators_about_comment(comment_id):
    """
    Queue an email to each moderator about a comment waiting for them, each its own delivery: an
    address the mail server refuses is retried alone, and no one gets the email twice. How many.
    """
    moderator_ids = notifications.moderators_to_tell(comment_id)
    with transaction.atomic():
        for moderator_id in moderator_ids:
            enqueue(email_moderator_about_comment, comment_id, moderator_id)
    return len(moderator_ids)


@task()
def email_moderator_about_comment(comment_id, moderator_id):
    """Tell one moderator a comment waits for them; True when sent."""
    return notifications.email_moderator(comment_id, moderator_id)


@task()
def deliver_webhook_event(event):
    return webhooks.deliver(event)


@task()
def email_reader_approved(comment_id):
    """Tell a reader who asked that their comment is published; True when sent."""
    return notifications.email_reader_approved(comment_id)


@task()
def email_reader_answered(reply_id):
    """Tell a reader who asked (and confirmed their address) that the clinic answered; True when sent."""
    return notifications.email_reader_answered(reply_id)


@task()
def email_private_reply(entry_id):
    """Send a commenter the clinic's private answer (a `private-reply` audit entry); True when sent."""
    return notifications.email_private_reply(entry_id)


@task()
def report_to_akismet(comment_id, kind):
    """Tell Akismet a moderator found a comment to be `kind` ("spam" or "ham")."""
    comment = Comment.objects.filter(pk=comment_id).first()
    if comment is None or not akismet.enabled():
        return False
    if not akismet.submit(kind, akismet.comment_fields(comment)):
        raise DeliveryFailed(f"Akismet did not take the {kind} report on comment {comment_id}")
    return True
