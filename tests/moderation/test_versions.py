"""Two moderators never overwrite each other silently: a stale version is refused with 412."""

import pytest

from moderation.models import AuditEntry

from .conftest import token_client
from .factories import CommentFactory, ModeratorFactory
from .helpers import action_url, detail_url

pytestmark = pytest.mark.django_db


def test_the_second_of_two_moderators_working_from_the_same_version_gets_412(db):
    comment = CommentFactory()
    alice, bob = token_client(ModeratorFactory()), token_client(ModeratorFactory())
    etag_alice = alice.get(detail_url(comment.pk))["ETag"]
    etag_bob = bob.get(detail_url(comment.pk))["ETag"]
    assert etag_alice == etag_bob == '"1"'

    first = alice.post(action_url(comment.pk, "approve"), format="json", HTTP_IF_MATCH=etag_alice)
    second = bob.post(action_url(comment.pk, "reject"), format="json", HTTP_IF_MATCH=etag_bob)

    assert first.status_code == 200
    assert second.status_code == 412
    assert "version 2" in second.json()["detail"]
    comment.refresh_from_db()
    assert (comment.status, comment.version) == ("approved", 2)
    assert list(AuditEntry.objects.filter(comment=comment).values_list("action", flat=True)) == ["approve"]


def test_a_stale_version_field_is_412(moderator_client):
    comment = CommentFactory(version=3)

    response = moderator_client.post(action_url(comment.pk, "approve"), {"version": 2}, format="json")

    assert response.status_code == 412
    comment.refresh_from_db()
    assert comment.status == "pending"


@pytest.mark.parametrize(
    "headers, data",
    [
        ({"HTTP_IF_MATCH": '"3"'}, {}),
        ({"HTTP_IF_MATCH": 'W/"3"'}, {}),
        ({"HTTP_IF_MATCH": "*"}, {}),
        ({}, {"version": 3}),
        ({"HTTP_IF_MATCH": '"3"'}, {"version": 3}),
        ({}, {}),
    ],
)
def test_a_current_or_absent_version_is_accepted(moderator_client, headers, data):
    comment = CommentFactory(version=3)

    response = moderator_client.post(action_url(comment.pk, "approve"), data, format="json", **headers)

    assert response.status_code == 200
    assert response.json()["version"] == 4


def test_a_malformed_if_match_is_400(moderator_client):
    comment = CommentFactory()

    response = moderator_client.post(action_url(comment.pk, "approve"), format="json", HTTP_IF_MATCH="abc")

    assert response.status_code == 400 and "If-Match" in response.json()


def test_a_version_field_and_if_match_that_disagree_are_400(moderator_client):
    comment = CommentFactory()

    response = moderator_client.post(
        action_url(comment.pk, "approve"), {"version": 1}, format="json", HTTP_IF_MATCH='"2"'
    )

    assert response.status_code == 400


def test_a_stale_edit_is_412_and_keeps_the_body(moderator_client):
    comment = CommentFactory(body="Original words")
    moderator_client.post(action_url(comment.pk, "approve"), format="json")

    response = moderator_client.patch(
        detail_url(comment.pk), {"body": "Someone else's edit"}, format="json", HTTP_IF_MATCH='"1"'
    )

    assert response.status_code == 412
    comment.refresh_from_db()
    assert comment.body == "Original words"


def test_a_stale_version_is_refused_before_the_transition_is_judged(moderator_client):
    comment = CommentFactory(status="approved", version=2)

    response = moderator_client.post(action_url(comment.pk, "approve"), {"version": 1}, format="json")

    assert response.status_code == 412
