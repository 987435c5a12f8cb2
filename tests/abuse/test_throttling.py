"""Submissions and public reads are limited per client IP; forged headers change nothing."""

import os
from unittest.mock import patch

import pytest
from django.test import override_settings

from cms.settings.base import cache_from_env
from moderation.models import Comment
from tests.moderation.helpers import comments_url, fetched_form_token, queue_url

from .helpers import post_comment

pytestmark = pytest.mark.django_db

CLIENT = "198.51.100.20"


def assert_throttled(response):
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert "throttled" in response.json()["detail"]
    assert int(response["Retry-After"]) > 0


def test_the_sixth_comment_in_a_minute_is_refused_with_429_and_retry_after(reader, article):
    for _ in range(5):
        assert post_comment(reader, article, REMOTE_ADDR=CLIENT).status_code == 202

    assert_throttled(post_comment(reader, article, REMOTE_ADDR=CLIENT))
    assert Comment.objects.count() == 5


def test_another_client_keeps_its_own_allowance(reader, article):
    for _ in range(5):
        post_comment(reader, article, REMOTE_ADDR=CLIENT)

    assert post_comment(reader, article, REMOTE_ADDR="198.51.100.21").status_code == 202


def test_a_forged_x_forwarded_for_does_not_escape_the_limit_without_proxies(reader, article):
    for number in range(5):
        forged = f"10.0.0.{number}"
        assert (
            post_comment(reader, article, REMOTE_ADDR=CLIENT, HTTP_X_FORWARDED_FOR=forged).status_code == 202
        )

    assert_throttled(post_comment(reader, article, REMOTE_ADDR=CLIENT, HTTP_X_FORWARDED_FOR="10.0.0.99"))
    assert set(Comment.objects.values_list("ip_address", flat=True)) == {CLIENT}


@override_settings(REST_FRAMEWORK={"NUM_PROXIES": 1})
def test_behind_one_proxy_the_client_is_the_address_the_proxy_appended(reader, article):
    proxy = "10.1.1.1"
    for number in range(5):
        # The client writes whatever it likes on the left; our proxy appends the real address.
        header = f"203.0.113.{number}, {CLIENT}"
        response = post_comment(reader, article, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=header)
        assert response.status_code == 202

    assert_throttled(
        post_comment(reader, article, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=f"203.0.113.99, {CLIENT}")
    )
    other = post_comment(reader, article, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.77")
    assert other.status_code == 202
    assert Comment.objects.get(pk=other.json()["id"]).ip_address == "198.51.100.77"


@override_settings(COMMENT_THROTTLE_RATE=None, COMMENT_THROTTLE_DAILY_RATE="3/day")
def test_the_daily_cap_applies_beyond_the_burst_limit(reader, article):
    for _ in range(3):
        assert post_comment(reader, article, REMOTE_ADDR=CLIENT).status_code == 202

    response = post_comment(reader, article, REMOTE_ADDR=CLIENT)
    assert_throttled(response)
    assert int(response["Retry-After"]) > 60 * 60


@override_settings(COMMENT_THROTTLE_RATE=None, COMMENT_THROTTLE_DAILY_RATE=None)
def test_limits_set_to_none_are_off(reader, article):
    for _ in range(8):
        assert post_comment(reader, article, REMOTE_ADDR=CLIENT).status_code == 202


@override_settings(API_READ_THROTTLE_RATE="3/min")
@pytest.mark.parametrize("path", ["comments", "articles"])
def test_public_reads_have_their_own_rate(reader, article, path):
    url = comments_url(article.slug) if path == "comments" else "/api/v1/articles/"
    for _ in range(3):
        assert reader.get(url, REMOTE_ADDR=CLIENT).status_code == 200

    assert_throttled(reader.get(url, REMOTE_ADDR=CLIENT))
    assert reader.get(url, REMOTE_ADDR="198.51.100.21").status_code == 200
    # Reads and submissions are counted apart.
    assert post_comment(reader, article, REMOTE_ADDR=CLIENT).status_code == 202


@override_settings(API_READ_THROTTLE_RATE="2/min")
def test_moderators_reads_are_not_counted(moderator_client):
    for _ in range(4):
        assert moderator_client.get(queue_url(), REMOTE_ADDR=CLIENT).status_code == 200


def redis_down(port):
    """The production cache layout (cms/settings/base.py) with Redis unreachable."""
    with patch.dict(os.environ, REDIS_URL=f"redis://127.0.0.1:{port}/0"):
        return cache_from_env()


def test_with_redis_down_submissions_are_let_through_and_stored(reader, article, closed_port):
    with override_settings(CACHES=redis_down(closed_port), COMMENT_THROTTLE_CACHE="throttle"):
        responses = [post_comment(reader, article, REMOTE_ADDR=CLIENT) for _ in range(7)]

    assert [response.status_code for response in responses] == [202] * 7
    assert Comment.objects.filter(status="pending").count() == 7


def test_throttling_can_fail_closed_while_redis_is_down(reader, article, closed_port):
    with override_settings(
        CACHES=redis_down(closed_port), COMMENT_THROTTLE_CACHE="throttle", COMMENT_THROTTLE_FAIL_OPEN=False
    ):
        response = post_comment(reader, article, REMOTE_ADDR=CLIENT)

    assert response.status_code == 429
    assert int(response["Retry-After"]) == 60
    assert not Comment.objects.exists()


def test_with_redis_down_public_comments_are_still_served(reader, article, closed_port):
    post_comment(reader, article)
    with override_settings(CACHES=redis_down(closed_port), COMMENT_THROTTLE_CACHE="throttle"):
        response = reader.get(comments_url(article.slug))
        token = fetched_form_token(reader, article.slug)

    assert response.status_code == 200
    assert token


@override_settings(API_TOKEN_THROTTLE_RATE="3/min")
def test_password_guesses_at_the_token_endpoint_are_limited(reader, moderator):
    url = "/api/v1/auth/token/"
    guess = {"username": moderator.username, "password": "wrong"}
    for _ in range(3):
        assert reader.post(url, guess, format="json", REMOTE_ADDR=CLIENT).status_code == 400

    assert_throttled(reader.post(url, guess, format="json", REMOTE_ADDR=CLIENT))
