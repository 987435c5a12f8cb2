"""
Emails to the people who moderate comments, and to readers: the clinic's private answers, and,
for readers who asked, their comment published and the clinic's public answer to it. Nothing is
sent to a reader about a comment that is not published, but a private answer.
"""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from articles.frontend.addresses import frontend_url

from ..abuse.trust import commenter_for, confirmation_url, mark_confirmation_sent
from ..conf import moderation_settings
from ..models import AuditEntry, Comment
from ..selectors import moderators_to_email
from . import email_actions, unsubscribe


def moderators_to_tell(comment_id):
    """
    The ids of the moderators to email about a comment waiting for approval: none when it was
    moderated (or deleted) before the task ran.
    """
    if not _pending(comment_id).exists():
        return []
    return [moderator.pk for moderator in moderators_to_email()]


def email_moderator(comment_id, moderator_id):
    """
    One moderator's email about a comment waiting for approval, with their own signed links to
    approve it or mark it as spam (email_actions.py); whether it was sent. Nothing is sent when the
    comment was moderated, or the moderator lost the right or their address, since it was queued.
    """
    comment = _pending(comment_id).select_related("article").first()
    moderators = moderators_to_email() if comment else []
    moderator = next((user for user in moderators if user.pk == moderator_id), None)
    if moderator is None:
        return False
    context = {
        "comment": comment,
        "quoted_body": quoted(comment.body),
        "article_title": comment.article.title,
        "review_url": moderation_settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("moderation_comments:edit", args=[comment.pk]),
        "max_age_hours": moderation_settings.COMMENT_EMAIL_ACTION_MAX_AGE // 3600,
        **{
            f"{action}_url": email_actions.link_url(user=moderator, comment=comment, action=action)
            for action in email_actions.EMAIL_ACTIONS
        },
    }
    subject = render_to_string("moderation/emails/new_comment_subject.txt", context).strip()
    body = render_to_string("moderation/emails/new_comment.txt", context)
    return bool(EmailMessage(subject, body, to=[moderator.email]).send())


def _pending(comment_id):
    return Comment.objects.filter(pk=comment_id, status=Comment.Status.PENDING)


def quoted(text, limit=1000):
    """
    A reader's text as an email quotes it: each line behind "> ", below the real review link, so
    a body cannot pass itself off as our own message or put a convincing link above ours.
    """
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "\n".join(f"> {line}" for line in text.splitlines())


def email_private_reply(entry_id):
    """
    The clinic's private answer to a commenter, with the article's title and their words quoted;
    nothing when the answer's text was erased since (the commenter's right to erasure).
    """
    entry = AuditEntry.objects.filter(pk=entry_id, action="private-reply").select_related("comment").first()
    body = entry.details.get("body") if entry else None
    if not body:
        return False
    comment = entry.comment
    context = {**_comment_context(comment), "reply_body": body, "signed": entry.details.get("signed", "")}
    return send_to_reader(comment.author_email, "private_reply", context)


def email_reader_approved(comment_id):
    """
    Tell a reader who asked for it that their comment is published, once (its first approval),
    with the link that confirms their address while it is not confirmed: only a confirmed address
    is told of the clinic's answers.
    """
    comment = (
        Comment.objects.filter(pk=comment_id, status=Comment.Status.APPROVED, notify_author=True)
        .select_related("article")
        .first()
    )
    if comment is None or comment.audit_entries.filter(action="approve").count() != 1:
        return False
    commenter = commenter_for(comment.author_email)
    context = {
        **_comment_context(comment),
        "confirm_url": None if commenter.email_confirmed_at else confirmation_url(commenter.email),
    }
    sent = send_to_reader(comment.author_email, "comment_approved", context)
    if sent and context["confirm_url"]:
        mark_confirmation_sent(commenter)
    return sent


def email_reader_answered(reply_id):
    """
    Tell a reader the clinic answered their comment publicly: only if they asked to be told,
    confirmed their address, and the comment and the answer are both still published.
    """
    reply = (
        Comment.objects.filter(
            pk=reply_id,
            status=Comment.Status.APPROVED,
            is_staff_reply=True,
            parent__status=Comment.Status.APPROVED,
            parent__notify_author=True,
            parent__is_staff_reply=False,
        )
        .select_related("parent__article")
        .first()
    )
    if reply is None or commenter_for(reply.parent.author_email).email_confirmed_at is None:
        return False
    context = {**_comment_context(reply.parent), "reply_body": reply.body, "signed": reply.author_name}
    return send_to_reader(reply.parent.author_email, "comment_answered", context)


def _comment_context(comment):
    return {
        "comment": comment,
        "article_title": comment.article.title,
        "article_url": frontend_url(comment.article),
        "quoted_body": quoted(comment.body),
    }


def send_to_reader(address, template, context):
    """
    One email to a reader, from moderation/emails/<template>.txt and <template>_subject.txt, with
    the one-click unsubscribe link in its footer and headers; nothing to an address that
    unsubscribed. True when sent.
    """
    commenter = unsubscribe.reachable_commenter(address)
    if commenter is None:
        return False
    context = {**context, "unsubscribe_url": unsubscribe.unsubscribe_url(commenter)}
    subject = render_to_string(f"moderation/emails/{template}_subject.txt", context).strip()
    text = render_to_string(f"moderation/emails/{template}.txt", context)
    message = EmailMessage(subject, text, to=[address], headers=unsubscribe.headers(commenter))
    return message.send() == 1
