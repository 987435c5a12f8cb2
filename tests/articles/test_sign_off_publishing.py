"""
Under the medical sign-off an article goes live only by a reviewer's approval: whoever may publish
pages (Wagtail's Moderators, the demo editor, superusers, the reviewers themselves) cannot press
Publish on it by any path; taking it down stays possible. Turned off, Publish works as in Wagtail.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.checks import run_checks
from django.urls import reverse
from django.utils import timezone
from wagtail.models import (
    GroupApprovalTask,
    Page,
    PageLogEntry,
    Revision,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from articles.demo.loader import DEMO_EDITOR_GROUPS, DEMO_REVIEWER_GROUPS, ensure_demo_editor
from articles.models import ArticlePage
from tests.articles.admin_forms import article_form_data, contraindications, paragraph
from tests.factories import ArticlePageFactory, UserFactory, blog_index

SUBMIT_BUTTON = "Submit to Medical sign-off"
PUBLISH_BUTTON = 'name="action-publish"'


@pytest.fixture
def draft(db):
    return ArticlePageFactory(live=False)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_url():
    return reverse("wagtailadmin_pages:add", args=["articles", "articlepage", blog_index().pk])


def local(moment):
    """A date and time as the editor's date picker sends it: in the site's time zone."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def form(action, **fields):
    """The editor's form for a safe article, with `action` its button."""
    body = [paragraph("<p>Knee pain is common.</p>"), contraindications()]
    return article_form_data(body=body, action=action, **fields)


def press(client, user, article, action, **fields):
    client.force_login(user)
    return client.post(edit_url(article), form(action, slug=article.slug, **fields))


def approve(client, user, article):
    client.force_login(user)
    task_state = Page.objects.get(pk=article.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[article.pk, "approve", task_state.pk])
    return client.post(url, {"comment": ""})


def editor_page(client, user, url):
    client.force_login(user)
    return client.get(url).content.decode()


def stored(article):
    return ArticlePage.objects.get(pk=article.pk)


def copy_live(client, user, article):
    """Copy a live article in its blog, asking for the copy to be published."""
    client.force_login(user)
    data = {
        "new_title": "A copy",
        "new_slug": "a-copy",
        "new_parent_page": blog_index().pk,
        "publish_copies": "on",
    }
    return client.post(reverse("wagtailadmin_pages:copy", args=[article.pk]), data)


def superuser():
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


class TestNoDirectPublish:
    def test_a_moderator_pressing_publish_saves_a_draft_and_nothing_goes_live(self, client, moderator, draft):
        response = press(client, moderator, draft, "publish", title="Massage for knee pain, unreviewed")

        assert response.status_code == 302
        article = stored(draft)
        assert not article.live
        assert article.get_latest_revision_as_object().title == "Massage for knee pain, unreviewed"

    def test_the_editor_offers_submit_for_sign_off_in_place_of_publish(self, client, moderator, draft):
        html = editor_page(client, moderator, edit_url(draft))

        assert SUBMIT_BUTTON in html
        assert PUBLISH_BUTTON not in html

    def test_a_live_articles_change_stays_unpublished(self, client, moderator):
        article = ArticlePageFactory(title="Massage for knee pain")
        article.save_revision().publish()

        press(client, moderator, article, "publish", title="Massage cures knee pain")

        assert stored(article).title == "Massage for knee pain"
        assert stored(article).has_unpublished_changes

    @pytest.mark.parametrize("who", ["superuser", "medical reviewer"])
    def test_neither_a_superuser_nor_a_reviewer_publishes_alone(self, client, medical_reviewer, draft, who):
        user = superuser() if who == "superuser" else medical_reviewer

        press(client, user, draft, "publish")

        assert not stored(draft).live
        assert PUBLISH_BUTTON not in editor_page(client, user, edit_url(draft))

    def test_a_new_article_is_created_as_a_draft(self, client, moderator):
        assert PUBLISH_BUTTON not in editor_page(client, moderator, add_url())

        response = client.post(add_url(), form("publish"))

        assert response.status_code == 302
        assert not ArticlePage.objects.get(slug="massage-for-knee-pain").live

    def test_bulk_publish_leaves_it_unpublished(self, client, moderator, draft):
        draft.save_revision(user=moderator)
        client.force_login(moderator)

        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        client.post(f"{url}?id={draft.pk}", {"include_descendants": ""})

        assert not stored(draft).live

    def test_copying_with_publish_copies_is_refused(self, client, moderator):
        response = copy_live(client, moderator, ArticlePageFactory())

        assert "You do not have permission to publish pages" in response.content.decode()
        assert not ArticlePage.objects.filter(slug="a-copy", live=True).exists()

    def test_reverting_to_an_old_revision_offers_no_publish_either(self, client, moderator):
        article = ArticlePageFactory(title="Massage for knee pain")
        old = article.save_revision()
        old.publish()
        article.title = "Massage for knee pain, revised"
        article.save_revision().publish()
        url = reverse("wagtailadmin_pages:revisions_revert", args=[article.pk, old.pk])

        assert PUBLISH_BUTTON not in editor_page(client, moderator, url)
        press(client, moderator, article, "publish", title="Massage for knee pain", revision=old.pk)

        assert stored(article).title == "Massage for knee pain, revised"

    def test_publishing_with_a_go_live_date_schedules_nothing(self, client, moderator, draft):
        tomorrow = timezone.now() + timedelta(days=1)

        press(client, moderator, draft, "publish", go_live_at=local(tomorrow))

        assert not Revision.page_revisions.filter(object_id=str(draft.pk), approved_go_live_at__isnull=False)


