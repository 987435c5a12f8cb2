"""Bulk actions: a result per id, each in its own transaction, and harmless to repeat."""

import pytest

from moderation.models import AuditEntry, Comment

from .factories import CommentFactory
from .helpers import bulk_url

pytestmark = pytest.mark.django_db


def outcomes(response):
    return {item["id"]: (item["outcome"], item["status"]) for item in response.json()["results"]}


def test_a_mix_of_valid_and_invalid_ids_gets_a_result_for_each(moderator_client):
    pending = CommentFactory()
    approved = CommentFactory(status="approved")
    rejected = CommentFactory(status="rejected")
    missing = 999999

    response = moderator_client.post(
        bulk_url(),
        {"action": "approve", "ids": [pending.pk, approved.pk, rejected.pk, missing], "reason": "Looks fine"},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["action"] == "approve"
    assert outcomes(response) == {
        pending.pk: ("applied", "approved"),
        approved.pk: ("unchanged", "approved"),
        rejected.pk: ("refused", "rejected"),
        missing: ("not_found", None),
    }
    details = {item["id"]: item["detail"] for item in response.json()["results"]}
    assert "rejected" in details[rejected.pk]
    assert "already approved" in details[approved.pk]
    assert Comment.objects.get(pk=pending.pk).status == "approved"
    assert Comment.objects.get(pk=rejected.pk).status == "rejected"
    entry = AuditEntry.objects.get(comment=pending)
    assert (entry.source, entry.reason) == ("bulk", "Looks fine")


def test_repeating_the_same_bulk_request_changes_nothing_more(moderator_client):
    comments = CommentFactory.create_batch(3)
    request = {"action": "spam", "ids": [comment.pk for comment in comments]}

    first = moderator_client.post(bulk_url(), request, format="json")
    second = moderator_client.post(bulk_url(), request, format="json")

    assert {outcome for outcome, _ in outcomes(first).values()} == {"applied"}
    assert {outcome for outcome, _ in outcomes(second).values()} == {"unchanged"}
    assert AuditEntry.objects.filter(action="spam").count() == 3
    assert set(Comment.objects.values_list("version", flat=True)) == {2}


def test_a_repeated_id_is_acted_on_once(moderator_client):
    comment = CommentFactory()

    response = moderator_client.post(
        bulk_url(), {"action": "approve", "ids": [comment.pk, comment.pk]}, format="json"
    )

    assert len(response.json()["results"]) == 1
    assert AuditEntry.objects.filter(comment=comment).count() == 1


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"action": "publish", "ids": [1]}, "action"),
        ({"action": "approve", "ids": []}, "ids"),
        ({"action": "approve", "ids": ["one"]}, "ids"),
        ({"action": "approve", "ids": [0]}, "ids"),
        ({"action": "approve", "ids": [2**70]}, "ids"),
        ({"action": "approve", "ids": list(range(1, 502))}, "ids"),
        ({"action": "approve"}, "ids"),
        ({"ids": [1]}, "action"),
    ],
)
def test_a_malformed_bulk_request_is_a_400(moderator_client, payload, field):
    response = moderator_client.post(bulk_url(), payload, format="json")

    assert response.status_code == 400
    assert field in response.json()
