"""Bad input gets a clear 4xx in JSON, never a 500, an HTML page or a traceback."""

import json
from unittest import mock

import pytest
from django.core.exceptions import RequestDataTooBig
from django.test import override_settings
from rest_framework.test import APIClient

from moderation.models import Comment
from tests.moderation.factories import ApprovedCommentFactory
from tests.moderation.helpers import comments_url, queue_url

from .helpers import post_comment, submission

pytestmark = pytest.mark.django_db


def assert_json_error(response, status):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert "Traceback" not in json.dumps(body) and "<" not in json.dumps(body)
    return body


@override_settings(API_MAX_REQUEST_SIZE=1000)
def test_a_body_over_the_limit_is_413_json(reader, article):
    response = post_comment(reader, article, submission(body="x" * 2000))

    assert "too large" in assert_json_error(response, 413)["detail"]
    assert not Comment.objects.exists()


def test_djangos_request_data_too_big_is_a_json_413_not_an_html_400(reader, article):
    with mock.patch("api.comments.views.services.ensure_open_for_comments", side_effect=RequestDataTooBig):
        response = post_comment(reader, article)

    assert_json_error(response, 413)


@pytest.mark.parametrize(
    ("content_type", "payload"),
    [
        ("text/plain", "author_name=Ada"),
        ("application/x-www-form-urlencoded", "author_name=Ada&author_email=a%40example.org&body=Hello"),
        ("application/xml", "<comment/>"),
    ],
)
def test_anything_but_json_is_415(reader, article, content_type, payload):
    response = reader.post(comments_url(article.slug), payload, content_type=content_type)

    assert "Unsupported media type" in assert_json_error(response, 415)["detail"]


@pytest.mark.parametrize(
    "payload", ['{"author_name": "Ada",', "{'single': 'quotes'}", "NaN", '{"body": NaN}']
)
def test_malformed_json_is_400(reader, article, payload):
    response = reader.post(comments_url(article.slug), payload, content_type="application/json")

    assert "JSON parse error" in assert_json_error(response, 400)["detail"]


@pytest.mark.parametrize("payload", [[], "a string", 42, None])
def test_json_that_is_not_an_object_is_400(reader, article, payload):
    response = reader.post(comments_url(article.slug), json.dumps(payload), content_type="application/json")

    assert_json_error(response, 400)
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("author_name", 123),
        ("author_name", True),
        ("author_name", ["Ada"]),
        ("author_email", {"address": "a@example.org"}),
        ("body", 12345),
        ("body", ["Hello there"]),
        ("parent", "first"),
        ("parent", 1.5),
        ("parent", -1),
        ("parent", 2**70),
    ],
)
def test_wrong_field_types_are_400_field_errors(reader, article, field, value):
    response = post_comment(reader, article, submission(**{field: value}))

    assert field in assert_json_error(response, 400)
    assert not Comment.objects.exists()


def test_text_is_normalised_to_nfc_without_control_characters(reader, article):
    data = submission(author_name="Zoe\u0308\x07\u200b", body="Cafe\u0301\x00 is\r\nnice\x1b[31m\tokay")

    comment = Comment.objects.get(pk=post_comment(reader, article, data).json()["id"])

    assert comment.author_name == "Zo\u00eb\u200b"
    assert comment.body == "Caf\u00e9 is\nnice[31m\tokay"


def test_lengths_are_checked_after_cleaning(reader, article):
    padded = "\x07" * 100 + "x" * 5000 + "\x00" * 100

    assert post_comment(reader, article, submission(body=padded)).status_code == 202
    assert Comment.objects.get().body == "x" * 5000
    for name in ["\x00\x01\x02", "\r\n\t"]:
        response = post_comment(reader, article, submission(author_name=name))
        assert "author_name" in assert_json_error(response, 400)
    assert "body" in assert_json_error(post_comment(reader, article, submission(body="\x00a\x00")), 400)


def test_html_is_kept_as_text_and_rendered_escaped(reader, article):
    html = '<script>alert("x")</script><b onmouseover="steal()">bold</b>'
    ApprovedCommentFactory(article=article, body=html)

    item = reader.get(comments_url(article.slug)).json()["results"][0]

    assert item["body"] == html
    assert "<script>" not in item["body_html"] and "<b" not in item["body_html"]
    assert "&lt;script&gt;" in item["body_html"]


def test_fields_a_reader_may_not_set_are_ignored(reader, article):
    data = submission(
        status="approved",
        ip_address="10.0.0.1",
        is_staff_reply=True,
        created_at="2001-01-01T00:00:00Z",
        spam_score=-100,
        spam_signals=[],
        version=7,
        id=424242,
        user_agent="Forged",
    )

    response = post_comment(reader, article, data, REMOTE_ADDR="198.51.100.8", HTTP_USER_AGENT="Real/1")

    comment = Comment.objects.get(pk=response.json()["id"])
    assert response.json()["status"] == "pending" and comment.pk != 424242
    assert (comment.status, comment.ip_address, comment.is_staff_reply, comment.version) == (
        "pending",
        "198.51.100.8",
        False,
        1,
    )
    assert comment.created_at.year > 2001 and comment.user_agent == "Real/1"
    assert comment.spam_score == sum(signal["score"] for signal in comment.spam_signals) > 0


