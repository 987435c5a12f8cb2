"""The admin as an editor meets it: explorer, article editor, article library, block previews."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from articles.models import ArticlePage
from tests.factories import (
    ArticlePageFactory,
    ClinicLocationFactory,
    ImageFactory,
    TechniqueFactory,
    blog_index,
    safe_body,
)

LIBRARY = ["technique", "condition", "author", "cliniclocation"]
BODY_BLOCKS = ArticlePage._meta.get_field("body").stream_block.child_blocks

pytestmark = pytest.mark.django_db


def every_block_type(clinic, image):
    """A body with one block of each type, filled in as an editor would."""
    return safe_body(TechniqueFactory(name="Swedish massage")) + [
        {"type": "heading", "value": {"text": "Sub-section", "level": "h3"}},
        {
            "type": "image",
            "value": {"image": image.pk, "alt": "A therapist working on a knee", "caption": ""},
        },
        {
            "type": "quote",
            "value": {"text": "Massage helped me climb stairs again.", "attribution": "A client"},
        },
        {
            "type": "benefits",
            "value": {
                "heading": "How it helps",
                "intro": "",
                "items": [
                    {"title": "Circulation", "explanation": "More blood flow.", "mechanism": "Warmth."}
                ],
            },
        },
        {
            "type": "evidence",
            "value": {
                "authors": "Perlman AI",
                "title": "Massage therapy for osteoarthritis of the knee",
                "journal": "Arch Intern Med",
                "year": 2006,
                "doi": "10.1001/archinte.166.22.2533",
                "url": "",
                "finding": "Massage reduced pain.",
            },
        },
        {"type": "warning", "value": {"urgency": "emergency", "heading": "", "text": "Sudden swelling."}},
        {
            "type": "care_plan",
            "value": {"heading": "Plan", "intro": "", "items": [{"title": "Strengthening exercises"}]},
        },
        {"type": "faq", "value": {"items": [{"question": "How often?", "answer": "<p>Weekly.</p>"}]}},
        {"type": "call_to_action", "value": {"label": "Book a massage", "url": "", "location": clinic.pk}},
        {
            "type": "table",
            "value": {
                "data": [["Technique", "Pressure"], ["Swedish", "Light"]],
                "table_header_choice": "row",
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "Pressure by technique",
            },
        },
        {"type": "embed", "value": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"},
    ]


class TestEditorPages:
    def test_the_page_explorer_lists_the_articles(self, editor_client):
        article = ArticlePageFactory(title="Massage for knee pain")

        response = editor_client.get(reverse("wagtailadmin_explore", args=[blog_index().pk]))

        assert response.status_code == 200
        assert article.title in response.content.decode()

    def test_the_add_article_form_opens(self, editor_client):
        response = editor_client.get(
            reverse("wagtailadmin_pages:add", args=["articles", "articlepage", blog_index().pk])
        )

        assert response.status_code == 200

    def test_the_edit_article_form_opens_with_the_article(self, editor_client):
        article = ArticlePageFactory(title="Massage for knee pain")

        response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))

        assert response.status_code == 200
        assert "Massage for knee pain" in response.content.decode()

    @pytest.mark.parametrize("model", LIBRARY)
    def test_each_library_listing_and_add_form_opens(self, editor_client, model):
        for view in ["list", "add"]:
            response = editor_client.get(reverse(f"wagtailsnippets_articles_{model}:{view}"))

            assert response.status_code == 200, view

    def test_an_editor_can_add_a_technique_to_the_library(self, editor_client):
        response = editor_client.post(
            reverse("wagtailsnippets_articles_technique:add"),
            {"name": "Swedish massage", "slug": "swedish-massage", "summary": "Relaxes", "pressure": "light"},
        )

        assert response.status_code == 302
        listing = editor_client.get(reverse("wagtailsnippets_articles_technique:list"))
        assert "Swedish massage" in listing.content.decode()

    def test_a_user_outside_the_editor_groups_is_kept_out(self, client, django_user_model):
        client.force_login(django_user_model.objects.create_user("reader", password="x"))

        response = client.get(reverse("wagtailsnippets_articles_technique:list"))

        assert response.status_code == 302
        assert reverse("wagtailadmin_login") in response["Location"]


class TestBlockTemplates:
    """What the block templates render: the previews, and the page behind Wagtail's own preview."""

    def test_every_block_type_renders_with_its_template(self):
        clinic = ClinicLocationFactory(booking_url="https://example.com/book", phone="+1 780-555-0123")
        article = ArticlePageFactory(body=every_block_type(clinic, ImageFactory()))

        html = article.body.render_as_block()

        assert {block.block_type for block in article.body} == set(BODY_BLOCKS)
        for text in [
            '<h3 class="article-block article-heading">Sub-section</h3>',
            "Knee pain can affect daily life.",
            'alt="A therapist working on a knee"',
            "Massage helped me climb stairs again.",
            "Muscular",
            "Why it works:",
            "Swedish massage:",
            "Avoid massage",
            '<a href="https://doi.org/10.1001/archinte.166.22.2533"',
            "Emergency: seek care now",
            "Strengthening exercises",
            "<summary>How often?</summary>",
            'href="https://example.com/book">Book a massage</a>',
            "+1 780-555-0123",
            "<th",
            "Pressure by technique",
            'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"',
        ]:
            assert text in html

    def test_the_page_template_shows_the_article(self):
        article = ArticlePageFactory(title="Massage for knee pain", seo_title="Knee massage in St. Albert")

        html = render_to_string("articles/article_page.html", {"page": article})

        assert "<title>Knee massage in St. Albert</title>" in html
        assert "<h1>Massage for knee pain</h1>" in html
        assert article.summary in html
        assert "When massage may not be appropriate" in html


class TestBlockPreviews:
    """The previews editors see in the block picker, one per body block type."""

    @pytest.mark.parametrize("name", list(BODY_BLOCKS))
    def test_every_block_type_has_a_preview_that_renders(self, editor_client, name):
        block = BODY_BLOCKS[name]

        response = editor_client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})

        assert block.is_previewable
        assert response.status_code == 200
        html = response.content.decode()
        assert f'class="w-block-{name} block-{name}"' in html
        assert "article-block" in html
        assert "articles/css/articles.css" in html

    def test_the_techniques_preview_shows_the_library(self, editor_client):
        TechniqueFactory(name="Myofascial release")

        response = editor_client.get(
            reverse("wagtailadmin_block_preview"), {"id": BODY_BLOCKS["techniques"].definition_prefix}
        )

        assert "Myofascial release" in response.content.decode()

    def test_the_techniques_preview_has_an_example_while_the_library_is_empty(self, editor_client):
        response = editor_client.get(
            reverse("wagtailadmin_block_preview"), {"id": BODY_BLOCKS["techniques"].definition_prefix}
        )

        assert "Swedish massage" in response.content.decode()

    def test_the_image_preview_shows_a_library_image(self, editor_client):
        ImageFactory(title="Knee massage")

        response = editor_client.get(
            reverse("wagtailadmin_block_preview"), {"id": BODY_BLOCKS["image"].definition_prefix}
        )

        html = response.content.decode()
        assert "<img" in html and 'alt="Knee massage"' in html

    def test_the_image_preview_has_a_placeholder_while_the_library_is_empty(self, editor_client):
        response = editor_client.get(
            reverse("wagtailadmin_block_preview"), {"id": BODY_BLOCKS["image"].definition_prefix}
        )

        assert "Choose an image from the library" in response.content.decode()
