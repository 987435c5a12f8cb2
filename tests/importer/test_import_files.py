"""`import_shopify FILE...`: a realistic export becomes structured articles, comments and redirects."""

import json
import re
from datetime import UTC, date, datetime
from html import unescape

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import CommandError
from django.test import override_settings
from django.utils.html import strip_tags
from wagtail.contrib.redirects.models import Redirect

from articles.models import ArticlePage
from articles.snippets import Author, Technique
from moderation.models import AuditEntry, Comment
from tests.factories import TechniqueFactory
from tests.moderation.factories import ModeratorFactory
from tests.moderation.receiver import SECRET, Receiver

from .conftest import DATA, EXPORT, import_shopify

pytestmark = pytest.mark.django_db
SENTENCE_END = re.compile(r"(?<=[.!?:])\s+")


def records(name):
    return json.loads((DATA / f"{name}.json").read_text())[name]


def normalise(text):
    return " ".join(unescape(text).split())


def input_sentences(html):
    """
    Every sentence of an article's HTML: of each paragraph, list item and heading. A list item's
    "Name: what it says" is two, whose colon a structured block shows as layout.
    """
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(["p", "li", "h2", "h3"]):
        for sentence in SENTENCE_END.split(normalise(element.get_text())):
            if sentence:
                yield sentence.removesuffix(":")


def rendered_text(page):
    """What a reader sees of the page: title, summary and the body as its templates render it."""
    return normalise(" ".join([page.title, page.summary, strip_tags(page.body.render_as_block())]))


def block_types(page):
    return [child.block_type for child in page.body]


def blocks(page, block_type):
    return [child.value for child in page.body if child.block_type == block_type]


@pytest.fixture
def imported(blog, images_dir):
    import_shopify(*EXPORT, images=images_dir)
    return {page.slug: page for page in ArticlePage.objects.all()}


