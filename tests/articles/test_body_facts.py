"""
What an article stores of its body for listings (the techniques it recommends, its word count):
set whenever the body is saved, kept with each revision, and filled in for existing pages by
the migration that added them.
"""

from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from articles.models import ArticlePage
from tests.api_content.helpers import contraindications_block, paragraph, techniques_block
from tests.articles import admin_forms
from tests.factories import ArticlePageFactory, TechniqueFactory, blog_index

pytestmark = pytest.mark.django_db

# "A heading", "Around the knee."
TECHNIQUES_WORDS = 5
# "A heading", "A suspected fracture", "avoid", "See a doctor."
CONTRAINDICATIONS_WORDS = 9


def stored_facts(page):
    page = ArticlePage.objects.get(pk=page.pk)
    return page.body_technique_ids, page.body_word_count


class TestSaving:
    def test_a_new_article_stores_its_techniques_in_order_without_repeats(self):
        first, second = TechniqueFactory(), TechniqueFactory()
        article = ArticlePageFactory(
            body=[techniques_block(second, first), techniques_block(first), contraindications_block()]
        )

        assert stored_facts(article)[0] == [second.pk, first.pk]

    def test_the_word_count_is_every_text_of_the_body_without_tags(self):
        article = ArticlePageFactory(
            body=[paragraph('<p>Ice <b>the</b> <a href="https://example.com">knee</a> first.</p>')]
        )

        assert stored_facts(article) == ([], 4)

    def test_saving_a_changed_body_updates_them(self):
        technique = TechniqueFactory()
        article = ArticlePageFactory(body=[paragraph("<p>Rest.</p>")])

        article.body = [techniques_block(technique), contraindications_block(), paragraph("<p>Rest.</p>")]
        article.save()

        assert stored_facts(article) == ([technique.pk], TECHNIQUES_WORDS + CONTRAINDICATIONS_WORDS + 1)

    def test_saving_only_the_body_updates_them(self):
        article = ArticlePageFactory(body=[paragraph("<p>Rest.</p>")])

        article.body = [paragraph("<p>Rest the knee.</p>")]
        article.save(update_fields=["body"])

        assert stored_facts(article) == ([], 3)

    def test_an_article_written_in_the_admin_stores_them(self, moderator_client):
        technique = TechniqueFactory()
        body = [
            admin_forms.paragraph("<p>Knee pain is common.</p>"),
            admin_forms.techniques(technique.pk),
            admin_forms.contraindications(),
        ]
        url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", blog_index().pk])

        response = moderator_client.post(url, admin_forms.article_form_data(body=body, action="publish"))

        assert response.status_code == 302
        article = ArticlePage.objects.get(slug="massage-for-knee-pain")
        # The paragraph; "Techniques"; "When to avoid massage", "A suspected fracture", "avoid".
        assert stored_facts(article) == ([technique.pk], 4 + 1 + 4 + 3 + 1)


class TestRevisions:
    def test_a_draft_leaves_the_published_facts_alone_until_it_is_published(self):
        swedish, trigger = TechniqueFactory(), TechniqueFactory()
        article = ArticlePageFactory(body=[techniques_block(swedish), contraindications_block()])
        published = stored_facts(article)

        draft = article.get_latest_revision_as_object()
        draft.body = [techniques_block(trigger), contraindications_block(), paragraph("<p>More words.</p>")]
        revision = draft.save_revision()

        assert stored_facts(article) == published
        assert (revision.as_object().body_technique_ids, revision.as_object().body_word_count) == (
            [trigger.pk],
            TECHNIQUES_WORDS + CONTRAINDICATIONS_WORDS + 2,
        )

        revision.publish()

        assert stored_facts(article) == ([trigger.pk], TECHNIQUES_WORDS + CONTRAINDICATIONS_WORDS + 2)

    def test_publishing_a_revision_saved_without_them_derives_them_from_its_body(self):
        """Revisions saved before the facts existed hold none: publishing one still gets them right."""
        technique = TechniqueFactory()
        article = ArticlePageFactory(body=[paragraph("<p>Rest.</p>")])
        draft = article.get_latest_revision_as_object()
        draft.body = [techniques_block(technique), contraindications_block()]
        revision = draft.save_revision()
        for field in ("body_technique_ids", "body_word_count"):
            del revision.content[field]
        revision.save()

        revision.publish()

        assert stored_facts(article) == ([technique.pk], TECHNIQUES_WORDS + CONTRAINDICATIONS_WORDS)


class TestMigration:
    def test_the_migration_fills_them_for_existing_pages_from_their_bodies(self, monkeypatch):
        migration = import_module("articles.migrations.0004_body_facts")
        monkeypatch.setattr(migration, "BATCH_SIZE", 2)  # more pages than a batch
        technique = TechniqueFactory()
        with_techniques = ArticlePageFactory(body=[techniques_block(technique), contraindications_block()])
        plain = [ArticlePageFactory(body=[paragraph("<p>Rest the knee.</p>")]) for _ in range(2)]
        ArticlePage.objects.update(body_technique_ids=[], body_word_count=0)

        migration.store_body_facts(apps, schema_editor=None)

        assert stored_facts(with_techniques) == ([technique.pk], TECHNIQUES_WORDS + CONTRAINDICATIONS_WORDS)
        assert [stored_facts(page) for page in plain] == [([], 3), ([], 3)]
