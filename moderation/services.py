"""
Every change to a comment: the only code that writes a comment's status, body or version.

Each service runs in one transaction, checks the version the caller saw (when given), applies a
transition from moderation/workflow.py, appends an audit entry and announces the change
(moderation/delivery/events.py). The API, the Wagtail admin and management code all call these, so they
all behave the same.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from articles.conf import articles_settings

from . import safety, selectors
from .abuse import spam, trust
from .conf import moderation_settings
from .delivery import events, unsubscribe
from .exceptions import (
    AlreadyInState,
    CommentsClosed,
    InvalidReply,
    InvalidTransition,
    NotReplyable,
    StaleVersion,
)
from .models import BODY_MAX_LENGTH, BODY_MIN_LENGTH, USER_AGENT_MAX_LENGTH, AuditEntry, Comment
from .text.normalise import has_visible_character, normalise_text
from .text.rendering import render_comment_body
from .workflow import ACTIONS

Status = Comment.Status
Source = AuditEntry.Source


def ensure_open_for_comments(article):
    """Raise CommentsClosed unless readers may comment on `article`."""
    if not selectors.is_published(article):
        raise CommentsClosed(_("This article is not published, so it does not take comments."))
    if not article.comments_enabled:
        raise CommentsClosed(_("Comments are closed on this article."))


def comment_submit(
    *,
    article,
    author_name,
    author_email,
    body,
    parent=None,
    ip_address=None,
    user_agent="",
    honeypot="",
    form_token="",
    commenter_token="",
    shopify_customer_id=None,
    notify=False,
) -> Comment:
    """
    Store a reader's comment with what the spam and safety checks saw; moderators are told.
    `notify`: the reader asked to be emailed when it is published (and when the clinic answers).

    A high spam score sends it to `spam`, a trusted commenter's (one sent with the address's
    commenter token) may skip the queue (both by the system, with an audit entry), unless it
    raised a safety signal: that one waits for a person. `shopify_customer_id` is the customer
    a verified Shopify app proxy request names (never a value a reader typed): the comment is then
    a verified customer's (trust.py). The same comment sent again within
    COMMENT_RESUBMIT_WINDOW is stored once: the earlier one is returned.
    """
    ensure_open_for_comments(article)
    _ensure_replyable(parent, article)
    submission = spam.Submission(
        article=article,
        author_name=author_name,
        author_email=author_email,
        body=body,
        parent=parent,
        ip_address=ip_address,
        user_agent=(user_agent or "")[:USER_AGENT_MAX_LENGTH],
        honeypot=honeypot,
        form_token=form_token,
        commenter_token=commenter_token,
        shopify_customer_id=shopify_customer_id,
    )
    earlier = selectors.resubmitted_comment(submission)
    if earlier is not None:
        return earlier
    # Outside the transaction: Akismet is a network call and holds no lock while it answers.
    signals = spam.collect_signals(submission)
    safety_signals = safety.collect_signals(article=submission.article, body=submission.body)
    return _store_submission(submission, signals, safety_signals, notify=notify)


@transaction.atomic
def _store_submission(submission, signals, safety_signals, *, notify):
    # One submitter at a time per address, so a double click cannot store the comment twice.
    commenter = trust.commenter_for(submission.author_email, lock=True)
    earlier = selectors.resubmitted_comment(submission)
    if earlier is not None:
        return earlier
    _ensure_replyable(submission.parent, submission.article)
    comment = Comment.objects.create(
        article=submission.article,
        parent=submission.parent,
        author_name=submission.author_name,
        author_email=submission.author_email,
        body=submission.body,
        body_html=submission.body_html,
        ip_address=submission.ip_address,
        user_agent=submission.user_agent,
        spam_signals=signals,
        spam_score=spam.total_score(signals),
        safety_signals=safety_signals,
        safety_flagged=safety.is_flagged(safety_signals),
        shopify_customer_id=submission.shopify_customer_id,
        notify_author=notify,
    )
    _record(comment, action="submit", from_status="", actor=None, source=Source.API)
    if spam.is_spam(signals):
        reason = _("Spam score %(score)s reached the threshold.") % {"score": comment.spam_score}
        return _system_action(comment, "spam", reason)
    if moderation_settings.COMMENT_TRUSTED_SKIP_QUEUE and not comment.safety_flagged:
        reason = trust.trusted_reason(submission, commenter)
        if reason:
            return _system_action(comment, "approve", reason)
    return comment


def _system_action(comment, action, reason):
    return comment_moderate(
        comment_id=comment.pk, action=action, actor=None, reason=reason, source=Source.SYSTEM
    )


def comment_moderate(
    *, comment_id, action, actor, reason="", source=Source.API, expected_version=None
) -> Comment:
    """
    Apply a moderation action (a key of workflow.ACTIONS) to one comment.

    Raises Comment.DoesNotExist, StaleVersion, AlreadyInState or InvalidTransition.
    """
    transition = ACTIONS[action]
    with transaction.atomic():
        comment = _locked(comment_id, expected_version)
        if comment.status == transition.target:
            raise AlreadyInState(action=transition, status=comment.status)
        if not transition.allows(comment.status):
            raise InvalidTransition(action=transition, status=comment.status)
        previous = comment.status
        comment.status = transition.target
        _save_new_version(comment, "status")
        _record(comment, action=action, from_status=previous, actor=actor, reason=reason, source=source)
    return comment


def comment_edit(*, comment_id, body, actor, reason="", source=Source.API, expected_version=None) -> Comment:
    """
    Replace a comment's body; the audit entry keeps the body it replaced. The new words are
    triaged as a submission's are: an edit can add a red flag or take one away.
    """
    with transaction.atomic():
        comment = _locked(comment_id, expected_version)
        if body == comment.body:
            return comment
        previous_body = comment.body
        comment.body, comment.body_html = body, render_comment_body(body)
        _apply_triage(comment)
        _save_new_version(comment, "body", "body_html", "safety_signals", "safety_flagged")
        _record(
            comment,
            action="edit",
            from_status=comment.status,
            actor=actor,
            reason=reason,
            source=source,
            details={"previous_body": previous_body, "body": body},
        )
    return comment


def staff_reply_name(actor):
    """
    The name readers see on a reply: COMMENT_STAFF_REPLY_NAME, else the moderator's full name,
    else the publisher's name. Never a login name, which would tell anyone what to try at the admin.
    """
    return (
        moderation_settings.COMMENT_STAFF_REPLY_NAME
        or actor.get_full_name().strip()
        or articles_settings.ARTICLES_PUBLISHER_NAME
    )


def comment_reply(*, parent_id, actor, body="", canned_reply=None, source=Source.API) -> Comment:
    """
    Answer an approved comment on the shop's behalf; the reply is approved at once.

    With a `canned_reply` (a CannedReply), its body is posted unless `body` adapts it, and the
    audit entry records which template was used. The body is cleaned as a reader's is; one with
    nothing left to show raises InvalidReply.
    """
    body = _reply_body(body, canned_reply)
    with transaction.atomic():
        parent = Comment.objects.select_for_update().select_related("article").get(pk=parent_id)
        _ensure_replyable(parent, parent.article)
        reply = Comment.objects.create(
            article=parent.article,
            parent=parent,
            author_name=staff_reply_name(actor),
            author_email=actor.email,
            body=body,
            body_html=render_comment_body(body),
            status=Status.APPROVED,
            is_staff_reply=True,
        )
        details = _canned_reply_details(canned_reply)
        _record(reply, action="reply", from_status="", actor=actor, source=source, details=details)
    return reply


def comment_approve_and_reply(
    *,
    comment_id,
    actor,
    body="",
    canned_reply=None,
    reason="",
    source=Source.API,
    expected_version=None,
) -> tuple[Comment, Comment]:
    """
    Approve a pending comment and publish the shop's reply to it, in one transaction: both are
    stored or neither (a refused approval posts no reply, a refused reply undoes the approval).
    Returns the approved comment and the reply; raises what comment_moderate and comment_reply raise.
    """
    with transaction.atomic():
        comment = comment_moderate(
            comment_id=comment_id,
            action="approve",
            actor=actor,
            reason=reason,
            source=source,
            expected_version=expected_version,
        )
        reply = comment_reply(
            parent_id=comment.pk, actor=actor, body=body, canned_reply=canned_reply, source=source
        )
    return comment, reply


# A private reply goes to the commenter by email only: to a comment waiting or published.
PRIVATELY_REPLYABLE = frozenset({Status.PENDING, Status.APPROVED})


def comment_reply_privately(
    *, comment_id, actor, body="", canned_reply=None, source=Source.API
) -> AuditEntry:
    """
    Answer a reader by email alone ("please see a doctor first"), without publishing their comment
    or the answer: allowed on a pending (flagged or not) or approved comment. The answer is kept in
    the comment's history (a `private-reply` audit entry, its body in `details`), and emailed to the
    commenter once the transaction commits. The comment itself, and its version, do not change.

    Returns the audit entry; raises Comment.DoesNotExist, NotReplyable (also when the reader
    unsubscribed from our emails) or InvalidReply.
    """
    body = _reply_body(body, canned_reply)
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment_id)
        if comment.is_staff_reply:
            raise NotReplyable(_("This is the shop's own reply: there is no reader to answer."))
        if comment.status not in PRIVATELY_REPLYABLE:
            raise NotReplyable(
                _("Only a pending or approved comment can be answered privately: this one is %(status)s.")
                % {"status": comment.status}
            )
        if unsubscribe.reachable_commenter(comment.author_email) is None:
            raise NotReplyable(
                _("This reader unsubscribed from our emails: a private answer cannot reach them.")
            )
        details = {"body": body, "signed": staff_reply_name(actor), **_canned_reply_details(canned_reply)}
        return _record(
            comment,
            action="private-reply",
            from_status=comment.status,
            actor=actor,
            source=source,
            details=details,
        )


def _reply_body(body, canned_reply):
    """
    A staff reply's text (`body`, else the canned reply's), cleaned as a reader's comment is
    (CleanTextField); InvalidReply if unfit.
    """
    body = normalise_text(body or (canned_reply.body if canned_reply else ""), multiline=True)
    if len(body) < BODY_MIN_LENGTH or not has_visible_character(body):
        raise InvalidReply(_("Write a reply: it has nothing to show."))
    if len(body) > BODY_MAX_LENGTH:
        raise InvalidReply(
            _("A reply has at most %(limit)s characters; this one has %(length)s.")
            % {"limit": BODY_MAX_LENGTH, "length": len(body)}
        )
    return body


def _canned_reply_details(canned_reply):
    return {"canned_reply": {"id": canned_reply.pk, "title": canned_reply.title}} if canned_reply else {}


@dataclass(frozen=True)
class BulkOutcome:
    """What one id of a bulk request came to: applied, unchanged, refused or not_found."""

    id: int
    outcome: str
    status: str | None
    detail: str


def comments_bulk_moderate(*, ids, action, actor, reason="", source=Source.BULK) -> list[BulkOutcome]:
    """
    Apply one action to many comments, each in its own transaction, so one refusal does not
    undo the others. Repeating a request changes nothing more: done ids come back "unchanged".
    `source` says who asked: the API's bulk endpoint, or the admin's bulk actions.
    """
    return [
        _bulk_one(pk, action=action, actor=actor, reason=reason, source=source) for pk in dict.fromkeys(ids)
    ]


def _bulk_one(pk, *, action, actor, reason, source):
    try:
        comment = comment_moderate(comment_id=pk, action=action, actor=actor, reason=reason, source=source)
    except Comment.DoesNotExist:
        return BulkOutcome(pk, "not_found", None, _("No comment has this id."))
    except AlreadyInState as error:
        return BulkOutcome(pk, "unchanged", error.status, error.message)
    except InvalidTransition as error:
        return BulkOutcome(pk, "refused", error.status, error.message)
    return BulkOutcome(pk, "applied", comment.status, _("Done."))


def _locked(comment_id, expected_version):
    """The comment, locked until the transaction ends, if the caller saw its current version."""
    comment = Comment.objects.select_for_update().get(pk=comment_id)
    if expected_version is not None and expected_version != comment.version:
        raise StaleVersion(expected=expected_version, current=comment.version)
    return comment


def _ensure_replyable(parent, article):
    if parent is None:
        return
    if parent.article_id != article.pk:
        raise NotReplyable(_("The comment answered belongs to another article."))
    if parent.status != Status.APPROVED:
        raise NotReplyable(
            _("Only an approved comment can be answered: this one is %(status)s.") % {"status": parent.status}
        )


def _apply_triage(comment):
    """Set a comment's safety signals from its body, as the triage reads it today."""
    comment.safety_signals = safety.collect_signals(article=comment.article, body=comment.body)
    comment.safety_flagged = safety.is_flagged(comment.safety_signals)


