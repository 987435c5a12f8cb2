"""HTTP behaviour of the public API: validators and 304s, Cache-Control, CORS, JSON errors."""

import pytest
from django.test import Client, override_settings
from django.utils.http import http_date, parse_http_date
from rest_framework.authtoken.models import Token

from tests.factories import ArticlePageFactory, TechniqueFactory, UserFactory
from tests.moderation.factories import CommentFactory

pytestmark = pytest.mark.django_db

CONTENT_GETS = [
    "/api/v1/articles/",
    "/api/v1/articles/massage/",
    "/api/v1/techniques/",
    "/api/v1/techniques/swedish/",
    "/api/v1/conditions/",
    "/api/v1/tags/",
]
PUBLIC_GETS = [*CONTENT_GETS, "/api/schema/"]


@pytest.fixture
def article(db):
    TechniqueFactory(slug="swedish")
    return ArticlePageFactory(slug="massage", title="Massage")


class TestValidators:
    @pytest.mark.parametrize("path", CONTENT_GETS)
    def test_every_content_get_has_an_etag_and_last_modified_and_answers_304(self, api, article, path):
        first = api.get(path)
        assert first.status_code == 200

        by_etag = api.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
        by_date = api.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

        assert first["ETag"].startswith('"') and parse_http_date(first["Last-Modified"])
        assert (by_etag.status_code, by_date.status_code) == (304, 304)
        assert by_etag.content == b""
        assert by_etag["ETag"] == first["ETag"]

    def test_the_schema_has_an_etag_and_answers_304(self, api):
        first = api.get("/api/schema/")

        assert api.get("/api/schema/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    def test_the_etag_is_stable_while_the_content_is(self, api, article):
        first, second = api.get("/api/v1/articles/massage/"), api.get("/api/v1/articles/massage/")

        assert first["ETag"] == second["ETag"]
        assert first["Last-Modified"] == second["Last-Modified"]

    @pytest.mark.parametrize(
        "change",
        [
            lambda article: article.save_revision().publish(),
            lambda article: CommentFactory(article=article, status="approved"),
            lambda article: article.__class__.objects.get(pk=article.pk).unpublish(),
        ],
        ids=["republished", "comment approved", "unpublished"],
    )
    def test_a_change_in_content_changes_the_etag(self, api, article, change):
        """(Last-Modified moves once per committed transaction: tests/caching/test_processes.py.)"""
        before = api.get("/api/v1/articles/")

        change(article)
        after = api.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=before["ETag"])

        assert after.status_code == 200
        assert after["ETag"] != before["ETag"]

    def test_a_renamed_technique_changes_the_etag_of_its_articles(self, api):
        technique = TechniqueFactory(slug="swedish", name="Swedish")
        ArticlePageFactory(
            slug="massage",
            body=[
                {
                    "type": "techniques",
                    "value": {"heading": "T", "intro": "", "items": [{"technique": technique.pk}]},
                }
            ],
        )
        before = api.get("/api/v1/articles/massage/")

        technique.name = "Swedish massage"
        technique.save()

        assert api.get("/api/v1/articles/massage/", HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200

    def test_a_stale_etag_or_an_older_date_gets_the_content(self, api, article):
        response = api.get("/api/v1/articles/", HTTP_IF_NONE_MATCH='"something-else"')
        older = api.get("/api/v1/articles/", HTTP_IF_MODIFIED_SINCE=http_date(0))

        assert response.status_code == older.status_code == 200

    def test_head_gets_the_same_validators(self, api, article):
        get, head = api.get("/api/v1/articles/"), api.head("/api/v1/articles/")

        assert head.status_code == 200
        assert head["ETag"] == get["ETag"]

    def test_errors_carry_no_validators(self, api, article):
        response = api.get("/api/v1/articles/nope/")

        assert response.status_code == 404
        assert not response.has_header("ETag")


class TestCacheControl:
    def test_public_content_may_be_cached_by_anyone(self, api, article):
        assert api.get("/api/v1/articles/")["Cache-Control"] == "public, max-age=60"

    @override_settings(API_CACHE_MAX_AGE=600)
    def test_max_age_is_a_setting(self, api, article):
        assert api.get("/api/v1/articles/")["Cache-Control"] == "public, max-age=600"

    def test_a_token_authenticated_request_is_private_and_not_stored(self, api, article):
        token = Token.objects.create(user=UserFactory())

        response = api.get("/api/v1/articles/", HTTP_AUTHORIZATION=f"Token {token.key}")

        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert not response.has_header("ETag")

    def test_a_logged_in_session_is_private_and_not_stored(self, client, article):
        client.force_login(UserFactory())

        assert client.get("/api/v1/articles/massage/")["Cache-Control"] == "private, no-store"


class TestCors:
    @pytest.fixture(autouse=True)
    def shop_origin(self, settings):
        settings.CORS_ALLOWED_ORIGINS = ["https://shop.example.com"]

    def test_the_shop_may_read_the_api(self, api, article):
        response = api.get("/api/v1/articles/", HTTP_ORIGIN="https://shop.example.com")

        assert response["Access-Control-Allow-Origin"] == "https://shop.example.com"
        assert "etag" in response["Access-Control-Expose-Headers"].lower()

    def test_a_preflight_from_the_shop_may_send_conditional_headers(self, api):
        response = api.options(
            "/api/v1/articles/",
            HTTP_ORIGIN="https://shop.example.com",
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
            HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
        )

        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "https://shop.example.com"
        assert "if-none-match" in response["Access-Control-Allow-Headers"]

    def test_another_origin_is_refused(self, api, article):
        response = api.get("/api/v1/articles/", HTTP_ORIGIN="https://evil.example.com")

        assert not response.has_header("Access-Control-Allow-Origin")


class TestErrors:
    @pytest.mark.parametrize(
        "path",
        [
            "/api/v1/nothing-here/",
            "/api/v2/articles/",
            "/api/",
            "/api/v1/articles/a/b/",
            "/api/v1/articles/%00/",
            "/api/v1/articles/a%00b/",
            "/api/v1/techniques/%00/",
        ],
    )
    def test_unknown_api_paths_are_a_json_404(self, api, path):
        response = api.get(path)

        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}

    @pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
    def test_an_unknown_api_path_is_a_json_404_for_every_method(self, method):
        response = getattr(Client(enforce_csrf_checks=True), method)("/api/v1/nothing-here/")

        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}

    def test_a_path_without_its_slash_is_redirected_to_it(self, api, article):
        response = api.get("/api/v1/articles", follow=True)

        assert response.redirect_chain == [("/api/v1/articles/", 301)]
        assert response.status_code == 200

    def test_a_method_the_api_does_not_offer_is_a_json_405(self, api, article):
        response = api.post("/api/v1/articles/", {}, format="json")

        assert response.status_code == 405
        assert response.json() == {"detail": 'Method "POST" not allowed.'}

    def test_pages_outside_the_api_are_still_served_by_wagtail(self, client, article):
        assert client.get("/blog/massage/").status_code == 200
        assert client.get("/no-such-page/").status_code == 404
