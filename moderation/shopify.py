"""
Shopify comments brought over with their status and history, through services.comment_import.

This side of the import lives here rather than in articles/shopify/: comments build on articles,
and articles know nothing of comments. A comment finds its article by the Shopify id the article
import keeps on the page.

A comment comes in as a reader's submission does (api/comments/serializers.py): its text cleaned
by moderation/text/normalise.py (NFC, no control, bidirectional override or zero-width-only text), its
email checked as an address we may write to, and its body through the clinical-safety triage
(moderation.safety). Where the shop's status cannot stand, the comment waits for a moderator
with a note in its audit entry: a comment the cleaning empties is never published blank, and a
published one the triage flags is held, as a flagged submission never goes live unseen.
"""

import ipaddress
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from articles.models import ArticlePage

from . import safety, services
from .models import BODY_MAX_LENGTH, BODY_MIN_LENGTH, NAME_MAX_LENGTH, Comment
from .text.normalise import has_visible_character, is_ip_literal_address, normalise_text

Status = Comment.Status
EMAIL_MAX_LENGTH = Comment._meta.get_field("author_email").max_length
NO_NAME = "Anonymous"

# Shopify's comment statuses (REST and GraphQL, lower-cased) and what they are here.
STATUSES = {
    "published": Status.APPROVED,
    "unapproved": Status.PENDING,
    "pending": Status.PENDING,
    "spam": Status.SPAM,
    "removed": Status.REMOVED,
}


@dataclass
class Cleaned:
    """A Shopify comment's fields as a submission's would be stored, and why anything changed."""

    fields: dict
    status: str
    notes: list = field(default_factory=list)  # why it waits for a moderator (the audit's reason)
    warnings: list = field(default_factory=list)


def import_comments(comments, *, report, advance=lambda: None):
    """Import `comments` (source.Comment) onto their imported articles, counting in `report`."""
    pages = ArticlePage.objects.in_bulk({comment.article_id for comment in comments}, field_name="shopify_id")
    stored = Comment.objects.only(
        "shopify_id", "article_id", "body", "safety_signals", "safety_flagged"
    ).in_bulk([comment.id for comment in comments], field_name="shopify_id")
    orphans = 0
    for comment in comments:
        page = pages.get(comment.article_id)
        if page is None:
            orphans += 1
        else:
            import_comment(comment, page, report, stored.get(comment.id))
        advance()
    if orphans:
        report.warn(
            "comments",
            f"{orphans} left out: their article is not imported (another blog, or it failed)",
            kind="comment left out",
        )


def import_comment(comment, page, report, stored=None):
    cleaned = clean(comment, page, stored)
    subject = f"comment {comment.id}"
    for warning in cleaned.warnings:
        report.warn(subject, warning, kind="comment cleaned")
    stored, outcome = services.comment_import(
        article=page,
        shopify_id=comment.id,
        status=cleaned.status,
        note=" ".join(cleaned.notes),
        **cleaned.fields,
    )
    report.count("comments by status", stored.status)
    report.count("comments", outcome)
    if outcome == "kept":
        report.warn(subject, "moderated here since the last import: left as it is", kind="moderated here")
    elif outcome != "unchanged":
        for note in cleaned.notes:
            report.warn(subject, note, kind="comment held")
        report.change(f"comment {comment.id} on {page.slug}: {outcome} ({stored.status})")


def clean(comment, page, stored=None):
    """
    The comment's fields cleaned, validated and triaged as the comment API's are. A comment
    imported before (`stored`) whose text and article are the same keeps the triage it got.
    """
    status = STATUSES[comment.status]
    notes, warnings = [], []
    body = normalise_text(comment.body, multiline=True)
    if not has_visible_character(body) or len(body) < BODY_MIN_LENGTH:
        body = body if has_visible_character(body) else ""
        notes.append(_("Its text was empty, or too short, once cleaned: it waits for a moderator."))
    elif len(body) > BODY_MAX_LENGTH:
        warnings.append(f"its text is longer than submissions may be ({len(body)} characters): kept whole")
    signals, flagged = triage(page, body, stored)
    if flagged and status == Status.APPROVED:
        notes.append(
            _("Published on Shopify, but the clinical-safety checks flagged it: it waits for a moderator.")
        )
    if notes and status == Status.APPROVED:
        status = Status.PENDING
    fields = {
        "author_name": author_name(comment, warnings),
        "author_email": author_email(comment, warnings),
        "body": body,
        "ip_address": ip_address(comment, warnings),
        "user_agent": normalise_text(comment.user_agent, multiline=False),
        "created_at": comment.created_at,
        "safety_signals": signals,
        "safety_flagged": flagged,
    }
    return Cleaned(fields=fields, status=status, notes=notes, warnings=warnings)


def triage(page, body, stored):
    """(signals, flagged) of the clinical-safety checks (moderation.safety), as a submission gets them."""
    if stored is not None and stored.body == body and stored.article_id == page.pk:
        return stored.safety_signals, stored.safety_flagged
    signals = safety.collect_signals(article=page, body=body) if body else []
    return signals, safety.is_flagged(signals)


def author_name(comment, warnings):
    name = normalise_text(comment.author, multiline=False)
    if not has_visible_character(name):
        warnings.append(f"its author's name has no visible character: shown as {NO_NAME!r}")
        return NO_NAME
    if len(name) > NAME_MAX_LENGTH:
        warnings.append(f"its author's name was shortened to {NAME_MAX_LENGTH} characters")
        return name[:NAME_MAX_LENGTH]
    return name


def author_email(comment, warnings):
    """The address if it is one a submission may give, else "" (the comment is kept, the address not)."""
    email = normalise_text(comment.email, multiline=False)
    if not email:
        return ""
    try:
        validate_email(email)
    except ValidationError:
        warnings.append(f"its email {email!r} is not an address: left out")
        return ""
    if is_ip_literal_address(email) or len(email) > EMAIL_MAX_LENGTH:
        warnings.append(f"its email {email!r} is not one we may write to: left out")
        return ""
    return email


def ip_address(comment, warnings):
    if not comment.ip:
        return None
    try:
        return str(ipaddress.ip_address(comment.ip.strip()))
    except ValueError:
        warnings.append(f"its IP address {comment.ip!r} is not one: left out")
        return None