def test_the_same_comment_sent_twice_is_stored_once_with_the_same_answer(reader, article):
    data = submission()

    first = post_comment(reader, article, data)
    again = post_comment(reader, article, {**data, "author_email": data["author_email"].upper()})

    assert first.status_code == again.status_code == 202
    assert again.json() == first.json()
    assert Comment.objects.count() == 1


def test_a_different_parent_or_body_is_another_comment(reader, article):
    data = submission()
    parent = ApprovedCommentFactory(article=article)

    post_comment(reader, article, data)
    post_comment(reader, article, {**data, "parent": parent.pk})
    post_comment(reader, article, {**data, "body": data["body"] + "!"})

    assert Comment.objects.count() == 4


@override_settings(COMMENT_RESUBMIT_WINDOW=0)
def test_after_the_window_the_same_text_is_a_new_comment(reader, article):
    data = submission()

    ids = {post_comment(reader, article, data).json()["id"] for _ in range(2)}

    assert len(ids) == 2


@pytest.mark.parametrize(
    "params",
    [
        {"page": "-1"},
        {"page": "0"},
        {"page": "abc"},
        {"page": "99999999999999999999999"},
        {"page": "2"},
        {"page_size": "0"},
        {"page_size": "100000"},
        {"page": "1\x00"},
        {"page_size": "\x00"},
    ],
)
def test_bad_page_values_are_400(reader, article, params):
    ApprovedCommentFactory(article=article)

    assert_json_error(reader.get(comments_url(article.slug), params), 400)


def test_unknown_and_nul_query_parameters_are_ignored(reader, article):
    ApprovedCommentFactory(article=article)

    response = reader.get(comments_url(article.slug), {"bogus": "1", "status": "spam", "x\x00": "\x00"})

    assert response.status_code == 200 and response.json()["count"] == 1


@pytest.mark.parametrize(
    "params",
    [
        {"created_after": "yesterday"},
        {"created_before": "2024-13-45"},
        {"created_after": "2024-01-01\x00"},
        {"status": "bogus"},
        {"status": "pending\x00"},
        {"ordering": "password"},
        {"article": "knee\x00pain"},
        {"author_email": "a\x00@example.org"},
        {"search": "\x00"},
        {"page": "-3"},
    ],
)
def test_bad_queue_filters_are_400(moderator_client, params):
    assert_json_error(moderator_client.get(queue_url(), params), 400)


def test_unknown_queue_parameters_and_slugs_give_an_empty_page(moderator_client):
    response = moderator_client.get(queue_url(), {"article": "no-such-slug", "unknown": "x"})

    assert response.status_code == 200 and response.json()["results"] == []


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("put", "articles/{slug}/comments/", 405),
        ("delete", "articles/{slug}/comments/", 405),
        ("get", "articles/no-such-article/comments/", 404),
        ("get", "articles/knee%00pain/comments/", 404),
        ("get", "no/such/endpoint/", 404),
        ("get", "moderation/comments/", 401),
    ],
)
def test_every_error_status_is_json(reader, article, method, path, status):
    response = getattr(reader, method)("/api/v1/" + path.format(slug=article.slug))

    assert_json_error(response, status)


def test_an_unexpected_failure_is_a_json_500_without_a_traceback(article):
    client = APIClient(raise_request_exception=False)
    with mock.patch(
        "api.comments.views.selectors.approved_comments", side_effect=RuntimeError("secret detail")
    ):
        response = client.get(comments_url(article.slug))

    body = assert_json_error(response, 500)
    assert "secret detail" not in response.content.decode()
    assert body == {"detail": "Internal Server Error"}


def test_a_rewritten_error_declares_the_length_of_its_json(db):
    response = APIClient(enforce_csrf_checks=True).post("/api/v1/no-such-thing/", {}, format="json")

    assert_json_error(response, response.status_code)
    assert int(response["Content-Length"]) == len(response.content)


@pytest.mark.parametrize(
    "query",
    [
        "page=-1",
        "page=0",
        "page=99999999999999999999",
        "page_size=-5",
        "page=%00",
        "published_after=not-a-date",
        "published_before=2024-02-30",
        "published_after=%00",
        "tag=bad%20slug!",
        "tag=%00",
        "condition=%00",
        "technique=..%2F..",
        "author=abc",
        "author=-1",
        "author=99999999999999999999999",
        "search=%00",
        "ordering=%00",
        "ordering=-password",
    ],
)
def test_bad_content_api_parameters_are_a_400_naming_the_parameter(reader, article, query):
    response = reader.get(f"/api/v1/articles/?{query}")

    assert query.split("=")[0] in assert_json_error(response, 400)


def test_content_api_unknown_parameters_are_ignored_and_unknown_slugs_give_an_empty_page(reader, article):
    assert reader.get("/api/v1/articles/?unknown=%00&also=1").json()["count"] == 1
    assert reader.get("/api/v1/articles/?tag=no-such-tag").json()["results"] == []


@pytest.mark.parametrize(
    "path",
    [
        "articles/bad%20slug!/",
        "articles/%00/",
        "articles/bad%20slug!/comments/",
        "techniques/%00/",
        "moderation/comments/99999999999999999999999/",
    ],
)
def test_bad_slugs_and_ids_in_paths_are_json_404s(reader, db, path):
    assert_json_error(reader.get("/api/v1/" + path), 404)
