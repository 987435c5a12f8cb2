"""Running the import again, a dry run, an editor's change, a failing article and malformed files."""

import json

import pytest
from django.core.management import CommandError
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Revision

from articles.models import ArticlePage
from articles.snippets import Author, Technique
from moderation.models import AuditEntry, Comment
from moderation.services import comment_moderate

from .conftest import DATA, EXPORT, import_shopify

pytestmark = pytest.mark.django_db


def stored():
    """What the database holds that an import writes, counted."""
    return {
        "pages": ArticlePage.objects.count(),
        "revisions": Revision.objects.count(),
        "techniques": Technique.objects.count(),
        "authors": Author.objects.count(),
        "redirects": Redirect.objects.count(),
        "comments": Comment.objects.count(),
        "audit entries": AuditEntry.objects.count(),
    }


def write_export(tmp_path, name, records):
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps({name: records}))
    return path


def edited_articles(tmp_path, **changes):
    """The export's articles file with the knee-pain article changed."""
    articles = json.loads((DATA / "articles.json").read_text())["articles"]
    articles[0].update(changes)
    return write_export(tmp_path, "articles", articles)


class TestRerun:
    def test_a_second_run_changes_nothing(self, blog):
        import_shopify(*EXPORT)
        before = stored()

        output = import_shopify(*EXPORT)

        assert stored() == before
        assert "unchanged" in output and "created" not in output.split("Shopify import")[0]

    def test_a_changed_article_and_comment_are_updated_in_place(self, blog, tmp_path):
        import_shopify(*EXPORT)
        comments = json.loads((DATA / "comments.json").read_text())["comments"]
        comments[1]["status"] = "published"
        articles = edited_articles(tmp_path, title="Massage for Knee Pain, Revised")

        import_shopify(articles, write_export(tmp_path, "comments", comments), DATA / "blogs.json")

        page = ArticlePage.objects.get(shopify_id=558169081)
        assert page.title == "Massage for Knee Pain, Revised" and page.live
        assert ArticlePage.objects.count() == 4
        comment = Comment.objects.get(shopify_id=653537640)
        assert comment.status == "approved"
        assert [(entry.from_status, entry.to_status) for entry in comment.audit_entries.all()] == [
            ("", "pending"),
            ("pending", "approved"),
        ]

    def test_a_comment_moderated_here_since_is_left_as_it_is(self, blog, tmp_path):
        import_shopify(*EXPORT)
        comment = Comment.objects.get(shopify_id=653537640)
        comment_moderate(comment_id=comment.pk, action="approve", actor=None)
        comments = json.loads((DATA / "comments.json").read_text())["comments"]
        comments[1]["body"] = "Do you offer sessions on weekends and holidays?"

        output = import_shopify(
            DATA / "articles.json", write_export(tmp_path, "comments", comments), DATA / "blogs.json"
        )

        comment.refresh_from_db()
        assert (comment.status, comment.body) == ("approved", "Do you offer sessions on weekends?")
        assert "comment 653537640\n  Warning: moderated here since the last import" in output


class TestEditedArticles:
    @pytest.fixture
    def edited(self, blog):
        import_shopify(*EXPORT)
        page = ArticlePage.objects.get(shopify_id=558169081)
        page.title = "Knee pain: our therapists' guide"
        page.save_revision().publish()
        return page

    def test_an_article_an_editor_changed_is_left_alone_and_reported(self, edited, tmp_path):
        output = import_shopify(edited_articles(tmp_path, title="From Shopify"), DATA / "blogs.json")

        edited.refresh_from_db()
        assert edited.title == "Knee pain: our therapists' guide"
        assert (
            "/blogs/news/massage-for-knee-pain\n  Warning: changed by an editor since the last import"
            in output
        )
        assert "skipped (edited)" in output

    def test_overwrite_replaces_it(self, edited, tmp_path):
        import_shopify(edited_articles(tmp_path, title="From Shopify"), DATA / "blogs.json", overwrite=True)

        edited.refresh_from_db()
        assert edited.title == "From Shopify"

    def test_an_editors_draft_counts_as_a_change(self, blog, tmp_path):
        import_shopify(*EXPORT)
        page = ArticlePage.objects.get(shopify_id=558169081)
        page.summary = "A draft the editor is still working on."
        page.save_revision()

        import_shopify(edited_articles(tmp_path, title="From Shopify"), DATA / "blogs.json")

        latest = page.get_latest_revision_as_object()
        assert (latest.title, latest.summary) == (page.title, "A draft the editor is still working on.")


class TestDryRun:
    def test_a_dry_run_prints_what_would_change_and_stores_nothing(self, blog, images_dir):
        before = stored()

        output = import_shopify(*EXPORT, images=images_dir, dry_run=True)

        assert stored() == before
        assert "Dry run: nothing was written" in output
        assert "article /blogs/news/massage-for-knee-pain: created (published)" in output
        assert "technique 'Cupping therapy': added to the library" in output


class TestFailures:
    def test_an_article_that_fails_leaves_nothing_and_the_others_are_imported(self, blog, tmp_path):
        articles = json.loads((DATA / "articles.json").read_text())["articles"]
        articles[1]["title"] = "Massage for lower back pain " * 12  # longer than a page title may be

        output = import_shopify(write_export(tmp_path, "articles", articles), *EXPORT[1:])

        assert "/blogs/news/massage-for-lower-back-pain\n  Error: not imported: " in output
        assert "failed" in output
        assert not ArticlePage.objects.filter(shopify_id=558169082).exists()
        # The technique only it named was rolled back with it.
        assert not Technique.objects.filter(name="Cupping therapy").exists()
        assert ArticlePage.objects.filter(shopify_id=558169081, live=True).exists()
        assert not Comment.objects.filter(shopify_id=653537642).exists()

    def test_without_a_blog_to_import_into_the_command_stops(self, db):
        with pytest.raises(CommandError, match="no article index page"):
            import_shopify(*EXPORT)


class TestMalformedFiles:
    @pytest.mark.parametrize(
        ("content", "message"),
        [
            ("{not json", "not valid JSON"),
            ('{"posts": []}', 'one of the keys "articles", "comments", "blogs", "metafields" or "redirects"'),
            ('{"articles": {}}', '"articles" must be a list'),
            ('{"articles": [{"id": 1, "title": "Knee pain"}]}', "articles[0] (id 1): 'handle' is missing"),
            ('{"articles": [{"id": "1", "title": "x", "handle": "x"}]}', "'id' must be a number"),
            (
                '{"comments": [{"id": 2, "article_id": 1, "body": "Hi", "author": "A", "status": "approved", '
                '"created_at": "2024-01-01T00:00:00Z"}]}',
                "'status' must be one of",
            ),
            (
                '{"comments": [{"id": 2, "article_id": 1, "body": "Hi", "author": "A", "status": "spam", '
                '"created_at": "yesterday"}]}',
                "'created_at' is not a date and time",
            ),
        ],
    )
    def test_a_malformed_file_stops_before_anything_is_written(self, blog, tmp_path, content, message):
        bad = tmp_path / "bad.json"
        bad.write_text(content)

        with pytest.raises(CommandError) as error:
            import_shopify(DATA / "articles.json", bad)

        assert str(bad) in str(error.value) and message in str(error.value)
        assert not ArticlePage.objects.exists()

    def test_a_missing_file_is_named(self, blog, tmp_path):
        with pytest.raises(CommandError, match="nowhere.json: cannot be read"):
            import_shopify(tmp_path / "nowhere.json")

    def test_files_or_a_shop_not_both(self, blog):
        with pytest.raises(CommandError, match="either export files or --shop"):
            import_shopify()
