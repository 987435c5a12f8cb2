"""
The date listings order and filter on (`listing_date`): the editor's published date, else the
day of first publication, stored whenever either is saved and filled in for existing pages by
the migration that added it.
"""

import datetime
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone
from rest_framework.test import APIClient

from articles.models import ArticlePage
from tests.api_content.helpers import slugs
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/articles/"
JAN_1, JUN_1 = datetime.date(2024, 1, 1), datetime.date(2024, 6, 1)


def stored_date(page):
    return ArticlePage.objects.get(pk=page.pk).listing_date


def first_published(page, date):
    """Give `page` a first publication on `date`, saved as Wagtail saves it (update_fields)."""
    page.first_published_at = timezone.make_aware(datetime.datetime.combine(date, datetime.time(12)))
    page.save(update_fields=["first_published_at"])


def test_the_editors_published_date_comes_first():
    article = ArticlePageFactory(published_date=JUN_1)
    first_published(article, JAN_1)

    assert stored_date(article) == JUN_1


def test_without_one_it_is_the_day_of_first_publication():
    article = ArticlePageFactory(published_date=None)
    first_published(article, JAN_1)

    assert stored_date(article) == JAN_1


def test_publishing_a_new_published_date_moves_the_article_in_the_listing():
    older, newer = ArticlePageFactory(published_date=JAN_1), ArticlePageFactory(published_date=JUN_1)
    assert slugs(APIClient().get(URL)) == [newer.slug, older.slug]

    draft = older.get_latest_revision_as_object()
    draft.published_date = datetime.date(2024, 12, 1)
    draft.save_revision().publish()

    assert slugs(APIClient().get(URL)) == [older.slug, newer.slug]
    assert slugs(APIClient().get(URL, {"published_after": "2024-11-01"})) == [older.slug]


def test_a_draft_date_changes_nothing_until_it_is_published():
    article = ArticlePageFactory(published_date=JAN_1)

    draft = article.get_latest_revision_as_object()
    draft.published_date = JUN_1
    draft.save_revision()

    assert stored_date(article) == JAN_1


def test_the_migration_fills_it_for_existing_pages(monkeypatch):
    migration = import_module("articles.migrations.0005_listing_date")
    monkeypatch.setattr(migration, "BATCH_SIZE", 2)
    dated = [ArticlePageFactory(published_date=JAN_1) for _ in range(2)]
    undated = ArticlePageFactory(published_date=None)
    first_published(undated, JUN_1)
    ArticlePage.objects.update(listing_date=None)

    migration.store_listing_dates(apps, schema_editor=None)

    assert [stored_date(page) for page in dated] == [JAN_1, JAN_1]
    assert stored_date(undated) == JUN_1