class TestTheApprovalPublishes:
    def test_the_demo_editors_flow(self, client, draft):
        """docs/governance.md: the demo editor submits, the demo reviewer approves, the article goes live."""
        editor = ensure_demo_editor(username="editor", password="pw", groups=DEMO_EDITOR_GROUPS)
        reviewer = ensure_demo_editor(username="reviewer", password="pw", groups=DEMO_REVIEWER_GROUPS)
        assert Group.objects.get(name="Moderators") in editor.groups.all()

        press(client, editor, draft, "publish")
        assert not stored(draft).live
        press(client, editor, draft, "submit")
        assert stored(draft).current_workflow_state.status == "in_progress"

        assert approve(client, reviewer, draft).status_code == 302

        article = stored(draft)
        assert article.live
        assert article.medical_reviewer.user == reviewer
        assert article.current_workflow_state is None

    def test_an_approved_go_live_date_is_scheduled_not_published_now(
        self, client, moderator, medical_reviewer, draft
    ):
        go_live = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
        press(client, moderator, draft, "submit", go_live_at=local(go_live))

        approve(client, medical_reviewer, draft)

        article = stored(draft)
        assert not article.live
        assert article.scheduled_revision.approved_go_live_at == go_live
        assert article.scheduled_revision.as_object().medical_reviewer.user == medical_reviewer


class TestTakingItDown:
    def test_a_moderator_unpublishes_a_live_article(self, client, moderator):
        article = ArticlePageFactory()
        article.save_revision().publish()
        client.force_login(moderator)

        response = client.post(reverse("wagtailadmin_pages:unpublish", args=[article.pk]))

        assert response.status_code == 302
        assert not stored(article).live

    def test_a_moderator_takes_an_approved_publication_off_the_schedule(
        self, client, moderator, medical_reviewer, draft
    ):
        go_live = timezone.now() + timedelta(days=2)
        press(client, moderator, draft, "submit", go_live_at=local(go_live))
        approve(client, medical_reviewer, draft)
        scheduled = stored(draft).scheduled_revision
        client.force_login(moderator)

        url = reverse("wagtailadmin_pages:revisions_unschedule", args=[draft.pk, scheduled.pk])
        response = client.post(url)

        assert response.status_code == 302
        assert stored(draft).scheduled_revision is None


class TestTurnedOff:
    @pytest.fixture(autouse=True)
    def off(self, direct_publishing):
        pass

    def test_a_moderator_publishes_directly(self, client, moderator, draft):
        assert PUBLISH_BUTTON in editor_page(client, moderator, edit_url(draft))

        press(client, moderator, draft, "publish")

        assert stored(draft).live

    def test_a_new_article_is_published_at_once(self, client, moderator):
        assert PUBLISH_BUTTON in editor_page(client, moderator, add_url())

        client.post(add_url(), form("publish"))

        assert ArticlePage.objects.get(slug="massage-for-knee-pain").live

    def test_a_copy_is_published_when_asked(self, client, moderator):
        copy_live(client, moderator, ArticlePageFactory())

        assert ArticlePage.objects.get(slug="a-copy").live


class TestTheFinishAction:
    def test_another_workflow_publishes_as_in_wagtail(self, client, editor, moderator):
        """Wagtail's own group approval elsewhere on the site: the approving moderator publishes."""
        page = Site.objects.get(is_default_site=True).root_page.add_child(
            instance=Page(title="About the clinic", slug="about", live=False)
        )
        task = GroupApprovalTask.objects.create(name="Moderators approve")
        task.groups.add(Group.objects.get(name="Moderators"))
        workflow = Workflow.objects.create(name="Moderation")
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(page=page, workflow=workflow)
        page.save_revision(user=editor)
        workflow.start(page, editor)

        approve(client, moderator, page)

        page.refresh_from_db()
        assert page.live
        assert PageLogEntry.objects.get(page=page, action="wagtail.publish").user == moderator

    def test_without_it_the_check_says_an_approval_could_not_publish(self, settings):
        settings.WAGTAIL_FINISH_WORKFLOW_ACTION = "wagtail.workflows.publish_workflow_state"

        assert "articles.E001" in [message.id for message in run_checks()]

    def test_turned_off_the_sign_off_needs_none(self, settings, direct_publishing):
        settings.WAGTAIL_FINISH_WORKFLOW_ACTION = "wagtail.workflows.publish_workflow_state"

        assert "articles.E001" not in [message.id for message in run_checks()]
