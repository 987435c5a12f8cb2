"""No moderation response may be kept by a shared cache: each carries `private, no-store`."""

from urllib.parse import urlsplit

import pytest
from django.urls import resolve, reverse

from api.comments import urls as comment_urls
from tests.moderation.factories import ApprovedCommentFactory

pytestmark = pytest.mark.django_db

MISSING = 999_999


def moderation_requests(comment_id):
    """(method, url, body) for every moderation endpoint."""
    return [
        ("get", reverse("api:moderation-comment-list"), None),
        ("get", reverse("api:moderation-comment-detail", args=[comment_id]), None),
        ("patch", reverse("api:moderation-comment-detail", args=[comment_id]), {"body": "Edited by mia"}),
        ("post", reverse("api:moderation-comment-action", args=[comment_id, "remove"]), {}),
        ("post", reverse("api:moderation-comment-bulk"), {"action": "spam", "ids": [comment_id]}),
        ("get", reverse("api:moderation-comment-history", args=[comment_id]), None),
        ("post", reverse("api:moderation-comment-reply", args=[comment_id]), {"body": "Thanks"}),
        ("post", reverse("api:moderation-comment-block", args=[comment_id]), {"email": True}),
        ("post", reverse("api:moderation-commenter-revoke-trust"), {"email": "ada@example.org"}),
        ("get", reverse("api:moderation-canned-reply-list"), None),
        ("get", reverse("api:moderation-stats"), None),
        ("get", reverse("api:moderation-export") + "?email=ada@example.org", None),
        ("post", reverse("api:moderation-erase"), {"email": "nobody@example.org"}),
    ]


def call(client, method, url, body):
    return (
        getattr(client, method)(url, body, format="json")
        if body is not None
        else getattr(client, method)(url)
    )


@pytest.fixture
def comment(article):
    return ApprovedCommentFactory(article=article, author_email="ada@example.org")


@pytest.mark.parametrize("index", range(len(moderation_requests(1))))
def test_every_moderation_answer_is_private_and_not_stored(
    index, comment, moderator_client, editor_client, reader
):
    method, url, body = moderation_requests(comment.pk)[index]
    _, missing_url, _ = moderation_requests(MISSING)[index]

    answers = {
        "anonymous": call(reader, method, url, body),
        "not a moderator": call(editor_client, method, url, body),
        "moderator": call(moderator_client, method, url, body),
        "unknown comment": call(moderator_client, method, missing_url, body),
        "bad input": call(
            moderator_client, method, url, {"body": "", "email": "x", "ids": "x", "action": "x"}
        ),
        "wrong method": moderator_client.put(url, {}, format="json"),
    }

    assert answers["anonymous"].status_code == 401
    assert answers["not a moderator"].status_code == 403
    assert answers["moderator"].status_code < 300
    assert answers["wrong method"].status_code == 405
    for who, response in answers.items():
        assert response["Cache-Control"] == "private, no-store", who


def test_the_list_above_covers_every_moderation_route():
    """A new moderation endpoint must join the list, and so the test above."""
    routes = {pattern.name for pattern in comment_urls.urlpatterns if pattern.name.startswith("moderation-")}
    listed = {resolve(urlsplit(url).path).url_name for _, url, _ in moderation_requests(1)}

    assert routes - {"moderation-comment-unknown-action"} == listed


def test_an_unknown_action_is_private_too(comment, moderator_client, reader):
    url = f"/api/v1/moderation/comments/{comment.pk}/publish/"

    answers = {
        "anonymous": reader.post(url, {}, format="json"),
        "moderator": moderator_client.post(url, {}, format="json"),
    }

    assert (answers["anonymous"].status_code, answers["moderator"].status_code) == (401, 404)
    for who, response in answers.items():
        assert response["Cache-Control"] == "private, no-store", who


def test_the_token_endpoint_is_not_stored_either(reader, moderator):
    response = reader.post(reverse("api:auth-token"), {"username": "mia", "password": "wrong"}, format="json")

    assert response.status_code == 400
    assert response["Cache-Control"] == "private, no-store"
