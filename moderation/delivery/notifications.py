"""
Emails to the people who moderate comments, and to commenters: confirming their address, and the
clinic's private answers.
"""

from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse

from ..abuse.models import Commenter
from ..abuse.trust import confirmation_url
from ..conf import moderation_settings
from ..models import AuditEntry, Comment
from ..selectors import moderator_emails


def email_moderators(comment_id):
    """
    One email per moderator about a comment waiting for approval; how many were sent.

    Nothing is sent when the comment was moderated (or deleted) before the task ran.
    """
    comment = Comment.objects.filter(pk=comment_id, status=Comment.Status.PENDING).first()
    recipients = moderator_emails() if comment else []
    if not recipients:
        return 0
    context = {
        "comment": comment,
        "quoted_body": quoted(comment.body),
        "article_title": comment.article.title,
        "review_url": moderation_settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("moderation_comments:edit", args=[comment.pk]),
    }
    subject = render_to_string("moderation/emails/new_comment_subject.txt", context).strip()
    body = render_to_string("moderation/emails/new_comment.txt", context)
    messages = [EmailMessage(subject, body, to=[address]) for address in recipients]
    return get_connection().send_messages(messages)


def quoted(text, limit=1000):
    """
    A reader's text as an email quotes it: each line behind "> ", below the real review link, so
    a body cannot pass itself off as our own message or put a convincing link above ours.
    """
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "\n".join(f"> {line}" for line in text.splitlines())


def email_confirmation_link(commenter_id):
    """The link that proves a commenter reads their address; nothing once it is confirmed."""
    commenter = Commenter.objects.filter(pk=commenter_id, email_confirmed_at__isnull=True).first()
    if commenter is None:
        return False
    context = {"confirm_url": confirmation_url(commenter.email)}
    subject = render_to_string("moderation/emails/confirm_email_subject.txt", context).strip()
    body = render_to_string("moderation/emails/confirm_email.txt", context)
    return EmailMessage(subject, body, to=[commenter.email]).send() == 1


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
    context = {
        "comment": comment,
        "article_title": comment.article.title,
        "reply_body": body,
        "signed": entry.details.get("signed", ""),
        "quoted_body": quoted(comment.body),
    }
    subject = render_to_string("moderation/emails/private_reply_subject.txt", context).strip()
    text = render_to_string("moderation/emails/private_reply.txt", context)
    return EmailMessage(subject, text, to=[comment.author_email]).send() == 1
