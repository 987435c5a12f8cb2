"""The JSON of each body block type, rich text links and image renditions, as the frontend reads them."""

import re

import pytest
import wagtail_factories
from django.test import override_settings
from wagtail.models import PageViewRestriction

from articles.blocks import ArticleBodyBlock
from tests.factories import ArticlePageFactory, ClinicLocationFactory, ImageFactory, TechniqueFactory

from .helpers import block, contraindications_block, image_block, paragraph, techniques_block

pytestmark = pytest.mark.django_db


def detail(api, slug):
    response = api.get(f"/api/v1/articles/{slug}/")
    assert response.status_code == 200, response.content
    return response.json()


def body_of(api, article):
    return detail(api, article.slug)["body"]


def value_of(api, article, block_type):
    return next(item["value"] for item in body_of(api, article) if item["type"] == block_type)


def test_the_body_lists_every_block_in_editor_order_with_type_id_and_value(api, full_article):
    body = body_of(api, full_article)

    assert [item["type"] for item in body] == list(ArticleBodyBlock.base_blocks)
    assert [item["id"] for item in body] == [child.id for child in full_article.body]
    assert all(set(item) == {"type", "id", "value"} for item in body)


def test_simple_blocks_keep_their_fields(api, full_article):
    values = {item["type"]: item["value"] for item in body_of(api, full_article)}

    assert values["heading"] == {"text": "Why it helps", "level": "h3"}
    assert values["paragraph"] == "<p>Knee pain can affect daily life.</p>"
    assert values["quote"] == {"text": "Massage helped me climb stairs again.", "attribution": "A client"}
    assert values["warning"] == {"urgency": "emergency", "heading": "See a doctor", "text": "If it swells."}


def test_section_blocks_keep_heading_intro_and_structured_items(api, full_article):
    body = body_of(api, full_article)
    values = {item["type"]: item["value"] for item in body}
    evidence_id = next(item["id"] for item in body if item["type"] == "evidence")

    assert values["causes"] == {
        "heading": "A heading",
        "intro": "",
        "items": [{"name": "Tight muscles", "description": "Overuse", "kind": "muscular"}],
    }
    assert values["benefits"]["items"] == [
        {
            "title": "Better circulation",
            "explanation": "Blood flows",
            "mechanism": "Pressure",
            "citations": [{"key": "perlman2006", "evidence_id": evidence_id}],
        }
    ]
    assert values["contraindications"]["items"] == [
        {"condition": "A suspected fracture", "severity": "avoid", "guidance": "See a doctor."}
    ]
    assert values["care_plan"]["items"] == [{"title": "Strengthening exercises", "description": "Daily"}]


def test_a_technique_item_carries_the_library_technique_and_the_articles_note(api, full_article):
    value = value_of(api, full_article, "techniques")

    assert value["items"] == [
        {
            "technique": {
                "slug": "swedish-massage",
                "name": "Swedish massage",
                "summary": "Relaxes the muscles",
            },
            "application": "Around the knee.",
        }
    ]


def test_a_technique_deleted_from_the_library_drops_out_of_the_block(api):
    kept, deleted = TechniqueFactory(name="Kept"), TechniqueFactory(name="Deleted")
    article = ArticlePageFactory(body=[techniques_block(kept, deleted), contraindications_block()])
    deleted.delete()

    items = value_of(api, article, "techniques")["items"]

    assert [item["technique"]["slug"] for item in items] == ["kept"]
    assert [technique["slug"] for technique in detail(api, article.slug)["techniques"]] == ["kept"]


def test_evidence_keeps_its_citation_fields(api, full_article):
    assert value_of(api, full_article, "evidence") == {
        "authors": "Perlman AI, Sabina A",
        "title": "Massage therapy for osteoarthritis of the knee",
        "journal": "Arch Intern Med",
        "year": 2006,
        "volume": "166(22)",
        "pages": "2533-2538",
        "doi": "10.1001/archinte.166.22.2533",
        "url": "",
        "finding": "Massage reduced pain and improved function.",
        "key": "perlman2006",
    }


