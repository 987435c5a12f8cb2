"""Library text checked against its article: a technique's summary naming what the article is not about."""

import pytest
from django.urls import reverse

from articles.governance.library import mismatches
from tests.factories import ArticlePageFactory, ConditionFactory, TechniqueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def deep_tissue():
    return TechniqueFactory(
        name="Deep tissue massage", summary="Targets chronic muscle tightness around the knee"
    )


def body_with(technique, application=""):
    return [
        {
            "type": "techniques",
            "value": {
                "heading": "Techniques",
                "intro": "",
                "items": [{"technique": technique.pk, "application": application}],
            },
        },
        {
            "type": "contraindications",
            "value": {
                "heading": "When to avoid massage",
                "intro": "",
                "items": [{"condition": "A fracture", "severity": "avoid", "guidance": ""}],
            },
        },
    ]


def article_about(condition, technique, application="", title="Massage for back pain"):
    article = ArticlePageFactory(title=title, body=body_with(technique, application))
    article.conditions.add(condition)
    article.save_revision().publish()
    return article


def named(article):
    return [(found.technique, found.named) for found in mismatches(article, list(article.body.raw_data))]


def test_a_knee_summary_in_a_lower_back_article_is_flagged(deep_tissue):
    back = ConditionFactory(name="Lower back pain", body_area="lower back")

    assert named(article_about(back, deep_tissue)) == [("Deep tissue massage", "knee")]


def test_the_articles_own_wording_clears_it(deep_tissue):
    back = ConditionFactory(name="Lower back pain", body_area="lower back")

    article = article_about(back, deep_tissue, application="Eases tight muscles along the lower back.")

    assert named(article) == []


def test_a_knee_summary_in_a_knee_article_is_fine(deep_tissue):
    knee = ConditionFactory(name="Knee osteoarthritis", body_area="knee")

    assert named(article_about(knee, deep_tissue, title="Massage for knee pain")) == []


def test_a_condition_of_another_body_part_is_flagged():
    ConditionFactory(name="Plantar fasciitis", body_area="foot")
    shoulder = ConditionFactory(name="Frozen shoulder", body_area="shoulder")
    technique = TechniqueFactory(name="Cross-fibre friction", summary="Often used for plantar fasciitis")

    assert named(article_about(shoulder, technique, title="Massage for a frozen shoulder")) == [
        ("Cross-fibre friction", "Plantar fasciitis")
    ]


def test_an_article_about_nothing_in_particular_is_not_judged(deep_tissue):
    article = ArticlePageFactory(title="Why massage", body=body_with(deep_tissue))

    assert named(article) == []


def test_the_editor_is_warned_in_the_clinical_checks(moderator_client, deep_tissue):
    back = ConditionFactory(name="Lower back pain", body_area="lower back")
    article = article_about(back, deep_tissue)

    html = moderator_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()

    assert "“Targets chronic muscle tightness around the knee”, names knee" in html
    assert "Application" in html
