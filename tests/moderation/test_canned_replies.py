"""Canned replies: moderators answer with the clinic's approved words, and the history says which."""

import pytest
from django.urls import reverse

from moderation.models import AuditEntry, CannedReply, Comment

from .factories import ApprovedCommentFactory
from .helpers import history_url, reply_url

pytestmark = pytest.mark.django_db

SEE_A_DOCTOR = "Please see a doctor before booking: a swollen, hot knee needs checking first."


def canned_replies_url():
    return reverse("api:moderation-canned-reply-list")


@pytest.fixture
def see_a_doctor(db):
    return CannedReply.objects.create(title="See a doctor before booking", body=SEE_A_DOCTOR)


def test_moderators_list_the_active_canned_replies(moderator_client, see_a_doctor):
    CannedReply.objects.create(title="Retired answer", body="Old words.", active=False)

    response = moderator_client.get(canned_replies_url())

    assert response.status_code == 200
    assert response.json()["results"] == [
        {"id": see_a_doctor.pk, "title": "See a doctor before booking", "body": SEE_A_DOCTOR}
    ]


def test_the_list_is_for_moderators_only(reader, editor_client, see_a_doctor):
    assert reader.get(canned_replies_url()).status_code == 401
    assert editor_client.get(canned_replies_url()).status_code == 403


def test_a_canned_reply_is_posted_and_recorded_in_the_history(moderator_client, see_a_doctor):
    parent = ApprovedCommentFactory()

    response = moderator_client.post(reply_url(parent.pk), {"canned_reply": see_a_doctor.pk}, format="json")

    assert response.status_code == 201
    reply = response.json()
    assert (reply["body"], reply["is_staff_reply"], reply["status"]) == (SEE_A_DOCTOR, True, "approved")
    [entry] = moderator_client.get(history_url(reply["id"])).json()["results"]
    assert entry["action"] == "reply"
    assert entry["details"] == {
        "canned_reply": {"id": see_a_doctor.pk, "title": "See a doctor before booking"}
    }


def test_a_moderator_may_adapt_the_template(moderator_client, see_a_doctor):
    parent = ApprovedCommentFactory()

    response = moderator_client.post(
        reply_url(parent.pk),
        {"canned_reply": see_a_doctor.pk, "body": "Ada, please see a doctor first."},
        format="json",
    )

    assert response.json()["body"] == "Ada, please see a doctor first."
    entry = AuditEntry.objects.get(comment_id=response.json()["id"])
    assert entry.details["canned_reply"]["id"] == see_a_doctor.pk


def test_a_plain_reply_records_no_template(moderator_client):
    parent = ApprovedCommentFactory()

    response = moderator_client.post(reply_url(parent.pk), {"body": "Glad it helped!"}, format="json")

    assert AuditEntry.objects.get(comment_id=response.json()["id"]).details == {}


@pytest.mark.parametrize("value", ["inactive", 999999, 2**70, True, 1.5, "one", None])
def test_an_unusable_canned_reply_is_a_400_naming_the_field(moderator_client, see_a_doctor, value):
    retired = CannedReply.objects.create(title="Retired", body="Old words.", active=False)
    parent = ApprovedCommentFactory()

    sent = retired.pk if value == "inactive" else value
    response = moderator_client.post(reply_url(parent.pk), {"canned_reply": sent}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["canned_reply"]
    assert Comment.objects.count() == 1


def test_a_reply_needs_a_body_or_a_canned_reply(moderator_client):
    parent = ApprovedCommentFactory()

    response = moderator_client.post(reply_url(parent.pk), {}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["body"]


def test_moderators_manage_canned_replies_in_the_admin(client, moderator, see_a_doctor):
    client.force_login(moderator)

    response = client.get(reverse("wagtailsnippets_moderation_cannedreply:list"))

    assert response.status_code == 200
    assert "See a doctor before booking" in response.content.decode()
