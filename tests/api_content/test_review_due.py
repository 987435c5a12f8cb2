"""GET /api/v1/articles/?review=due and ordering=next_review_due: articles to re-check first."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from tests.factories import ArticlePageFactory

from .helpers import results, slugs

pytestmark = pytest.mark.django_db

URL = "/api/v1/articles/"


def due_in(days, slug):
    return ArticlePageFactory(slug=slug, next_review_due=timezone.localdate() + timedelta(days=days))


@pytest.fixture
def articles(db):
    return [
        due_in(-5, "overdue"),
        due_in(10, "due-soon"),
        due_in(90, "due-later"),
        ArticlePageFactory(slug="never-reviewed"),
    ]


def test_review_due_lists_the_overdue_and_those_due_within_30_days(api, articles):
    assert sorted(slugs(api.get(URL, {"review": "due"}))) == ["due-soon", "overdue"]


def test_review_due_combines_with_the_ordering(api, articles):
    assert slugs(api.get(URL, {"review": "due", "ordering": "-next_review_due"})) == ["due-soon", "overdue"]


def test_ordering_by_next_review_due_puts_undated_articles_last_either_way(api, articles):
    assert slugs(api.get(URL, {"ordering": "next_review_due"})) == [
        "overdue",
        "due-soon",
        "due-later",
        "never-reviewed",
    ]
    assert slugs(api.get(URL, {"ordering": "-next_review_due"})) == [
        "due-later",
        "due-soon",
        "overdue",
        "never-reviewed",
    ]


def test_listings_show_the_next_review_date(api, articles):
    shown = {item["slug"]: item["next_review_due"] for item in results(api.get(URL))}

    assert shown["overdue"] == (timezone.localdate() - timedelta(days=5)).isoformat()
    assert shown["never-reviewed"] is None


def test_an_unknown_review_value_is_a_400_naming_the_parameter(api, articles):
    response = api.get(URL, {"review": "overdue"})

    assert response.status_code == 400
    assert list(response.json()) == ["review"]


def test_a_draft_due_for_review_is_never_listed(api):
    draft = due_in(-1, "draft")
    draft.unpublish()

    assert slugs(api.get(URL, {"review": "due"})) == []


def at(day, hour, minute):
    """The current time set to `day` at hour:minute, local (the site's time zone)."""
    moment = timezone.make_aware(datetime.combine(day, time(hour, minute)))
    return lambda: moment


def test_a_conditional_get_of_review_due_answers_200_the_next_day(api, monkeypatch):
    # A day ahead of the content's last change, so that only the date can move the validators.
    day = timezone.localdate() + timedelta(days=3)
    ArticlePageFactory(slug="due-in-30-days", next_review_due=day + timedelta(days=30))
    monkeypatch.setattr(timezone, "now", at(day, 23, 59))
    before_midnight = api.get(URL, {"review": "due"})
    validators = {
        "HTTP_IF_NONE_MATCH": before_midnight["ETag"],
        "HTTP_IF_MODIFIED_SINCE": before_midnight["Last-Modified"],
    }
    assert api.get(URL, {"review": "due"}, **validators).status_code == 304

    monkeypatch.setattr(timezone, "now", at(day + timedelta(days=1), 0, 1))
    after_midnight = api.get(URL, {"review": "due"}, **validators)
    for header, validator in validators.items():
        assert api.get(URL, {"review": "due"}, **{header: validator}).status_code == 200

    assert after_midnight.status_code == 200
    assert [item["slug"] for item in after_midnight.json()["results"]] == ["due-in-30-days"]
