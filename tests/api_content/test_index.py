"""`GET /api/v1/`: the index a frontend developer starts from."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(API_PUBLIC_BASE_URL="https://cms.example.com")
def test_the_index_lists_every_endpoint_at_the_public_address(api):
    response = api.get("/api/v1/", HTTP_HOST="localhost")

    assert response.status_code == 200
    index = response.json()
    assert index["articles"] == "https://cms.example.com/api/v1/articles/"
    assert index["article"] == "https://cms.example.com/api/v1/articles/{slug}/"
    assert index["article_comments"] == "https://cms.example.com/api/v1/articles/{slug}/comments/"
    assert index["condition"] == "https://cms.example.com/api/v1/conditions/{slug}/"
    assert index["moderation_comments"] == "https://cms.example.com/api/v1/moderation/comments/"
    assert index["schema"] == "https://cms.example.com/api/schema/"
    assert {"techniques", "technique", "tags", "redirects", "preview", "docs"} <= set(index)


@override_settings(API_PUBLIC_BASE_URL="https://cms.example.com")
def test_every_url_of_the_index_answers(api):
    index = api.get("/api/v1/").json()
    for name, url in index.items():
        path = url.removeprefix("https://cms.example.com").replace("{slug}", "no-such-slug")

        response = api.get(path)

        # A template with an unknown slug: its view's 404; the others answer (400/401: they need
        # a parameter or credentials; 405: POST only). None is an unknown route's bare 404.
        if "{slug}" in url:
            assert response.status_code == 404
            assert response.json()["detail"] != "Not found.", name
        else:
            assert response.status_code in (200, 400, 401, 405), (name, response.status_code)


def test_the_index_is_cacheable(api):
    response = api.get("/api/v1/")

    assert "public" in response["Cache-Control"]
    assert api.get("/api/v1/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
