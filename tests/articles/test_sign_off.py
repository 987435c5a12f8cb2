"""The two-person medical sign-off, as editors and reviewers meet it in the admin."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.checks import run_checks
from django.urls import reverse
from django.utils import timezone

from articles.governance.signoff import MedicalReviewTask
from articles.models import ArticlePage
from tests.articles.admin_forms import article_form_data, contraindications, techniques
from tests.articles.conftest import user_in_group
from tests.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    AuthorCredentialFactory,
    AuthorFactory,
    TechniqueFactory,
    UserFactory,
)


@pytest.fixture
def technique(db):
    return TechniqueFactory(name="Swedish massage")


@pytest.fixture
def draft(technique):
    return ArticlePageFactory(live=False)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def submit(client, user, article, technique, action="submit", **extra):
    """The editor's Submit (or another button of the editor) with a safe body."""
    client.force_login(user)
    data = article_form_data(
        body=[techniques(technique.pk), contraindications()], action=action, slug=article.slug
    )
    data.update(extra)
    return client.post(edit_url(article), data)


def approve_from_dashboard(client, user, article):
    """Approve as the workflow's Approve button does from the dashboard or the page listing."""
    client.force_login(user)
    task_state = ArticlePage.objects.get(pk=article.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[article.pk, "approve", task_state.pk])
    return client.post(url, {"comment": ""})


def approve_from_editor(client, user, article, technique):
    """Approve from the page editor: Wagtail saves the reviewer's view as a new revision first."""
    return submit(
        client,
        user,
        article,
        technique,
        action="workflow-action",
        **{"workflow-action-name": "approve", "title": "Massage for knee pain, checked"},
    )


def refused(response):
    """Wagtail's admin answers a refused action by sending the user home with an error."""
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def local_days_around(action):
    """The local dates before and after `action` ran: an assertion holds even across midnight."""
    before = timezone.localdate()
    result = action()
    return result, {before, timezone.localdate()}


class TestTheShippedWorkflow:
    def test_articles_get_the_medical_sign_off_workflow_with_its_reviewers_group(self, draft):
        workflow = draft.get_workflow()

        assert workflow.name == "Medical sign-off"
        [task] = [task.specific for task in workflow.tasks]
        assert isinstance(task, MedicalReviewTask)
        assert task.name == "Medical review"
        assert [group.name for group in task.groups.all()] == ["Medical reviewers"]
        assert (
            Group.objects.get(name="Medical reviewers").permissions.filter(codename="access_admin").exists()
        )

    def test_a_blog_created_later_gets_it_too(self, db):
        index = ArticleIndexPageFactory(slug="second-blog", title="Second blog")
        article = ArticlePageFactory(parent=index)

        assert article.get_workflow().name == "Medical sign-off"

    def test_turned_off_the_articles_follow_wagtails_own_workflow(self, settings, draft):
        settings.ARTICLES_MEDICAL_SIGN_OFF = False

        article = ArticlePage.objects.get(pk=draft.pk)
        assert article.get_workflow() is None
        assert not article.has_workflow


