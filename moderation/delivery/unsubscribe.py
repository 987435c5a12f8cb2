"""
Readers' one-click unsubscribe (RFC 8058): every email to a reader carries a link, signed for
their address and never expiring, that stops all further email to it.

The link names the reader's Commenter by id inside a signature (not their address), and the pages
it opens show no address at all: a link passed on tells nothing about anyone.
"""

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ..abuse.models import Commenter
from ..abuse.trust import commenter_for
from ..conf import moderation_settings

SALT = "moderation.reader-unsubscribe"


def unsubscribe_token(commenter):
    return signing.dumps({"u": commenter.pk}, salt=SALT)


def unsubscribe_url(commenter):
    path = reverse("email-unsubscribe", args=[unsubscribe_token(commenter)])
    return moderation_settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def headers(commenter):
    """The RFC 2369 / RFC 8058 headers: mail clients show an "Unsubscribe" button that POSTs the link."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(commenter)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def commenter_of_token(token):
    """The Commenter the link names, or None when the token is forged or altered."""
    try:
        payload = signing.loads(token or "", salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict):
        return None
    return Commenter.objects.filter(pk=payload.get("u")).first()


@transaction.atomic
def unsubscribe(commenter):
    """Stop every email to the commenter's address; unsubscribing again changes nothing."""
    Commenter.objects.filter(pk=commenter.pk, unsubscribed_at__isnull=True).update(
        unsubscribed_at=timezone.now()
    )


def reachable_commenter(email):
    """The Commenter of `email`, or None when its reader unsubscribed: whether we may write to it."""
    commenter = commenter_for(email)
    return None if commenter.unsubscribed_at else commenter
