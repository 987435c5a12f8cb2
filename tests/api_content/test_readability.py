"""Reading age in the content API: on the detail, in listings, and as a filter."""

import pytest

from tests.factories import ArticlePageFactory

from .helpers import paragraph, results, slugs

URL = "/api/v1/articles/"
SIMPLE = (
    "<p>Massage can ease knee pain. It helps you move more easily. Ask your therapist how often to come.</p>"
)
DENSE = (
    "<p>Osteoarthritis is a degenerative musculoskeletal condition characterised by progressive "
    "deterioration of articular cartilage and subchondral bone remodelling.</p>"
)


@pytest.fixture
def articles(db):
    return {
        "plain": ArticlePageFactory(slug="plain", body=[paragraph(SIMPLE)]),
        "dense": ArticlePageFactory(slug="dense", body=[paragraph(SIMPLE), paragraph(DENSE)]),
        "empty": ArticlePageFactory(slug="empty", body=[]),
    }


def test_the_detail_gives_the_readability_overall_and_per_block(api, articles):
    data = api.get(f"{URL}dense/").json()

    readability = data["readability"]
    assert readability["reading_age"] == data["reading_age"] == articles["dense"].reading_age
    assert readability["grade"] == articles["dense"].reading_grade
    assert readability["target"] == {"min": 9, "max": 11}
    assert readability["above_target"] is True
    assert [(block["id"], block["type"], block["reading_age"]) for block in readability["blocks"]] == [
        (data["body"][0]["id"], "paragraph", 7),
        (data["body"][1]["id"], "paragraph", 27),
    ]


def test_an_article_without_text_has_no_reading_age(api, articles):
    data = api.get(f"{URL}empty/").json()

    assert data["reading_age"] is None
    assert data["readability"]["reading_age"] is None and data["readability"]["blocks"] == []


def test_listings_give_each_articles_reading_age(api, articles):
    ages = {item["slug"]: item["reading_age"] for item in results(api.get(URL))}

    assert ages == {"plain": 7, "dense": articles["dense"].reading_age, "empty": None}


def test_reading_age_max_keeps_the_articles_at_most_that_age(api, articles):
    assert slugs(api.get(URL, {"reading_age_max": 11})) == ["plain"]
    assert sorted(slugs(api.get(URL, {"reading_age_max": 40}))) == ["dense", "plain"]


@pytest.mark.parametrize("value", ["ten", "10.5", "-1"])
def test_a_reading_age_max_that_is_not_a_whole_number_is_a_400(api, articles, value):
    response = api.get(URL, {"reading_age_max": value})

    assert response.status_code == 400
    assert "reading_age_max" in response.json()