def test_a_call_to_action_without_its_own_url_goes_to_the_clinics_booking_link(api, full_article):
    value = value_of(api, full_article, "call_to_action")

    assert value["label"] == "Book a massage"
    assert value["url"] == "https://example.com/book"
    assert value["location"] == {
        "name": "ABD Naturals",
        "street_address": "1 Perron Street",
        "city": "St. Albert",
        "region": "Alberta",
        "postal_code": "T8N 1E3",
        "country": "CA",
        "phone": "+1 780-555-0123",
        "booking_url": "https://example.com/book",
    }


def test_a_call_to_action_with_its_own_url_and_no_clinic(api):
    article = ArticlePageFactory(
        body=[
            block("call_to_action", {"label": "Book", "url": "https://shop.example.com/", "location": None})
        ]
    )

    assert value_of(api, article, "call_to_action") == {
        "label": "Book",
        "url": "https://shop.example.com/",
        "location": None,
    }


def test_faq_answers_are_frontend_html(api, full_article):
    assert value_of(api, full_article, "faq") == {
        "items": [{"question": "How often?", "answer": "<p>Ask your therapist.</p>"}]
    }


def test_an_image_block_has_its_alt_text_size_and_renditions_with_absolute_urls(api, full_article):
    value = value_of(api, full_article, "image")

    image = value["image"]
    assert value["caption"] == "Gentle pressure"
    assert image["alt"] == "A therapist working on a knee"
    assert (image["width"], image["height"]) == (100, 100)
    assert set(image["renditions"]) == {"thumbnail", "medium", "large"}
    for rendition in image["renditions"].values():
        assert rendition["url"].startswith("http://testserver/media/images/")
        assert rendition["width"] > 0 and rendition["height"] > 0
    thumbnail, medium = image["renditions"]["thumbnail"], image["renditions"]["medium"]
    assert thumbnail["width"] == 100 and thumbnail["height"] < 100  # fill-400x300: cropped to 4:3
    assert (medium["width"], medium["height"]) == (100, 100)  # max-800x800: never enlarged


@override_settings(ARTICLES_IMAGE_RENDITIONS={"square": "fill-50x50"})
def test_the_renditions_offered_are_configurable(api, full_article):
    image = value_of(api, full_article, "image")["image"]

    assert list(image["renditions"]) == ["square"]
    assert (image["renditions"]["square"]["width"], image["renditions"]["square"]["height"]) == (50, 50)


def test_a_deleted_image_is_null(api):
    image = ImageFactory()
    article = ArticlePageFactory(body=[image_block(image)])
    image.delete()

    assert value_of(api, article, "image") == {"image": None, "caption": "Gentle pressure"}


def test_the_hero_image_uses_the_images_own_alt_text(api):
    article = ArticlePageFactory(hero_image=ImageFactory(title="Knee", description="A knee being massaged"))

    hero = detail(api, article.slug)["hero_image"]

    assert hero["alt"] == "A knee being massaged"
    assert hero["renditions"]["large"]["url"].startswith("http://testserver/")


