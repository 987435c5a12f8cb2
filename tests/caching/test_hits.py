"""Public GETs are answered from the shared cache without the database, with the same headers."""

import pytest
from rest_framework.authtoken.models import Token

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PUBLIC_GETS = [
    "/api/v1/articles/",
    "/api/v1/articles/?tag=x&search=knee",
    "/api/v1/articles/knee/",
    "/api/v1/articles/knee/comments/",
    "/api/v1/techniques/",
    "/api/v1/techniques/swedish/",
    "/api/v1/conditions/",
    "/api/v1/tags/",
]


@pytest.mark.parametrize("url", PUBLIC_GETS)
def test_a_repeated_get_is_served_without_the_database(worker, article, url, django_assert_num_queries):
    first = worker.get(url)
    assert first.status_code == 200

    with django_assert_num_queries(0):
        again = worker.get(url)

    assert again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert again["Last-Modified"] == first["Last-Modified"]
    assert again["Cache-Control"] == first["Cache-Control"] == "public, max-age=60"


@pytest.mark.parametrize("url", PUBLIC_GETS)
def test_another_worker_gets_the_stored_copy(worker, other_worker, article, url, django_assert_num_queries):
    first = worker.get(url)

    with django_assert_num_queries(0):
        elsewhere = other_worker.get(url)

    assert elsewhere.content == first.content


def test_a_stored_copy_answers_304_to_its_etag(worker, article, django_assert_num_queries):
    first = worker.get("/api/v1/articles/knee/")

    with django_assert_num_queries(0):
        by_etag = worker.get("/api/v1/articles/knee/", HTTP_IF_NONE_MATCH=first["ETag"])
        by_date = worker.get("/api/v1/articles/knee/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert (by_etag.status_code, by_date.status_code) == (304, 304)
    assert by_etag["ETag"] == first["ETag"]


def test_the_order_of_parameters_does_not_matter(worker, article, django_assert_num_queries):
    first = worker.get("/api/v1/articles/?ordering=title&page_size=5")

    with django_assert_num_queries(0):
        same = worker.get("/api/v1/articles/?page_size=5&ordering=title")

    assert same.content == first.content


def test_another_query_string_is_another_response(worker, article):
    everything = worker.get("/api/v1/articles/").json()
    nothing = worker.get("/api/v1/articles/?tag=unknown").json()

    assert (everything["count"], nothing["count"]) == (1, 0)


def test_errors_are_not_stored(worker, article, django_assert_max_num_queries):
    assert worker.get("/api/v1/articles/nope/").status_code == 404
    assert worker.get("/api/v1/articles/?page=x").status_code == 400

    with django_assert_max_num_queries(20) as captured:
        assert worker.get("/api/v1/articles/nope/").status_code == 404
    assert len(captured) > 0


@pytest.mark.parametrize(
    "credentials",
    [
        lambda client: client.credentials(
            HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=UserFactory()).key}"
        ),
        lambda client: client.force_login(UserFactory()),
    ],
    ids=["token", "session"],
)
def test_requests_with_credentials_bypass_the_cache(
    worker, article, credentials, django_assert_max_num_queries
):
    worker.get("/api/v1/articles/knee/")
    credentials(worker)

    with django_assert_max_num_queries(50) as captured:
        response = worker.get("/api/v1/articles/knee/")

    assert len(captured) > 0
    assert response["Cache-Control"] == "private, no-store"
    assert not response.has_header("ETag")


@pytest.mark.parametrize("url", PUBLIC_GETS)
def test_public_reads_do_not_vary_on_cookies(worker, article, url):
    """Without sessions, a CDN may cache them: the body never depends on a cookie."""
    for _ in range(2):
        assert "Cookie" not in worker.get(url).get("Vary", "")


def test_a_request_that_does_not_accept_json_is_not_answered_from_the_cache(worker, article):
    worker.get("/api/v1/articles/")

    assert worker.get("/api/v1/articles/", HTTP_ACCEPT="text/html").status_code == 406


def test_the_response_cache_can_be_turned_off(worker, article, settings, django_assert_max_num_queries):
    settings.API_RESPONSE_CACHE_TIMEOUT = 0
    worker.get("/api/v1/articles/")

    with django_assert_max_num_queries(50) as captured:
        worker.get("/api/v1/articles/")
    assert len(captured) > 0