class TestSignOff:
    def test_a_reviewer_approves_what_an_editor_submitted_and_the_sign_off_is_recorded(
        self, client, editor, medical_reviewer, draft, technique
    ):
        assert submit(client, editor, draft, technique).status_code == 302

        response, days = local_days_around(lambda: approve_from_dashboard(client, medical_reviewer, draft))

        assert response.status_code == 302
        article = ArticlePage.objects.get(pk=draft.pk)
        assert article.live
        assert article.medical_reviewer.user == medical_reviewer
        assert article.medical_reviewer.name == "reviewer"
        assert article.last_reviewed in days
        assert article.next_review_due == article.last_reviewed + timedelta(days=365)

    def test_the_reviewers_own_author_profile_is_used(
        self, client, editor, medical_reviewer, draft, technique
    ):
        profile = AuthorFactory(name="Dr Jane Smith", user=medical_reviewer)
        AuthorCredentialFactory(author=profile, abbreviation="MD")
        submit(client, editor, draft, technique)

        approve_from_dashboard(client, medical_reviewer, draft)

        assert ArticlePage.objects.get(pk=draft.pk).medical_reviewer == profile

    def test_the_review_interval_is_configurable(
        self, settings, client, editor, medical_reviewer, draft, technique
    ):
        settings.ARTICLES_REVIEW_INTERVAL_DAYS = 730
        submit(client, editor, draft, technique)

        approve_from_dashboard(client, medical_reviewer, draft)

        article = ArticlePage.objects.get(pk=draft.pk)
        assert article.next_review_due == article.last_reviewed + timedelta(days=730)

    def test_the_submitter_cannot_approve_even_as_a_medical_reviewer(self, client, draft, technique):
        both = user_in_group("Editors", "writer-reviewer")
        both.groups.add(Group.objects.get(name="Medical reviewers"))
        submit(client, both, draft, technique)

        assert refused(approve_from_dashboard(client, both, draft))

        article = ArticlePage.objects.get(pk=draft.pk)
        assert not article.live
        assert article.medical_reviewer is None
        assert article.current_workflow_task.get_actions(article, both) == []

    def test_only_medical_reviewers_can_approve(self, client, editor, moderator, draft, technique):
        admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
        submit(client, editor, draft, technique)

        for user in (moderator, admin):
            assert refused(approve_from_dashboard(client, user, draft))

        assert not ArticlePage.objects.get(pk=draft.pk).live

    def test_a_reviewer_approves_from_the_page_editor(
        self, client, editor, medical_reviewer, draft, technique
    ):
        submit(client, editor, draft, technique)

        response = approve_from_editor(client, medical_reviewer, draft, technique)

        assert response.status_code == 302
        article = ArticlePage.objects.get(pk=draft.pk)
        assert article.live
        assert article.title == "Massage for knee pain, checked"
        assert article.medical_reviewer.user == medical_reviewer

    def test_the_submitter_approving_from_the_page_editor_only_saves_a_draft(self, client, draft, technique):
        both = user_in_group("Editors", "writer-reviewer")
        both.groups.add(Group.objects.get(name="Medical reviewers"))
        submit(client, both, draft, technique)

        approve_from_editor(client, both, draft, technique)

        article = ArticlePage.objects.get(pk=draft.pk)
        assert not article.live
        assert article.current_workflow_state.status == "in_progress"

    def test_a_resubmission_after_changes_is_not_approved_by_who_resubmitted(
        self, client, editor, medical_reviewer, draft, technique
    ):
        second_reviewer = user_in_group("Medical reviewers", "second-reviewer")
        submit(client, editor, draft, technique)
        client.force_login(medical_reviewer)
        task_state = ArticlePage.objects.get(pk=draft.pk).current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "reject", task_state.pk])
        client.post(url, {"comment": "Cite the study."})
        # The reviewer makes the changes and resubmits: another reviewer must sign it off.
        medical_reviewer.groups.add(Group.objects.get(name="Editors"))
        submit(client, medical_reviewer, draft, technique)

        assert refused(approve_from_dashboard(client, medical_reviewer, draft))
        assert not refused(approve_from_dashboard(client, second_reviewer, draft))
        assert ArticlePage.objects.get(pk=draft.pk).medical_reviewer.user == second_reviewer

    def test_the_reviewers_queue_leaves_out_what_they_submitted(self, client, editor, draft, technique):
        both = user_in_group("Editors", "writer-reviewer")
        both.groups.add(Group.objects.get(name="Medical reviewers"))
        other = ArticlePageFactory(live=False, slug="other")
        submit(client, editor, draft, technique)
        submit(client, both, other, technique)

        task = MedicalReviewTask.objects.get()
        pages = {state.workflow_state.object_id for state in task.get_task_states_user_can_moderate(both)}

        assert pages == {str(draft.pk)}


class TestReviewDates:
    def test_an_interval_longer_than_three_years_is_cut_to_three_and_warned_of(
        self, settings, client, editor, medical_reviewer, draft, technique
    ):
        settings.ARTICLES_REVIEW_INTERVAL_DAYS = 2000
        submit(client, editor, draft, technique)

        approve_from_dashboard(client, medical_reviewer, draft)

        article = ArticlePage.objects.get(pk=draft.pk)
        assert article.next_review_due == article.last_reviewed + timedelta(days=1095)
        assert [message.id for message in run_checks() if message.id.startswith("articles.")] == [
            "articles.W002"
        ]

    def test_the_next_review_cannot_be_more_than_three_years_after_the_last(self, moderator_client, draft):
        data = article_form_data(
            body=[contraindications()],
            slug=draft.slug,
            last_reviewed="2026-01-10",
            next_review_due="2029-02-01",
        )

        response = moderator_client.post(edit_url(draft), data)

        assert response.status_code == 200
        assert "within 1095 days of the last one" in str(response.context["form"].errors["next_review_due"])
