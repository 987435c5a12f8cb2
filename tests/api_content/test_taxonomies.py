"""The taxonomies: techniques, conditions and tags, each with its number of published articles."""

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory, ConditionFactory, TechniqueFactory

from .helpers import contraindications_block, results, techniques_block

pytestmark = pytest.mark.django_db


def article_using(*techniques, **kwargs):
    return ArticlePageFactory(body=[techniques_block(*techniques), contraindications_block()], **kwargs)


class TestTechniques:
    def test_the_library_by_name_with_published_article_counts(self, api):
        swedish = TechniqueFactory(name="Swedish massage", summary="Relaxes", pressure="light")
        trigger = TechniqueFactory(name="Trigger point therapy")
        TechniqueFactory(name="Cupping")
        article_using(swedish, trigger)
        article_using(swedish, swedish)
        article_using(swedish, live=False)
        private = article_using(trigger)
        PageViewRestriction.objects.create(page=private, restriction_type="login")

        items = results(api.get("/api/v1/techniques/"))

        assert [(item["slug"], item["article_count"]) for item in items] == [
            ("cupping", 0),
            ("swedish-massage", 2),
            ("trigger-point-therapy", 1),
        ]
        assert items[1] == {
            "slug": "swedish-massage",
            "name": "Swedish massage",
            "summary": "Relaxes",
            "pressure": "light",
            "article_count": 2,
        }

    def test_a_technique_only_a_draft_revision_uses_counts_nothing(self, api):
        swedish, cupping = TechniqueFactory(name="Swedish"), TechniqueFactory(name="Cupping")
        article = article_using(swedish)
        draft = article.get_latest_revision_as_object()
        draft.body = [techniques_block(cupping), contraindications_block()]
        draft.save_revision()

        counts = {item["slug"]: item["article_count"] for item in results(api.get("/api/v1/techniques/"))}

        assert counts == {"cupping": 0, "swedish": 1}

    def test_one_technique_has_how_it_is_performed(self, api):
        technique = TechniqueFactory(name="Swedish massage", how_performed="Long strokes.")
        article_using(technique)

        response = api.get("/api/v1/techniques/swedish-massage/")

        assert response.status_code == 200
        assert response.json() == {
            "slug": "swedish-massage",
            "name": "Swedish massage",
            "summary": "Promotes relaxation and circulation",
            "pressure": "moderate",
            "how_performed": "Long strokes.",
            "article_count": 1,
        }

    def test_an_unknown_technique_is_a_json_404(self, api):
        response = api.get("/api/v1/techniques/no-such-technique/")

        assert response.status_code == 404
        assert response.json() == {"detail": "No technique has this slug."}


def test_conditions_by_name_with_published_article_counts(api):
    knee = ConditionFactory(name="Knee osteoarthritis", other_names="Knee OA, gonarthrosis", body_area="knee")
    ConditionFactory(name="Frozen shoulder")
    for live in (True, True, False):
        article = ArticlePageFactory(live=live)
        article.conditions.add(knee)
        article.save()

    items = results(api.get("/api/v1/conditions/"))

    assert items == [
        {
            "slug": "frozen-shoulder",
            "name": "Frozen shoulder",
            "other_names": [],
            "body_area": "knee",
            "article_count": 0,
        },
        {
            "slug": "knee-osteoarthritis",
            "name": "Knee osteoarthritis",
            "other_names": ["Knee OA", "gonarthrosis"],
            "body_area": "knee",
            "article_count": 2,
        },
    ]


class TestConditionDetail:
    def test_one_condition_with_its_published_article_count(self, api):
        knee = ConditionFactory(name="Knee osteoarthritis", other_names="Knee OA", body_area="knee")
        for live in (True, False):
            article = ArticlePageFactory(live=live)
            article.conditions.add(knee)
            article.save()

        response = api.get("/api/v1/conditions/knee-osteoarthritis/")

        assert response.status_code == 200
        assert response.json() == {
            "slug": "knee-osteoarthritis",
            "name": "Knee osteoarthritis",
            "other_names": ["Knee OA"],
            "body_area": "knee",
            "article_count": 1,
        }

    def test_an_unknown_condition_is_a_json_404(self, api):
        response = api.get("/api/v1/conditions/no-such-condition/")

        assert response.status_code == 404
        assert response.json() == {"detail": "No condition has this slug."}

    def test_a_renamed_condition_shows_at_once(self, api):
        knee = ConditionFactory(name="Knee pain")
        api.get("/api/v1/conditions/knee-pain/")

        knee.name = "Knee pain and stiffness"
        knee.save()

        assert api.get("/api/v1/conditions/knee-pain/").json()["name"] == "Knee pain and stiffness"


def test_tags_of_published_articles_only(api):
    for tags, live in [(["knees", "Pain relief"], True), (["knees"], True), (["secret launch"], False)]:
        article = ArticlePageFactory(live=live)
        article.tags.add(*tags)
        article.save()

    items = results(api.get("/api/v1/tags/"))

    assert items == [
        {"slug": "knees", "name": "knees", "article_count": 2},
        {"slug": "pain-relief", "name": "Pain relief", "article_count": 1},
    ]


@pytest.mark.parametrize("path", ["techniques", "conditions", "tags"])
def test_taxonomies_are_paginated(api, path):
    for n in range(3):
        TechniqueFactory(name=f"T{n}")
        ConditionFactory(name=f"C{n}")
        article = ArticlePageFactory()
        article.tags.add(f"tag{n}")
        article.save()

    data = api.get(f"/api/v1/{path}/", {"page_size": 2}).json()

    assert data["count"] >= 3
    assert len(data["results"]) == 2
    assert data["next"].endswith("page=2&page_size=2")
