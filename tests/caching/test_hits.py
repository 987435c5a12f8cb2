"""
Public GETs are answered from the cache with one query (the content version) and the same
headers; nothing a client sends but the path, the parameters the view reads and the format
adds entries or changes what others get.
"""

import pytest
from django.core.cache import caches
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
def test_a_repeated_get_is_served_from_the_cache(worker, article, url, django_assert_num_queries):
    first = worker.get(url)
    assert first.status_code == 200

    with django_assert_num_queries(1):
        again = worker.get(url)

    assert again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert again["Last-Modified"] == first["Last-Modified"]
    assert again["Cache-Control"] == first["Cache-Control"] == "public, max-age=60"


@pytest.mark.parametrize("url", PUBLIC_GETS)
def test_another_worker_gets_the_stored_copy(worker, other_worker, article, url, django_assert_num_queries):
    first = worker.get(url)

    with django_assert_num_queries(1):
        elsewhere = other_worker.get(url)

    assert elsewhere.content == first.content


def test_a_stored_copy_answers_304_to_its_etag(worker, article, django_assert_num_queries):
    first = worker.get("/api/v1/articles/knee/")

    with django_assert_num_queries(2):
        by_etag = worker.get("/api/v1/articles/knee/", HTTP_IF_NONE_MATCH=first["ETag"])
        by_date = worker.get("/api/v1/articles/knee/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert (by_etag.status_code, by_date.status_code) == (304, 304)
    assert by_etag["ETag"] == first["ETag"]


def test_the_order_of_parameters_does_not_matter(worker, article, django_assert_num_queries):
    first = worker.get("/api/v1/articles/?ordering=title&page_size=5")

    with django_assert_num_queries(1):
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


def test_a_process_answers_from_its_own_copy_when_the_shared_cache_lost_it(
    worker, article, django_assert_num_queries
):
    first = worker.get("/api/v1/articles/knee/")
    caches["default"].clear()  # evicted, or Redis restarted

    with django_assert_num_queries(1):
        again = worker.get("/api/v1/articles/knee/")

    assert again.content == first.content


def test_a_process_keeps_only_its_most_recently_used_copies(
    worker, article, settings, django_assert_num_queries, django_assert_max_num_queries
):
    settings.API_RESPONSE_LOCAL_COPIES = 2
    listing, detail, techniques = "/api/v1/articles/", "/api/v1/articles/knee/", "/api/v1/techniques/"
    first = {url: worker.get(url).content for url in (listing, detail)}
    worker.get(listing)  # used again: the detail is now the least recently used copy
    first[techniques] = worker.get(techniques).content  # a third copy: the detail's is forgotten
    caches["default"].clear()

    with django_assert_num_queries(2):
        assert worker.get(listing).content == first[listing]
        assert worker.get(techniques).content == first[techniques]
    with django_assert_max_num_queries(50) as rebuilt:
        assert worker.get(detail).content == first[detail]
    assert len(rebuilt) > 1


def test_without_local_copies_every_hit_reads_the_shared_cache(
    worker, article, settings, django_assert_num_queries, django_assert_max_num_queries
):
    settings.API_RESPONSE_LOCAL_COPIES = 0
    first = worker.get("/api/v1/articles/knee/")
    with django_assert_num_queries(1):
        assert worker.get("/api/v1/articles/knee/").content == first.content

    caches["default"].clear()

    with django_assert_max_num_queries(50) as rebuilt:
        assert worker.get("/api/v1/articles/knee/").content == first.content
    assert len(rebuilt) > 1


def cache_entries():
    """How many entries the default cache holds: its files, or its keys in Redis."""
    default = caches["default"]
    if hasattr(default, "_list_cache_files"):
        return len(default._list_cache_files())
    return sum(1 for _key in default.client.get_client().scan_iter(f"{default.key_prefix}:*"))


VARIANTS = [
    {"HTTP_HOST": "127.0.0.1:9999"},
    {"HTTP_HOST": "localhost"},
    {"HTTP_ACCEPT": "application/json; indent=8"},
    {"HTTP_ACCEPT": "*/*"},
    {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_X_FORWARDED_HOST": "evil.example"},
    {"HTTP_X_FORWARDED_FOR": "203.0.113.9"},
]


@pytest.mark.parametrize("url", ["/api/v1/articles/?page_size=1", "/api/v1/articles/knee/"])
def test_what_a_client_sends_neither_adds_entries_nor_changes_the_body(worker, article, url):
    from tests.factories import ArticlePageFactory

    ArticlePageFactory(slug="second")
    plain = worker.get(url)
    stored = cache_entries()

    for headers in VARIANTS:
        variant = worker.get(url, **headers)
        assert variant.status_code == 200
        assert variant.content == plain.content, headers
    assert worker.get(url + ("&" if "?" in url else "?") + "utm_source=x&nonsense=1").content == plain.content

    assert cache_entries() == stored
    assert worker.get(url).content == plain.content


def test_links_and_images_use_the_configured_address_not_the_host_sent(worker, article, settings):
    from tests.factories import ArticlePageFactory

    ArticlePageFactory(slug="second")
    settings.WAGTAILADMIN_BASE_URL = "https://cms.example"

    listing = worker.get("/api/v1/articles/?page_size=1&utm=x", HTTP_HOST="localhost:1234").json()
    detail = worker.get("/api/v1/articles/knee/", HTTP_HOST="localhost:1234").json()

    assert listing["next"] == "https://cms.example/api/v1/articles/?page=2&page_size=1"
    assert detail["hero_image"]["renditions"]["large"]["url"].startswith("https://cms.example/media/")


def test_a_client_cannot_ask_for_indented_json(worker, article):
    response = worker.get("/api/v1/articles/knee/", HTTP_ACCEPT="application/json; indent=8")

    assert b"\n" not in response.content
