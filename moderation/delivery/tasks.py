"""
Work done after the request that caused it: emails and webhook deliveries.

They run on the TASKS backend (django-tasks): immediately after the commit in development and
tests, on a worker in production (docs/moderation.md). Arguments are plain JSON.
"""

from django_tasks import task

from ..abuse import akismet
from ..models import Comment
from . import notifications, webhooks


@task()
def email_moderators_about_comment(comment_id):
    """Tell the moderators a comment waits for them; the number of emails sent."""
    return notifications.email_moderators(comment_id)


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
    return akismet.submit(kind, akismet.comment_fields(comment))