class TestArticles:
    @pytest.mark.parametrize("record", records("articles")[:3], ids=lambda record: record["handle"])
    def test_every_sentence_of_the_input_is_in_the_page(self, imported, record):
        text = rendered_text(imported[record["handle"]].get_latest_revision_as_object())

        sentences = list(input_sentences(record["body_html"]))

        assert len(sentences) >= 2
        for sentence in sentences:
            assert sentence in text

    def test_the_knee_pain_post_is_cut_into_the_blocks_its_sections_are(self, imported):
        page = imported["massage-for-knee-pain"]

        assert block_types(page) == [
            "paragraph",
            "causes",
            "paragraph",
            "benefits",
            "heading",
            "paragraph",
            "paragraph",
            "techniques",
            "paragraph",
            "contraindications",
            "warning",
            "care_plan",
            "paragraph",
        ]
        (causes,) = blocks(page, "causes")
        assert causes["intro"] == "Knee pain may develop due to:"
        assert [item["kind"] for item in causes["items"]] == [
            "muscular",
            "injury",
            "degenerative",
            "biomechanical",
            "biomechanical",
        ]
        (benefits,) = blocks(page, "benefits")
        assert benefits["items"][1]["title"] == "Improves Blood Circulation"
        assert benefits["items"][1]["explanation"] == (
            "Massage increases circulation to the muscles and connective tissues around the knee."
        )
        (contraindications,) = blocks(page, "contraindications")
        assert [item["severity"] for item in contraindications["items"]] == [
            "avoid",
            "avoid",
            "modify",
            "clearance",
        ]
        (warning,) = blocks(page, "warning")
        assert warning["urgency"] == "urgent"
        assert [step["title"] for step in blocks(page, "care_plan")[0]["items"]] == [
            "Strengthening and stretching exercises",
            "Proper footwear and movement patterns",
            "Physiotherapy or medical care when needed",
        ]

    def test_techniques_come_from_the_library_and_missing_ones_join_it(self, blog):
        swedish = TechniqueFactory(name="Swedish massage", summary="Promotes relaxation and circulation")

        import_shopify(*EXPORT)

        knee = ArticlePage.objects.get(slug="massage-for-knee-pain")
        items = blocks(knee, "techniques")[0]["items"]
        assert [item["technique"].name for item in items] == [
            "Swedish massage",
            "Deep tissue massage",
            "Myofascial release",
            "Trigger point therapy",
        ]
        assert items[0]["technique"] == swedish and items[0]["application"] == ""
        assert (
            Technique.objects.get(name="Myofascial release").summary
            == "Addresses connective tissue restrictions"
        )
        back = ArticlePage.objects.get(slug="massage-for-lower-back-pain")
        back_items = blocks(back, "techniques")[0]["items"]
        # The library's summary stays; the article's own line about the technique is kept with it.
        assert back_items[0]["technique"] == swedish
        assert back_items[0]["application"] == "Gentle, flowing strokes that ease guarding"
        assert Technique.objects.filter(name="Swedish massage").count() == 1
        assert (
            Technique.objects.get(name="Cupping therapy").summary
            == "Suction cups lift tissue to release tension"
        )

    def test_every_block_kind_the_rules_know(self, imported):
        back = imported["massage-for-lower-back-pain"]

        assert block_types(back) == [
            "paragraph",
            "causes",
            "benefits",
            "techniques",
            "contraindications",
            "warning",
            "care_plan",
            "heading",
            "heading",
            "paragraph",
            "paragraph",
            "quote",
        ]
        causes = blocks(back, "causes")[0]["items"]
        assert (causes[0]["name"], causes[0]["description"], causes[0]["kind"]) == (
            "Muscle strain",
            "lifting, twisting or a sudden movement overloads the muscles",
            "injury",
        )
        assert causes[-1]["kind"] == "other"
        # Unclear wording gets the safest severity.
        severities = [item["severity"] for item in blocks(back, "contraindications")[0]["items"]]
        assert severities == ["clearance", "modify", "avoid"]
        (warning,) = blocks(back, "warning")
        assert (warning["heading"], warning["urgency"]) == ("When to See a Doctor", "emergency")
        assert [value["level"] for value in blocks(back, "heading")] == ["h2", "h3"]
        # Links and emphasis survive, in Wagtail's stored form.
        assert 'Read <a href="https://abdnaturals.example/pages/booking">how to book a session</a>' in (
            blocks(back, "paragraph")[1].source
        )
        assert "<b>Most episodes settle within a few weeks</b>" in blocks(back, "paragraph")[0].source

    def test_the_imported_bodies_are_valid_as_the_admin_checks_them(self, imported, admin_client):
        for page in imported.values():
            stream_block = ArticlePage.body.field.stream_block
            stream_block.clean(page.get_latest_revision_as_object().body)
            assert admin_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200

    def test_handle_dates_tags_summary_author_and_image(self, imported):
        knee = imported["massage-for-knee-pain"]

        assert knee.live and knee.shopify_id == 558169081
        assert knee.published_date == date(2024, 3, 5)
        assert knee.first_published_at == datetime(2024, 3, 5, 17, 0, tzinfo=UTC)
        # The blog is part of the taxonomy too, by its title.
        assert sorted(knee.tags.names()) == ["News", "knee pain", "massage"]
        assert knee.summary.startswith(
            "Knee pain can affect daily life"
        )  # no summary_html: the first paragraph
        assert knee.author.name == "ABD Naturals"
        assert (knee.hero_image.description, knee.hero_image.width) == (
            "A therapist massaging a client's knee",
            4,
        )
        back = imported["massage-for-lower-back-pain"]
        assert back.summary == "How massage eases lower back pain, and when to see a doctor instead."
        assert Author.objects.filter(name="Dana Whitfield").count() == 1

    def test_an_unpublished_article_arrives_as_a_draft(self, imported):
        draft = imported["desk-neck-tension"]

        assert not draft.live
        assert draft.latest_revision is not None
        assert draft.published_date is None

    def test_an_image_is_skipped_with_a_warning_without_its_file(self, blog):
        output = import_shopify(*EXPORT)

        assert ArticlePage.objects.get(slug="massage-for-knee-pain").hero_image is None
        assert "the image knee-massage.png was left out: give --images DIR (or --shop)" in output

    def test_every_blog_is_imported_unless_some_are_asked_for(self, blog):
        import_shopify(*EXPORT, blog=["news"])
        assert not ArticlePage.objects.filter(slug="spring-sale").exists()

        import_shopify(*EXPORT)
        sale = ArticlePage.objects.get(slug="spring-sale")
        assert sorted(sale.tags.names()) == ["Offers", "sale"]
        assert Redirect.objects.get(old_path="/blogs/offers/spring-sale").redirect_page_id == sale.pk

    def test_an_unknown_blog_is_refused_before_anything_is_written(self, blog):
        with pytest.raises(CommandError, match="No blog has the handle 'recipes'"):
            import_shopify(*EXPORT, blog=["recipes"])
        assert not ArticlePage.objects.exists()

    def test_without_a_blogs_file_every_article_given_is_the_blogs(self, blog):
        import_shopify(DATA / "articles.json", blog=["journal"])

        assert ArticlePage.objects.count() == 4
        assert Redirect.objects.filter(old_path__startswith="/blogs/journal/").count() == 4


