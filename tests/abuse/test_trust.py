"""Trust comes from a confirmed address and an approved comment, never from what is typed."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings

from moderation import services
from moderation.abuse import trust
from moderation.abuse.models import Commenter
from moderation.models import AuditEntry, Comment
from tests.moderation.factories import ApprovedCommentFactory

from .helpers import confirm_url, post_comment, revoke_trust_url, submission

pytestmark = pytest.mark.django_db

ADA = "ada@example.org"


def emailed_link():
    [message] = [message for message in mail.outbox if message.to == [ADA]]
    return re.search(r"https?://\S+/confirm-email/\S+", message.body).group(0)


def confirm(reader):
    """Confirm Ada's address as her link would: the commenter token her browser keeps."""
    token = trust.confirmation_token(ADA)
    response = reader.post(confirm_url(), {"token": token}, format="json")
    assert response.status_code == 200
    return response.json()["commenter_token"]


def trusted_ada(reader):
    """Ada with a confirmed address and an approved comment; her browser's commenter token."""
    ApprovedCommentFactory(author_email=ADA, author_name="Ada")
    return confirm(reader)


def test_the_approval_email_carries_a_signed_link_that_confirms_the_address(
    reader, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pk = post_comment(reader, article, submission(notify=True)).json()["id"]
    assert [message for message in mail.outbox if message.to == [ADA]] == []  # nothing before approval

    with django_capture_on_commit_callbacks(execute=True):
        services.comment_moderate(comment_id=pk, action="approve", actor=None)

    link = emailed_link()
    assert link.startswith(f"{settings.WAGTAILADMIN_BASE_URL}/api/v1/comments/confirm-email/?token=")
    response = reader.get(link.removeprefix(settings.WAGTAILADMIN_BASE_URL))

    assert response.status_code == 200
    assert response.json()["email"] == ADA and response.json()["confirmed"] is True
    assert Commenter.objects.get(email=ADA).email_confirmed_at is not None


def test_nothing_is_emailed_to_the_reader_of_a_comment_held_as_spam(
    reader, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(reader, article, submission(website="x", notify=True))

    assert mail.outbox == []


@pytest.mark.parametrize("token", ["", "nonsense", "altered"])
def test_a_bad_confirmation_token_is_a_400_and_confirms_nothing(reader, db, token):
    if token == "altered":
        token = trust.confirmation_token(ADA)[:-2] + "xx"

    response = reader.post(confirm_url(), {"token": token}, format="json")

    assert response.status_code == 400 and "token" in response.json()
    assert not Commenter.objects.filter(email_confirmed_at__isnull=False).exists()


@override_settings(COMMENT_EMAIL_CONFIRM_MAX_AGE=-1)
def test_an_expired_confirmation_link_is_refused(reader, db):
    response = reader.get(confirm_url(), {"token": trust.confirmation_token(ADA)})

    assert response.status_code == 400 and "expired" in response.json()["token"][0]


@override_settings(COMMENT_TRUSTED_SKIP_QUEUE=True)
def test_a_trusted_commenter_skips_the_queue_with_a_system_audit_entry(reader, article):
    token = trusted_ada(reader)

    response = post_comment(
        reader, article, submission(author_email="ADA@example.org", commenter_token=token)
    )

    assert response.status_code == 202 and response.json()["status"] == "approved"
    comment = Comment.objects.get(pk=response.json()["id"])
    assert comment.status == "approved"
    entries = AuditEntry.objects.filter(comment=comment).order_by("at", "id")
    assert [(e.action, e.to_status, e.source, e.actor_id) for e in entries] == [
        ("submit", "pending", "api", None),
        ("approve", "approved", "system", None),
    ]


def test_without_the_setting_trusted_commenters_still_wait(reader, article):
    trusted_ada(reader)

    assert post_comment(reader, article).json()["status"] == "pending"


@override_settings(COMMENT_TRUSTED_SKIP_QUEUE=True)
def test_a_known_name_and_email_without_confirmation_prove_nothing(reader, article):
    ApprovedCommentFactory(author_email=ADA, author_name="Ada")

    response = post_comment(reader, article)

    assert response.json()["status"] == "pending"
    assert Comment.objects.get(pk=response.json()["id"]).status == "pending"


@override_settings(COMMENT_TRUSTED_SKIP_QUEUE=True)
def test_a_confirmed_address_without_an_approved_comment_is_not_trusted(reader, article):
    confirm(reader)

    assert post_comment(reader, article).json()["status"] == "pending"


@override_settings(COMMENT_TRUSTED_SKIP_QUEUE=True)
def test_spam_signals_outweigh_trust(reader, article):
    token = trusted_ada(reader)

    response = post_comment(reader, article, submission(website="x", commenter_token=token))
    comment = Comment.objects.get(pk=response.json()["id"])

    assert comment.status == "spam"


@override_settings(COMMENT_TRUSTED_SKIP_QUEUE=True)
def test_a_moderator_can_revoke_trust(reader, article, moderator_client, moderator):
    token = trusted_ada(reader)

    response = moderator_client.post(
        revoke_trust_url(), {"email": "Ada@Example.org", "reason": "Ads"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["trusted"] is False and response.json()["trust_revoked_reason"] == "Ads"
    assert Commenter.objects.get(email=ADA).trust_revoked_by == moderator
    assert post_comment(reader, article, submission(commenter_token=token)).json()["status"] == "pending"
    token = confirm(reader)  # confirming again does not bring trust back
    assert post_comment(reader, article, submission(commenter_token=token)).json()["status"] == "pending"


def test_only_moderators_may_revoke_trust(reader, db):
    assert reader.post(revoke_trust_url(), {"email": ADA}, format="json").status_code == 401


def test_revoking_needs_a_valid_email(moderator_client):
    response = moderator_client.post(revoke_trust_url(), {"email": "nope"}, format="json")

    assert response.status_code == 400 and "email" in response.json()


def test_the_link_comes_with_each_approval_until_the_address_is_confirmed(
    reader, article, django_capture_on_commit_callbacks
):
    def approve_new_comment():
        pk = post_comment(reader, article, submission(notify=True)).json()["id"]
        with django_capture_on_commit_callbacks(execute=True):
            services.comment_moderate(comment_id=pk, action="approve", actor=None)
        return mail.outbox[-1].body

    assert "/confirm-email/" in approve_new_comment()
    assert "/confirm-email/" in approve_new_comment()
    confirm(reader)
    assert "/confirm-email/" not in approve_new_comment()


@override_settings(COMMENT_TRUSTED_SKIP_QUEUE=True)
@pytest.mark.parametrize(
    "token",
    ["", "forged", "other"],
    ids=["no token", "a forged token", "another address's token"],
)
def test_a_trusted_address_typed_without_its_commenter_token_waits(reader, article, token):
    trusted_ada(reader)
    if token == "other":
        token = trust.commenter_token("someone@example.org")

    spoofed = submission(author_email="ADA@example.org", commenter_token=token)
    response = post_comment(reader, article, spoofed, REMOTE_ADDR="203.0.113.99")

    assert response.json()["status"] == "pending"
    assert Comment.objects.get(pk=response.json()["id"]).status == "pending"


def test_an_expired_commenter_token_proves_nothing(settings):
    token = trust.commenter_token(ADA)
    settings.COMMENT_COMMENTER_TOKEN_MAX_AGE = -1

    assert not trust.holds_token(token, ADA)
