"""
What happens once a change to a comment is committed: a webhook event for every change, an
email to the moderators for every new comment waiting for them, and the readers' emails (a
private answer; their comment published and the clinic's answer to it, when they asked).

Work is queued through the outbox (outbox.py) with the change, so a rolled-back change announces
nothing, a committed one is announced at least once, and the request neither waits for the
delivery nor fails with it. Inside `silenced()`, nothing is announced at all.
"""

import uuid
from contextlib import contextmanager
from contextvars import ContextVar

from ..abuse import akismet
from ..conf import moderation_settings
from ..models import Comment
from .outbox import enqueue
from .tasks import (
    deliver_webhook_event,
    email_moderators_about_comment,
    email_private_reply,
    email_reader_answered,
    email_reader_approved,
    report_to_akismet,
)

SUBMITTED_ACTIONS = {"submit", "reply"}
# Between the clinic and one reader: no webhook event (the comment did not change), only the email.
PRIVATE_ACTIONS = {"private-reply"}
_silenced = ContextVar("comment_events_silenced", default=False)
# A moderator's verdict that Akismet learns from.
AKISMET_FEEDBACK = {"spam": "spam", "not-spam": "ham"}


def event_type(entry):
    if entry.action in SUBMITTED_ACTIONS:
        return "comment.created"
    if entry.from_status != entry.to_status:
        return "comment.status_changed"
    return "comment.edited"


def build_event(comment, entry):
    """The webhook payload: the change and the comment, without the author's personal data."""
    article = comment.article
    return {
        "id": str(uuid.uuid4()),
        "type": event_type(entry),
        "occurred_at": entry.at.isoformat(),
        "comment": {
            "id": comment.pk,
            "article": {"id": article.pk, "slug": article.slug, "title": article.title},
            "parent": comment.parent_id,
            "status": comment.status,
            "version": comment.version,
            "author_name": comment.author_name,
            "body": comment.body,
            "is_staff_reply": comment.is_staff_reply,
            "created_at": comment.created_at.isoformat(),
        },
        "change": {
            "action": entry.action,
            "from_status": entry.from_status or None,
            "to_status": entry.to_status,
            "actor": entry.actor_name or None,
            "reason": entry.reason,
            "source": entry.source,
        },
    }


@contextmanager
def silenced():
    """
    Changes made inside announce nothing: no webhook, no email, no Akismet report. For comments
    nobody needs telling about, such as the demo's (moderation/demo.py); their audit entries are
    written as always.
    """
    token = _silenced.set(True)
    try:
        yield
    finally:
        _silenced.reset(token)


def announcing():
    """False inside `silenced()`."""
    return not _silenced.get()


def announce(comment, entry):
    """Queue the reactions to `entry`, to run once the surrounding transaction commits."""
    if not announcing():
        return
    if entry.action in PRIVATE_ACTIONS:
        enqueue(email_private_reply, entry.pk)
        return
    if moderation_settings.COMMENT_WEBHOOK_URL:
        enqueue(deliver_webhook_event, build_event(comment, entry))
    waiting = entry.action == "submit" and comment.status == Comment.Status.PENDING
    if waiting and moderation_settings.COMMENT_NOTIFY_MODERATORS:
        enqueue(email_moderators_about_comment, comment.pk)
    if entry.action == "approve" and comment.notify_author:
        enqueue(email_reader_approved, comment.pk)
    if entry.action == "reply" and comment.is_staff_reply:
        enqueue(email_reader_answered, comment.pk)
    if entry.action in AKISMET_FEEDBACK and entry.source != entry.Source.SYSTEM and akismet.enabled():
        enqueue(report_to_akismet, comment.pk, AKISMET_FEEDBACK[entry.action])
