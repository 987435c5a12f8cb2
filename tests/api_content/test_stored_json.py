"""
Articles' JSON is built once and stored (api/content/stored.py): what readers get from a stored
copy is what the database shows, whatever changed and whenever. The response cache is off here,
so every response goes through the stored copies.
"""

import json
from pathlib import Path
from unittest import mock

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from api.content import selectors, stored
from api.models import StoredRepresentation
from articles.models import ArticlePage
from tests.factories import ArticlePageFactory, ConditionFactory, ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_response_cache(settings):
    settings.API_RESPONSE_CACHE_TIMEOUT = 0


@pytest.fixture
def knee(db):
    article = ArticlePageFactory(slug="knee", title="Massage for knee pain", hero_image=ImageFactory())
    article.conditions.add(ConditionFactory(slug="knee-oa", name="Knee osteoarthritis"))
    article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def detail(api, slug="knee", **headers):
    response = api.get(f"/api/v1/articles/{slug}/", **headers)
    assert response.status_code == 200
    return response.json()


def related_slugs(api, slug="knee"):
    return [item["slug"] for item in detail(api, slug)["related"]]


def test_a_stored_copy_is_read_back_without_building_it_again(api, knee):
    first = detail(api)

    with CaptureQueriesContext(connection) as queries:
        again = detail(api)

    assert again == first
    writes = [query["sql"] for query in queries if not query["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []
    assert StoredRepresentation.objects.filter(article=knee).count() == 2  # detail, related


def test_the_response_that_built_a_copy_is_the_same_bytes_as_those_reading_it(api, knee):
    built, read = api.get("/api/v1/articles/knee/"), api.get("/api/v1/articles/knee/")

    assert built.content == read.content
    assert built["ETag"] == read["ETag"]


def test_related_articles_follow_other_articles_publications(api, knee):
    assert related_slugs(api) == []

    hips = ArticlePageFactory(slug="hips")
    hips.conditions.add(knee.conditions.get())
    hips.save_revision().publish()
    assert related_slugs(api) == ["hips"]

    ArticlePage.objects.get(pk=hips.pk).unpublish()
    assert related_slugs(api) == []


def test_a_condition_given_from_the_conditions_side(api, knee):
    detail(api)

    ConditionFactory(slug="sprain", name="Sprain").articles.add(knee)

    assert [item["slug"] for item in detail(api)["conditions"]] == ["knee-oa", "sprain"]


def test_tags_published_with_the_article(api, knee):
    detail(api)

    knee.tags.add("runners")
    knee.save_revision().publish()

    assert [tag["slug"] for tag in detail(api)["tags"]] == ["runners"]
    assert api.get("/api/v1/articles/").json()["results"][0]["tags"] == [
        {"slug": "runners", "name": "runners"}
    ]


def test_a_copy_built_while_a_change_commits_is_not_served_after_it(api, knee):
    """The article is published again after its row was read to build its JSON."""
    read_the_row = selectors.whole_article

    def publish_meanwhile(pk):
        row = read_the_row(pk)
        page = ArticlePage.objects.get(pk=pk)
        page.title = "Massage for sore knees"
        page.save_revision().publish()
        return row

    with mock.patch.object(selectors, "whole_article", publish_meanwhile):
        assert detail(api)["title"] == "Massage for knee pain"

    assert detail(api)["title"] == "Massage for sore knees"


def test_each_host_gets_image_urls_on_itself(api, knee):
    here = detail(api)["hero_image"]["renditions"]["thumbnail"]["url"]
    there = detail(api, HTTP_HOST="localhost")["hero_image"]["renditions"]["thumbnail"]["url"]

    assert here.startswith("http://testserver/")
    assert there.startswith("http://localhost/")


def test_changed_settings_are_shown_at_once(api, knee, settings):
    detail(api)

    settings.FRONTEND_BASE_URL = "https://shop.example"

    assert detail(api)["url"].startswith("https://shop.example/")


def test_another_release_builds_every_copy_again(api, knee, monkeypatch):
    detail(api)
    StoredRepresentation.objects.filter(article=knee, kind="detail").update(
        json=json.dumps({"title": "From this release"})
    )
    assert detail(api)["title"] == "From this release"  # what is stored is what is served

    monkeypatch.setattr(stored, "code_fingerprint", lambda: "another release")

    assert detail(api)["title"] == "Massage for knee pain"


def test_the_code_fingerprint_covers_the_apps_modules():
    stored.code_fingerprint.cache_clear()
    with mock.patch.object(Path, "read_bytes", return_value=b"changed"):
        changed = stored.code_fingerprint()
    stored.code_fingerprint.cache_clear()

    assert changed != stored.code_fingerprint()


def test_a_copy_that_cannot_be_stored_is_still_served(api, knee):
    with mock.patch.object(StoredRepresentation.objects, "bulk_create", side_effect=DatabaseError("locked")):
        assert detail(api)["title"] == "Massage for knee pain"

    assert not StoredRepresentation.objects.exists()
