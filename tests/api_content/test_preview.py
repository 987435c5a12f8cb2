"""Draft previews: the admin's Preview opens the frontend with a token the API exchanges for the draft."""

import time
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing
from django.test import override_settings
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from articles.frontend.preview import make_preview_token, read_preview_token
from tests.factories import ArticlePageFactory, UserFactory, blog_index

from .helpers import paragraph

pytestmark = pytest.mark.django_db

URL = "/api/v1/preview/"


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(username="chief-editor", is_superuser=True, is_staff=True))
    return client


def preview_in_admin(editor_client, article, title="Typed but not saved"):
    """What the page editor does: post the form to the preview view, then open the preview."""
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    form = nested_form_data(
        {
            "title": title,
            "slug": article.slug,
            "summary": article.summary,
            "body": streamfield([("paragraph", rich_text("<p>Typed words.</p>"))]),
        }
    )
    assert editor_client.post(url, form).json()["is_valid"]
    return editor_client.get(url, {"in_preview_panel": "true"})


def token_from(response):
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == "http://localhost:3000/preview/"
    return parse_qs(location.query)["token"][0]


def with_draft(article, title):
    draft = article.get_latest_revision_as_object()
    draft.title = title
    draft.body = [paragraph("<p>Draft words.</p>")]
    draft.save_revision()
    return article


class TestAdminPreview:
    def test_preview_opens_the_frontends_preview_route_with_a_token(self, editor_client):
        article = ArticlePageFactory(live=False)

        token = token_from(preview_in_admin(editor_client, article))

        assert read_preview_token(token) == article.pk

    @override_settings(FRONTEND_BASE_URL="https://shop.example.com", ARTICLES_PREVIEW_PATH="/drafts")
    def test_the_frontend_and_its_route_are_settings(self, editor_client):
        response = preview_in_admin(editor_client, ArticlePageFactory())

        assert response["Location"].startswith("https://shop.example.com/drafts?token=")

    def test_the_token_shows_the_latest_saved_draft(self, editor_client, api):
        article = with_draft(ArticlePageFactory(title="Published title"), "Saved draft title")
        token = token_from(preview_in_admin(editor_client, article))

        data = api.get(URL, {"token": token}).json()

        assert data["title"] == "Saved draft title"
        assert data["body"][0]["value"] == "<p>Draft words.</p>"

    def test_a_new_unsaved_page_asks_to_save_a_draft_first(self, editor_client):
        url = reverse("wagtailadmin_pages:preview_on_add", args=["articles", "articlepage", blog_index().pk])
        form = nested_form_data(
            {
                "title": "New",
                "slug": "new",
                "summary": "s",
                "body": streamfield([("paragraph", rich_text("<p>x</p>"))]),
            }
        )
        editor_client.post(url, form)

        response = editor_client.get(url)

        assert response.status_code == 200
        assert "Save a draft" in response.content.decode()


class TestPreviewEndpoint:
    def test_a_never_published_article_in_the_detail_shape(self, api):
        article = ArticlePageFactory(live=False, title="Work in progress")
        with_draft(article, "Work in progress")
        published = ArticlePageFactory()
        listing_fields = set(api.get(f"/api/v1/articles/{published.slug}/").json())

        response = api.get(URL, {"token": make_preview_token(article)})

        assert response.status_code == 200
        assert set(response.json()) == listing_fields
        assert response.json()["title"] == "Work in progress"
        assert response.json()["url"].endswith(f"/blog/{article.slug}/")

    def test_a_preview_is_private_and_never_stored(self, api):
        response = api.get(URL, {"token": make_preview_token(ArticlePageFactory())})

        assert response["Cache-Control"] == "private, no-store"
        assert not response.has_header("ETag")

    def test_without_a_token_it_is_a_401(self, api):
        response = api.get(URL)

        assert response.status_code == 401
        assert response["WWW-Authenticate"] == 'PreviewToken realm="api"'
        assert "token" in response.json()["detail"]

    @pytest.mark.parametrize(
        "forge",
        [
            lambda article: make_preview_token(article)[:-2] + "xx",
            lambda article: signing.dumps({"page": article.pk}),
            lambda article: signing.dumps({"page": article.pk}, salt="articles.preview", key="another-key"),
            lambda article: signing.dumps({"page": str(article.pk)}, salt="articles.preview"),
            lambda article: "not-a-token\x00",
        ],
        ids=["tampered", "other salt", "other key", "malformed payload", "garbage"],
    )
    def test_a_forged_token_is_a_401(self, api, forge):
        article = ArticlePageFactory(live=False)

        response = api.get(URL, {"token": forge(article)})

        assert response.status_code == 401
        assert response.json() == {"detail": "This preview link is not valid."}

    def test_an_expired_token_is_a_401(self, api):
        article = ArticlePageFactory(live=False)
        with mock.patch("django.core.signing.time.time", return_value=time.time() - 3601):
            token = make_preview_token(article)

        response = api.get(URL, {"token": token})

        assert response.status_code == 401
        assert "expired" in response.json()["detail"]

    @override_settings(ARTICLES_PREVIEW_TOKEN_MAX_AGE=7200)
    def test_how_long_a_token_lasts_is_a_setting(self, api):
        article = ArticlePageFactory(live=False)
        with mock.patch("django.core.signing.time.time", return_value=time.time() - 3601):
            token = make_preview_token(article)

        assert api.get(URL, {"token": token}).status_code == 200

    def test_a_token_for_a_page_that_is_gone_or_not_an_article_is_a_404(self, api):
        article = ArticlePageFactory()
        index_token = make_preview_token(article.get_parent())
        deleted_token = make_preview_token(article)
        article.delete()

        assert api.get(URL, {"token": deleted_token}).status_code == 404
        assert api.get(URL, {"token": index_token}).status_code == 404

    def test_a_token_unlocks_nothing_but_the_preview(self, api):
        draft = ArticlePageFactory(live=False, slug="draft")
        token = make_preview_token(draft)

        assert api.get("/api/v1/articles/draft/", {"token": token}).status_code == 404
        assert api.get("/api/v1/articles/", {"token": token}).json()["count"] == 0
