"""
Moderating from the new-comment email: signed links that approve a comment or mark it as spam.

Each link is signed (django.core.signing, its own salt) for one moderator, one comment at one
version and one action, with a random id; it works for COMMENT_EMAIL_ACTION_MAX_AGE (72 hours)
and once. Opening it (GET) only shows what it would do, since mail scanners open links; the page's
button POSTs, and the action goes through services.comment_moderate with the moderator as actor
and the source `email`. A link is refused, changing nothing, when it is forged or altered,
expired, used, superseded (the comment changed since the email), for a comment that is gone, or
when its moderator no longer may moderate (403).
"""

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import services
from ..conf import moderation_settings
from ..exceptions import ModerationError
from ..models import AuditEntry, Comment
from ..permissions import can_moderate
from .models import UsedEmailLink

SALT = "moderation.email-action"
# The actions an email offers, each allowed on a pending comment.
EMAIL_ACTIONS = ("approve", "spam")


class LinkRefused(ModerationError):
    """Why a link does nothing; `status` is the HTTP status of the page saying so."""

    status = 400


class ForgedLink(LinkRefused):
    pass


class ExpiredLink(LinkRefused):
    status = 410


class UsedLink(LinkRefused):
    status = 410


class SupersededLink(LinkRefused):
    status = 409


class GoneComment(LinkRefused):
    status = 404


class NotPermitted(LinkRefused):
    status = 403


@dataclass(frozen=True)
class EmailLink:
    link_id: str
    user_id: int
    comment_id: int
    version: int
    action: str


def link_url(*, user, comment, action):
    """The absolute URL of a new link for `user` to apply `action` to `comment` as it is now."""
    payload = {
        "l": secrets.token_hex(16),
        "u": user.pk,
        "c": comment.pk,
        "v": comment.version,
        "a": action,
    }
    token = signing.dumps(payload, salt=SALT, compress=True)
    return moderation_settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("email-moderate", args=[token])


def read_link(token):
    """The link `token` signs; ForgedLink or ExpiredLink."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=moderation_settings.COMMENT_EMAIL_ACTION_MAX_AGE)
    except signing.SignatureExpired:
        raise ExpiredLink(_("This link has expired: open the comment in the admin.")) from None
    except signing.BadSignature:
        raise ForgedLink(_("This link is not valid.")) from None
    try:
        link = EmailLink(
            link_id=str(payload["l"]),
            user_id=int(payload["u"]),
            comment_id=int(payload["c"]),
            version=int(payload["v"]),
            action=str(payload["a"]),
        )
    except (KeyError, TypeError, ValueError):
        raise ForgedLink(_("This link is not valid.")) from None
    if link.action not in EMAIL_ACTIONS:
        raise ForgedLink(_("This link is not valid."))
    return link


def check(link, *, lock=False):
    """
    The moderator and the comment `link` acts on, if it may still be used; the LinkRefused saying
    why not otherwise. With `lock`, the comment stays locked until the transaction ends.
    """
    user = get_user_model().objects.filter(pk=link.user_id).first()
    if not can_moderate(user):
        raise NotPermitted(_("You may no longer moderate comments."))
    if UsedEmailLink.objects.filter(link_id=link.link_id).exists():
        raise UsedLink(_("This link was used already: it works once."))
    comments = Comment.objects.select_related("article")
    comment = (
        (comments.select_for_update(of=("self",)) if lock else comments).filter(pk=link.comment_id).first()
    )
    if comment is None:
        raise GoneComment(_("This comment no longer exists."))
    if comment.version != link.version:
        raise SupersededLink(
            _("This comment changed since the email (it is now %(status)s): open it in the admin.")
            % {"status": comment.get_status_display().lower()}
        )
    return user, comment


@transaction.atomic
def use(link):
    """Apply the link's action, once; the comment as it is now, or the LinkRefused saying why not."""
    user, comment = check(link, lock=True)
    try:
        with transaction.atomic():
            UsedEmailLink.objects.create(
                link_id=link.link_id, user=user, comment_id=comment.pk, action=link.action
            )
    except IntegrityError:
        raise UsedLink(_("This link was used already: it works once.")) from None
    return services.comment_moderate(
        comment_id=comment.pk,
        action=link.action,
        actor=user,
        source=AuditEntry.Source.EMAIL,
        expected_version=link.version,
    )
