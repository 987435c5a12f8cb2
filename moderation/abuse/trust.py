"""
Trust that cannot be spoofed. Typing a known name and email proves nothing: a commenter is
trusted only once they confirmed the address through a signed link (in the email telling a reader
who asked for it that their comment is published) and a moderator approved one of their comments,
and until a moderator revokes it.

Trust is also never taken from the typed address alone: confirming hands the reader's browser a
signed commenter token for the address, and a submission is treated as the trusted commenter's
only when it carries that token (`holds_token`). With COMMENT_TRUSTED_SKIP_QUEUE, such a
submission is approved at once.

A verified Shopify customer (a comment the shop's app proxy signed with a logged-in customer's
id) has proved who they are to Shopify instead: with COMMENT_TRUST_VERIFIED_CUSTOMERS, once a
moderator approved one of that customer's comments, their next ones count as trusted too, unless
trust was revoked for the address they give (`trusted_reason`).
"""

from urllib.parse import urlencode

from django.core import signing
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..conf import moderation_settings
from ..exceptions import ModerationError
from ..models import Comment
from ..text.normalise import email_key
from .models import Commenter

SALT = "moderation.commenter-email-confirmation"
COMMENTER_SALT = "moderation.commenter-token"


class InvalidConfirmation(ModerationError):
    """A confirmation token that is missing, altered or expired."""


def commenter_for(email, *, lock=False):
    """The Commenter of `email` (stored as text.email_key), created on first use; locked if asked."""
    commenter, _created = Commenter.objects.get_or_create(email=email_key(email))
    if lock:
        return Commenter.objects.select_for_update().get(pk=commenter.pk)
    return commenter


def is_trusted(commenter):
    """Trusted: the address is confirmed, trust was never revoked, and a comment was approved."""
    if commenter.email_confirmed_at is None or commenter.trust_revoked_at is not None:
        return False
    return approved_comments_by(commenter.email).exists()


def trusted_author():
    """`is_trusted` as a filter on comments, of their author's address: the admin's queue filter."""
    address = OuterRef("author_email_key")
    commenter = Commenter.objects.filter(
        email=address, email_confirmed_at__isnull=False, trust_revoked_at__isnull=True
    )
    return Exists(commenter) & Exists(approved_comments_by(address))


def approved_comments_by(address):
    """The approved comments (not staff replies) written from `address`, an email key."""
    approved = Comment.objects.filter(status=Comment.Status.APPROVED, is_staff_reply=False)
    return approved.filter(author_email_key=address)


def verified_customer_trusted(customer_id, commenter):
    """Whether Shopify customer `customer_id` is trusted: see the module's docstring."""
    if customer_id is None or not moderation_settings.COMMENT_TRUST_VERIFIED_CUSTOMERS:
        return False
    if commenter.trust_revoked_at is not None:
        return False
    approved = Comment.objects.filter(status=Comment.Status.APPROVED, is_staff_reply=False)
    return approved.filter(shopify_customer_id=customer_id).exists()


def trusted_reason(submission, commenter):
    """Why `submission` (a spam.Submission) is a trusted commenter's, for the audit; None if not."""
    if holds_token(submission.commenter_token, submission.author_email) and is_trusted(commenter):
        return _("Trusted commenter: confirmed email, approved before.")
    if verified_customer_trusted(submission.shopify_customer_id, commenter):
        return _("Verified customer: logged in to the shop, approved before.")
    return None


def commenter_token(email):
    """What the reader's browser keeps once the address is confirmed, and sends with comments."""
    return signing.dumps({"c": email_key(email)}, salt=COMMENTER_SALT)


def holds_token(token, email):
    """Whether `token` is a commenter token, still valid, for `email` (any case)."""
    try:
        payload = signing.loads(
            token or "", salt=COMMENTER_SALT, max_age=moderation_settings.COMMENT_COMMENTER_TOKEN_MAX_AGE
        )
    except signing.BadSignature:
        return False
    return isinstance(payload, dict) and payload.get("c") == email_key(email)


def confirmation_token(email):
    return signing.dumps({"e": email_key(email)}, salt=SALT)


def confirmation_url(email):
    base = moderation_settings.COMMENT_EMAIL_CONFIRM_URL or (
        moderation_settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("api:comment-email-confirm")
    )
    return f"{base}?{urlencode({'token': confirmation_token(email)})}"


def mark_confirmation_sent(commenter):
    Commenter.objects.filter(pk=commenter.pk).update(confirmation_sent_at=timezone.now())


@transaction.atomic
def confirm_email(token):
    """The Commenter whose address `token` confirms, now confirmed; InvalidConfirmation if not."""
    try:
        payload = signing.loads(
            token or "", salt=SALT, max_age=moderation_settings.COMMENT_EMAIL_CONFIRM_MAX_AGE
        )
    except signing.SignatureExpired:
        raise InvalidConfirmation(_("This confirmation link has expired.")) from None
    except signing.BadSignature:
        raise InvalidConfirmation(_("This confirmation link is not valid.")) from None
    commenter = commenter_for(payload["e"], lock=True)
    if commenter.email_confirmed_at is None:
        commenter.email_confirmed_at = timezone.now()
        commenter.save(update_fields=["email_confirmed_at"])
    return commenter


@transaction.atomic
def revoke_trust(*, email, actor, reason=""):
    """Take trust away from `email`: its comments wait in the queue again, confirmed or not."""
    commenter = commenter_for(email, lock=True)
    commenter.trust_revoked_at = timezone.now()
    commenter.trust_revoked_by = actor
    commenter.trust_revoked_reason = reason
    commenter.save(update_fields=["trust_revoked_at", "trust_revoked_by", "trust_revoked_reason"])
    return commenter
