"""Attribution: publishing without an author or a medical reviewer warns, or is refused when required."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles.models import ArticlePage
from tests.articles.admin_forms import article_form_data, paragraph
from tests.factories import ArticlePageFactory, AuthorFactory

NO_AUTHOR = "The article has no author"
NO_REVIEWER = "No medical reviewer has signed the article off."


@pytest.fixture
def draft(db):
    return ArticlePageFactory(live=False)


def post(client, article, action, **fields):
    data = article_form_data(
        body=[paragraph("<p>Knee pain is common.</p>")], action=action, slug=article.slug, **fields
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data, follow=True)


def shown_messages(response):
    return [str(message) for message in response.context["messages"]]


@pytest.mark.usefixtures("direct_publishing")
def test_publishing_without_author_or_reviewer_goes_ahead_with_warnings(moderator_client, draft):
    response = post(moderator_client, draft, "publish")

    assert ArticlePage.objects.get(pk=draft.pk).live
    warnings = shown_messages(response)
    assert any(NO_AUTHOR in message for message in warnings)
    assert any(NO_REVIEWER in message for message in warnings)


@pytest.mark.usefixtures("direct_publishing")
def test_publishing_with_both_warns_of_nothing(moderator_client, draft):
    author, reviewer = AuthorFactory(), AuthorFactory()

    response = post(moderator_client, draft, "publish", author=author.pk, medical_reviewer=reviewer.pk)

    assert ArticlePage.objects.get(pk=draft.pk).live
    assert not [
        message for message in shown_messages(response) if NO_AUTHOR in message or NO_REVIEWER in message
    ]


def test_the_editors_checks_say_whom_the_article_does_not_name(moderator_client, draft):
    html = moderator_client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()

    assert "Clinical checks" in html
    assert NO_AUTHOR in html and NO_REVIEWER in html


class TestRequired:
    @pytest.fixture(autouse=True)
    def required(self, settings):
        settings.ARTICLES_ATTRIBUTION_REQUIRED = True

    @pytest.mark.usefixtures("direct_publishing")
    def test_publishing_without_them_is_refused_on_their_fields(self, moderator_client, draft):
        response = post(moderator_client, draft, "publish")

        errors = response.context["form"].errors
        assert NO_AUTHOR in errors["author"][0]
        assert errors["medical_reviewer"] == [NO_REVIEWER]
        assert not ArticlePage.objects.get(pk=draft.pk).live

    def test_submitting_for_medical_review_needs_an_author_only(self, editor_client, draft):
        refused = post(editor_client, draft, "submit")
        assert "author" in refused.context["form"].errors

        post(editor_client, draft, "submit", author=AuthorFactory().pk)

        assert ArticlePage.objects.get(pk=draft.pk).current_workflow_state.status == "in_progress"

    def test_publishing_in_code_is_refused_too(self, draft):
        with pytest.raises(ValidationError) as error:
            draft.save_revision().publish()

        assert set(error.value.message_dict) == {"author", "medical_reviewer"}
        assert not ArticlePage.objects.get(pk=draft.pk).live
