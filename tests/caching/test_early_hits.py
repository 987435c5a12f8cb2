"""
Hits are answered before sessions, authentication and DRF (CachedResponseMiddleware), with the
very response the view gives: same headers, CORS, throttling, 304s and comment form token.
"""

from unittest import mock

import pytest
from django.test import override_settings

from api.content.views import ArticleViewSet
from moderation import form_token

pytestmark = pytest.mark.django_db

SHOP = "https://shop.example.com"
URLS = ["/api/v1/articles/", "/api/v1/articles/knee/", "/api/v1/articles/knee/comments/", "/api/v1/tags/"]


def headers(response):
    return {name: value for name, value in response.headers.items() if name != "Comment-Form-Token"}


@pytest.mark.parametrize("url", URLS)
@override_settings(CORS_ALLOWED_ORIGINS=[SHOP])
def test_a_hit_has_the_headers_of_the_response_it_copies(worker, article, url):
    first = worker.get(url, HTTP_ORIGIN=SHOP)
    again = worker.get(url, HTTP_ORIGIN=SHOP)

    assert headers(again) == headers(first)
    assert again["Access-Control-Allow-Origin"] == SHOP
    assert again["X-Frame-Options"] == "DENY"
    assert "GET" in again["Allow"]


def test_a_hit_does_not_reach_the_view(worker, article):
    first = worker.get("/api/v1/articles/knee/")

    with mock.patch.object(ArticleViewSet, "initial", side_effect=AssertionError("reached the view")):
        again = worker.get("/api/v1/articles/knee/")

    assert again.content == first.content


def test_a_hit_of_the_comments_hands_out_a_valid_form_token(worker, article, django_assert_num_queries):
    worker.get(f"/api/v1/articles/{article.slug}/comments/")

    with django_assert_num_queries(0):
        hit = worker.get(f"/api/v1/articles/{article.slug}/comments/")

    assert form_token.check(hit["Comment-Form-Token"], article.pk).problem == ""


def test_a_304_from_a_hit_is_the_views_304(worker, article):
    first = worker.get("/api/v1/articles/knee/comments/")
    # The first conditional request is answered by the view (cached copy bypassed), the second by
    # the middleware: both the same 304.
    with override_settings(API_RESPONSE_CACHE_TIMEOUT=0):
        from_view = worker.get("/api/v1/articles/knee/comments/", HTTP_IF_NONE_MATCH=first["ETag"])
    from_hit = worker.get("/api/v1/articles/knee/comments/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert from_view.status_code == from_hit.status_code == 304
    assert dict(from_hit.headers) == dict(from_view.headers)
    assert "Comment-Form-Token" not in from_hit


@override_settings(API_READ_THROTTLE_RATE="2/min")
def test_hits_count_against_the_public_read_rate(worker, article):
    for _ in range(2):
        assert worker.get("/api/v1/articles/knee/", REMOTE_ADDR="198.51.100.7").status_code == 200

    refused = worker.get("/api/v1/articles/knee/", REMOTE_ADDR="198.51.100.7")

    assert refused.status_code == 429
    assert "throttled" in refused.json()["detail"]
    assert int(refused["Retry-After"]) > 0


def test_a_head_request_is_answered_from_the_stored_copy(worker, article, django_assert_num_queries):
    first = worker.get("/api/v1/articles/knee/")

    with django_assert_num_queries(0):
        head = worker.head("/api/v1/articles/knee/")

    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == first["ETag"]


def test_a_copy_this_worker_remembers_is_not_served_once_its_content_changed(worker, article, technique):
    worker.get("/api/v1/articles/knee/")
    assert worker.get("/api/v1/articles/knee/").json()["techniques"][0]["name"] == "Swedish massage"

    technique.name = "Swedish massage (classic)"
    technique.save()

    assert worker.get("/api/v1/articles/knee/").json()["techniques"][0]["name"] == "Swedish massage (classic)"