class TestRedirects:
    def test_the_old_shop_address_leads_to_the_imported_article(self, imported, api, settings):
        page_path = imported["massage-for-knee-pain"].get_url_parts()[2]

        response = api.get("/api/v1/redirects/", {"path": "/blogs/news/massage-for-knee-pain"})

        assert response.status_code == 200
        assert response.json() == {
            "old_path": "/blogs/news/massage-for-knee-pain",
            "redirect_to": f"{settings.FRONTEND_BASE_URL}{page_path}",
            "is_permanent": True,
        }

    def test_a_draft_answers_once_published(self, imported, api):
        path = {"path": "/blogs/news/desk-neck-tension"}
        assert api.get("/api/v1/redirects/", path).status_code == 404

        imported["desk-neck-tension"].get_latest_revision().publish()

        assert api.get("/api/v1/redirects/", path).status_code == 200


class TestComments:
    def test_comments_keep_their_status_author_and_history(self, imported):
        comments = {comment.shopify_id: comment for comment in Comment.objects.all()}

        assert {shopify_id: comment.status for shopify_id, comment in comments.items()} == {
            653537639: "approved",
            653537640: "pending",
            653537641: "spam",
            653537642: "removed",
            653537650: "approved",
        }
        first = comments[653537639]
        assert (first.author_name, first.author_email, first.ip_address) == (
            "Maria Lopez",
            "maria@example.com",
            "203.0.113.7",
        )
        assert first.user_agent.startswith("Mozilla/5.0 (iPhone")
        assert first.created_at == datetime(2024, 3, 6, 18, 0, tzinfo=UTC)
        assert first.article == imported["massage-for-knee-pain"]
        assert first.body_html == "<p>This helped me understand my knee pain. Thank you!</p>"
        for comment in comments.values():
            (entry,) = comment.audit_entries.all()
            assert (entry.action, entry.source, entry.from_status, entry.to_status) == (
                "import",
                AuditEntry.Source.IMPORT,
                "",
                comment.status,
            )

    def test_no_email_or_webhook_is_sent_for_imported_comments(self, blog):
        ModeratorFactory(email="mia@shop.example")
        receiver = Receiver()
        with override_settings(COMMENT_WEBHOOK_URL=receiver.url, COMMENT_WEBHOOK_SECRET=SECRET):
            import_shopify(*EXPORT)
        receiver.server_close()

        assert Comment.objects.count() == 5
        assert mail.outbox == []
        assert receiver.received == []

    def test_approved_imported_comments_are_listed_to_readers(self, imported, api):
        response = api.get("/api/v1/articles/massage-for-knee-pain/comments/")

        assert [comment["author_name"] for comment in response.json()["results"]] == ["Maria Lopez"]