class TestRichTextLinks:
    """Links inside rich text point where a reader of the frontend can follow them."""

    def link_to(self, page):
        return f'<p>See <a linktype="page" id="{page.pk}">this article</a>.</p>'

    def rendered(self, api, html):
        article = ArticlePageFactory(body=[paragraph(html)])
        return value_of(api, article, "paragraph")

    def test_a_link_to_a_published_page_points_at_the_frontend(self, api):
        target = ArticlePageFactory(slug="knee-exercises")

        html = self.rendered(api, self.link_to(target))

        assert html == '<p>See <a href="http://localhost:3000/blog/knee-exercises/">this article</a>.</p>'

    @override_settings(FRONTEND_BASE_URL="https://shop.example.com")
    def test_the_frontend_base_url_is_a_setting(self, api):
        target = ArticlePageFactory(slug="knee-exercises")

        assert 'href="https://shop.example.com/blog/knee-exercises/"' in self.rendered(
            api, self.link_to(target)
        )

    @pytest.mark.parametrize("state", ["draft", "private"])
    def test_a_link_to_a_page_readers_cannot_see_keeps_its_text_but_not_its_address(self, api, state):
        target = ArticlePageFactory(slug="secret-plans", live=state != "draft")
        if state == "private":
            PageViewRestriction.objects.create(page=target, restriction_type="password", password="x")

        html = self.rendered(api, self.link_to(target))

        assert html == "<p>See <a>this article</a>.</p>"

    def test_a_link_to_a_document_is_an_absolute_url_on_this_server(self, api):
        document = wagtail_factories.DocumentFactory(title="Exercise sheet")

        html = self.rendered(api, f'<p><a linktype="document" id="{document.pk}">Exercises</a></p>')

        assert re.fullmatch(
            rf'<p><a href="http://testserver/documents/{document.pk}/[^"]+">Exercises</a></p>', html
        )

    def test_an_embedded_image_has_absolute_rendition_urls(self, api):
        image = ImageFactory()

        html = self.rendered(api, f'<embed embedtype="image" id="{image.pk}" format="left" alt="A knee"/>')

        assert html.startswith(
            '<img alt="A knee" class="richtext-image left" src="http://testserver/media/images/'
        )
        assert 'srcset="http://testserver/media/images/' in html
        assert "<embed" not in html

    def test_an_embedded_image_that_was_deleted_is_an_empty_img(self, api):
        image = ImageFactory()
        article = ArticlePageFactory(
            body=[paragraph(f'<embed embedtype="image" id="{image.pk}" format="left"/>')]
        )
        image.delete()

        assert value_of(api, article, "paragraph") == '<img alt="">'

    def test_external_and_email_links_are_kept(self, api):
        html = '<p><a href="https://example.com/">Out</a> <a href="mailto:a@example.com">Mail</a></p>'

        assert self.rendered(api, html) == html

    def test_no_database_link_markup_reaches_the_frontend(self, api, full_article):
        target = ArticlePageFactory()
        faq_answer = f'<p><a linktype="page" id="{target.pk}">More</a> <a linktype="mystery" id="1">?</a></p>'
        article = ArticlePageFactory(
            body=[
                paragraph(self.link_to(target)),
                block("faq", {"items": [{"question": "More?", "answer": faq_answer}]}),
            ]
        )

        response = api.get(f"/api/v1/articles/{article.slug}/")

        assert "linktype" not in response.content.decode()
        faq = value_of(api, article, "faq")
        assert faq["items"][0]["answer"].startswith('<p><a href="http://localhost:3000/blog/')


def test_blocks_represent_themselves_without_a_prepared_response(full_article, settings):
    """Outside this API (e.g. Wagtail's own API) the blocks still give frontend JSON."""
    settings.WAGTAILADMIN_BASE_URL = "https://cms.example.com"
    target = ArticlePageFactory(slug="knee-exercises")
    clinic = ClinicLocationFactory()
    article = ArticlePageFactory(
        body=[
            paragraph(f'<p><a linktype="page" id="{target.pk}">x</a></p>'),
            image_block(ImageFactory()),
            block("call_to_action", {"label": "Book", "url": "", "location": clinic.pk}),
        ]
    )

    representation = ArticleBodyBlock().get_api_representation(article.body, context={})
    embedded = ArticleBodyBlock().get_api_representation(
        ArticlePageFactory(
            body=[paragraph(f'<embed embedtype="image" id="{ImageFactory().pk}" format="left" alt=""/>')]
        ).body,
        context={},
    )

    assert representation[0]["value"] == '<p><a href="http://localhost:3000/blog/knee-exercises/">x</a></p>'
    assert representation[1]["value"]["image"]["renditions"]["medium"]["url"].startswith("http")
    assert representation[2]["value"]["url"] == "https://example.com/book"
    assert 'src="https://cms.example.com/media/images/' in embedded[0]["value"]


def test_a_table_gives_its_rows_and_a_video_its_player(api, full_article):
    assert value_of(api, full_article, "table") == {
        "caption": "",
        "first_row_is_header": True,
        "first_column_is_header": False,
        "rows": [["Technique", "Pressure"], ["Swedish", "Light"]],
    }
    assert value_of(api, full_article, "embed") == {
        "url": "https://vimeo.com/76979871",
        "provider": "Vimeo",
        "player_url": "https://player.vimeo.com/video/76979871",
    }
