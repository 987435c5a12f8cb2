"""Running the clinic's import again: nothing changes, hidden and deleted posts go offline."""

import json
import re

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Revision

from api.caching import version
from articles.models import ArticlePage
from moderation.models import AuditEntry, Comment

from .conftest import CLINIC, CLINIC_EXPORT, import_shopify

pytestmark = pytest.mark.django_db
NECK = 558170001


def clinic_articles(tmp_path, *, drop=(), **changes):
    """The clinic's articles file without the ids in `drop`, with `changes` by id."""
    articles = json.loads((CLINIC / "articles.json").read_text(encoding="utf-8-sig"))["articles"]
    articles = [
        {**article, **changes.get(str(article["id"]), {})}
        for article in articles
        if article["id"] not in drop
    ]
    path = tmp_path / "articles.json"
    path.write_text(json.dumps({"articles": articles}))
    return path


def export_with(articles):
    return [CLINIC / "blogs.json", articles, CLINIC / "comments.json", CLINIC / "metafields.json"]


@pytest.fixture
def first_run(blog, clinic_images):
    import_shopify(*CLINIC_EXPORT, CLINIC / "redirects.csv", images=clinic_images)
    return clinic_images


class TestNothingChanged:
    def test_a_rerun_writes_no_revision_no_purge_and_says_unchanged(self, first_run):
        revisions, audit = Revision.objects.count(), AuditEntry.objects.count()
        cache_version = version.current()

        output = import_shopify(*CLINIC_EXPORT, CLINIC / "redirects.csv", images=first_run)

        assert Revision.objects.count() == revisions
        assert AuditEntry.objects.count() == audit
        assert version.current() == cache_version
        assert re.search(r"│ articles +│ unchanged +│ 11 ", output)
        assert "created" not in output.split("Shopify import")[0]
        assert "updated" not in output.split("Shopify import")[0]

    def test_a_post_kept_as_a_draft_gets_no_revision_on_a_rerun(self, blog):
        # Without the images the photo-only post cannot go live: it waits as a draft.
        import_shopify(*CLINIC_EXPORT)
        room = ArticlePage.objects.get(slug="new-treatment-room")
        revisions = room.revisions.count()

        import_shopify(*CLINIC_EXPORT)

        assert room.revisions.count() == revisions


class TestHiddenAndDeleted:
    def test_a_post_hidden_on_shopify_goes_offline_with_its_redirect(self, first_run, tmp_path, api):
        hidden = clinic_articles(tmp_path, **{str(NECK): {"published": False}})

        output = import_shopify(*export_with(hidden), images=first_run)

        neck = ArticlePage.objects.get(shopify_id=NECK)
        assert not neck.live
        assert not Redirect.objects.filter(old_path="/blogs/news/neck-massage-benefits").exists()
        assert api.get("/api/v1/articles/neck-massage-benefits/").status_code == 404
        assert "taken offline: hidden on Shopify" in output
        # And a second run with it still hidden changes nothing.
        revisions = Revision.objects.count()
        assert "taken offline" not in import_shopify(*export_with(hidden), images=first_run)
        assert Revision.objects.count() == revisions

    def test_a_post_published_again_on_shopify_comes_back(self, first_run, tmp_path):
        import_shopify(*export_with(clinic_articles(tmp_path, **{str(NECK): {"published": False}})))

        import_shopify(*export_with(clinic_articles(tmp_path)), images=first_run)

        assert ArticlePage.objects.get(shopify_id=NECK).live
        assert Redirect.objects.filter(old_path="/blogs/news/neck-massage-benefits").exists()

    def test_a_post_deleted_on_shopify_goes_offline(self, first_run, tmp_path):
        output = import_shopify(*export_with(clinic_articles(tmp_path, drop={NECK})), images=first_run)

        assert not ArticlePage.objects.get(shopify_id=NECK).live
        assert not Redirect.objects.filter(redirect_page__slug="neck-massage-benefits").exists()
        assert "taken offline: deleted on Shopify" in output
        # Its comments stay, for the record.
        assert Comment.objects.filter(article__slug="neck-massage-benefits").count() == 5

    def test_a_post_an_editor_changed_here_is_reported_not_taken_offline(self, first_run, tmp_path):
        neck = ArticlePage.objects.get(shopify_id=NECK)
        neck.title = "Neck massage: our therapists' guide"
        neck.save_revision().publish()

        hidden = import_shopify(
            *export_with(clinic_articles(tmp_path, **{str(NECK): {"published": False}})), images=first_run
        )
        deleted = import_shopify(*export_with(clinic_articles(tmp_path, drop={NECK})), images=first_run)

        neck.refresh_from_db()
        assert neck.live and neck.title == "Neck massage: our therapists' guide"
        assert "It is hidden on Shopify, but stays as it is here." in hidden
        assert "no longer on Shopify, but changed by an editor here: left as it is" in deleted

    def test_only_the_blogs_imported_are_swept(self, first_run, tmp_path):
        import_shopify(*export_with(clinic_articles(tmp_path)), blog=["wellness-tips"], images=first_run)

        assert ArticlePage.objects.get(shopify_id=NECK).live


def test_a_rerun_without_the_images_keeps_the_images_the_first_run_brought(first_run):
    output = import_shopify(*CLINIC_EXPORT)

    neck = ArticlePage.objects.get(shopify_id=NECK)
    assert [child.block_type for child in neck.body].count("image") == 1
    assert neck.hero_image is not None
    assert ArticlePage.objects.get(slug="new-treatment-room").live
    assert not re.search(r"the image \S+ was left out", output)