def comment_retriage(*, comment_id) -> tuple[Comment, list]:
    """
    Read a stored comment again with today's triage (after its lexicons or rules changed) and store
    what it finds; returns the comment and its previous signals. A comment that now raises a signal
    keeps its status: one already approved stays published, and moderators see the flag on it.
    """
    with transaction.atomic():
        comment = Comment.objects.select_for_update().select_related("article").get(pk=comment_id)
        previous = comment.safety_signals
        _apply_triage(comment)
        if comment.safety_signals != previous:
            _save_new_version(comment, "safety_signals", "safety_flagged")
    return comment, previous


def _save_new_version(comment, *fields):
    comment.version += 1
    comment.save(update_fields=[*fields, "version", "updated_at"])


# What a Shopify comment's fields are called here (comment_import compares and updates them).
IMPORTED_FIELDS = (
    "author_name",
    "author_email",
    "body",
    "status",
    "ip_address",
    "user_agent",
    "created_at",
    "safety_signals",
    "safety_flagged",
)


def comment_import(*, article, shopify_id, status, note="", **fields) -> tuple[Comment, str]:
    """
    Store a comment brought over from Shopify as it was there: its status, author and dates, with
    an `import` audit entry (whose reason is `note`, when the import changed something). Nothing
    is announced: readers and moderators saw it long ago, so no email, webhook or spam check.
    Run again, it updates the comment (keyed on `shopify_id`), unless a moderator acted on it
    here since: a decision taken here is never undone by an import.

    `fields` are IMPORTED_FIELDS but status, cleaned and triaged as a submission's are
    (moderation/shopify.py); returns the comment and "created", "updated", "unchanged" or "kept".
    """
    wanted = {
        **fields,
        "status": status,
        "user_agent": (fields.get("user_agent") or "")[:USER_AGENT_MAX_LENGTH],
    }
    with transaction.atomic():
        comment = Comment.objects.select_for_update().filter(shopify_id=shopify_id).first()
        if comment is None:
            comment = Comment.objects.create(
                article=article,
                shopify_id=shopify_id,
                body_html=render_comment_body(wanted["body"]),
                **wanted,
            )
            _append_audit(
                comment, action="import", from_status="", actor=None, reason=note, source=Source.IMPORT
            )
            return comment, "created"
        changed = [name for name in IMPORTED_FIELDS if getattr(comment, name) != wanted[name]]
        if not changed:
            return comment, "unchanged"
        if comment.audit_entries.order_by("at", "id").last().source != Source.IMPORT:
            return comment, "kept"
        previous = comment.status
        for name in changed:
            setattr(comment, name, wanted[name])
        comment.body_html = render_comment_body(comment.body)
        _save_new_version(comment, *changed, "body_html")
        _append_audit(
            comment, action="import", from_status=previous, actor=None, reason=note, source=Source.IMPORT
        )
    return comment, "updated"


def _record(comment, *, action, from_status, actor, reason="", source, details=None):
    entry = _append_audit(
        comment,
        action=action,
        from_status=from_status,
        actor=actor,
        reason=reason,
        source=source,
        details=details,
    )
    events.announce(comment, entry)
    return entry


def _append_audit(comment, *, action, from_status, actor, reason="", source, details=None):
    return AuditEntry.objects.create(
        comment=comment,
        action=action,
        from_status=from_status,
        to_status=comment.status,
        actor=actor,
        actor_name=actor.get_username() if actor else "",
        reason=reason,
        source=source,
        details=details or {},
    )
