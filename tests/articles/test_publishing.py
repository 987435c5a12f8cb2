"""The publishing safety rule and the medical review dates, as an editor meets them in the admin."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles.models import ArticlePage
from tests.articles.admin_forms import article_form_data, contraindications, paragraph, techniques
from tests.factories import ArticlePageFactory, TechniqueFactory, blog_index

SAFETY_MESSAGE = "add a contraindications block before publishing"


def techniques_only_body(technique):
    return [
        {
            "type": "techniques",
            "value": {
                "heading": "Techniques",
                "intro": "",
                "items": [{"technique": technique.pk, "application": ""}],
            },
        }
    ]


@pytest.fixture
def technique(db):
    return TechniqueFactory(name="Swedish massage")


@pytest.fixture
def draft(technique):
    return ArticlePageFactory(live=False, body=techniques_only_body(technique))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_url():
    return reverse("wagtailadmin_pages:add", args=["articles", "articlepage", blog_index().pk])


def post_article(client, url, body, action=None, **fields):
    return client.post(url, article_form_data(body=body, action=action, **fields))


class TestPublishSafetyRule:
    @pytest.mark.usefixtures("direct_publishing")
    def test_publishing_techniques_without_contraindications_shows_an_error_on_the_body(
        self, moderator_client, draft, technique
    ):
        response = post_article(
            moderator_client, edit_url(draft), [techniques(technique.pk)], action="publish", slug=draft.slug
        )

        assert response.status_code == 200
        assert SAFETY_MESSAGE in str(response.context["form"].errors["body"])
        assert SAFETY_MESSAGE in response.content.decode()
        draft.refresh_from_db()
        assert not draft.live

    def test_a_draft_without_contraindications_can_still_be_saved(self, moderator_client, draft, technique):
        response = post_article(
            moderator_client,
            edit_url(draft),
            [paragraph("<p>Work in progress.</p>"), techniques(technique.pk)],
            slug=draft.slug,
        )

        assert response.status_code == 302
        draft.refresh_from_db()
        assert not draft.live
        saved = draft.get_latest_revision_as_object()
        assert [block.block_type for block in saved.body] == ["paragraph", "techniques"]

    @pytest.mark.usefixtures("direct_publishing")
    def test_a_new_article_is_not_created_live_without_contraindications(self, moderator_client, technique):
        response = post_article(moderator_client, add_url(), [techniques(technique.pk)], action="publish")

        assert response.status_code == 200
        assert SAFETY_MESSAGE in str(response.context["form"].errors["body"])
        assert not ArticlePage.objects.exists()

    @pytest.mark.usefixtures("direct_publishing")
    def test_an_article_with_techniques_and_contraindications_publishes(
        self, moderator_client, draft, technique
    ):
        response = post_article(
            moderator_client,
            edit_url(draft),
            [techniques(technique.pk), contraindications()],
            action="publish",
            slug=draft.slug,
        )

        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.live
        assert [block.block_type for block in draft.body] == ["techniques", "contraindications"]

    @pytest.mark.usefixtures("direct_publishing")
    def test_an_article_without_techniques_publishes_without_contraindications(self, moderator_client):
        response = post_article(
            moderator_client, add_url(), [paragraph("<p>Knee pain is common.</p>")], action="publish"
        )

        assert response.status_code == 302
        assert ArticlePage.objects.get(slug="massage-for-knee-pain").live

    def test_submitting_for_moderation_without_contraindications_is_refused(
        self, editor_client, draft, technique
    ):
        response = post_article(
            editor_client, edit_url(draft), [techniques(technique.pk)], action="submit", slug=draft.slug
        )

        assert response.status_code == 200
        assert SAFETY_MESSAGE in str(response.context["form"].errors["body"])
        draft.refresh_from_db()
        assert draft.current_workflow_state is None

    def test_a_safe_article_goes_through_moderation_and_a_medical_reviewer_approves_it(
        self, client, editor, medical_reviewer, draft, technique
    ):
        client.force_login(editor)
        response = post_article(
            client,
            edit_url(draft),
            [techniques(technique.pk), contraindications()],
            action="submit",
            slug=draft.slug,
        )
        assert response.status_code == 302
        draft.refresh_from_db()
        task_state = draft.current_workflow_state.current_task_state

        client.force_login(medical_reviewer)
        response = client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", task_state.pk]),
            {"comment": ""},
        )

        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.live

    def test_publishing_a_revision_in_code_is_refused_too(self, draft):
        revision = draft.save_revision()

        with pytest.raises(ValidationError) as error:
            revision.publish()

        assert SAFETY_MESSAGE in str(error.value.message_dict["body"])
        draft.refresh_from_db()
        assert not draft.live

    @pytest.mark.usefixtures("direct_publishing")
    def test_removing_the_contraindications_from_a_live_article_keeps_the_live_version(
        self, moderator_client, technique
    ):
        article = ArticlePageFactory(body=techniques_only_body(technique))
        article.body.append(
            ("contraindications", {"heading": "Avoid", "intro": "", "items": [{"condition": "Fracture"}]})
        )
        article.save_revision().publish()

        response = post_article(
            moderator_client,
            edit_url(article),
            [techniques(technique.pk)],
            action="publish",
            slug=article.slug,
        )

        assert response.status_code == 200
        article.refresh_from_db()
        assert [block.block_type for block in article.body] == ["techniques", "contraindications"]


class TestReviewDates:
    def test_next_review_defaults_to_a_year_after_the_last_review(self, moderator_client, draft):
        response = post_article(
            moderator_client,
            edit_url(draft),
            [paragraph("<p>Reviewed.</p>")],
            slug=draft.slug,
            last_reviewed="2025-03-01",
        )

        assert response.status_code == 302
        draft.refresh_from_db()
        saved = draft.get_latest_revision_as_object()
        assert saved.last_reviewed == date(2025, 3, 1)
        assert saved.next_review_due == date(2026, 3, 1)

    def test_the_review_interval_is_an_app_setting(self, settings, draft):
        settings.ARTICLES_REVIEW_INTERVAL_DAYS = 90
        draft.last_reviewed = date(2025, 3, 1)

        draft.full_clean()

        assert draft.next_review_due == date(2025, 5, 30)

    def test_a_next_review_the_editor_chose_is_kept(self, draft):
        draft.last_reviewed = date(2025, 3, 1)
        draft.next_review_due = date(2025, 9, 1)

        draft.full_clean()

        assert draft.next_review_due == date(2025, 9, 1)

    def test_the_next_review_must_fall_after_the_last_one(self, moderator_client, draft):
        response = post_article(
            moderator_client,
            edit_url(draft),
            [paragraph("<p>Reviewed.</p>")],
            slug=draft.slug,
            last_reviewed="2025-03-01",
            next_review_due="2025-03-01",
        )

        assert response.status_code == 200
        assert "must fall after the last one" in str(response.context["form"].errors["next_review_due"])
        assert draft.get_latest_revision_as_object().next_review_due is None

    def test_without_a_review_there_is_no_next_review(self, draft):
        draft.full_clean()

        assert draft.next_review_due is None
