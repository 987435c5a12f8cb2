"""
The two-person medical sign-off: a Wagtail workflow task that only the medical reviewers may
approve, never the person who submitted the article, and whose approval records the reviewer and
the review dates on the article.

The workflow ("Medical sign-off") is created and assigned to the blog index pages by migration
articles/0011; a blog index created later gets it too (assign_to_index). While it applies, an
article goes live only by its approval (finish.py): nobody may press Publish on it, whatever their
page permissions (SignOffArticlePermissions, SignOffIndexPermissions). ARTICLES_MEDICAL_SIGN_OFF
turns it off: articles then follow whatever workflow Wagtail would give them without it, and
those who may publish publish directly.
"""

from datetime import timedelta

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    AbstractGroupApprovalTask,
    GroupPagePermission,
    PagePermissionTester,
    TaskState,
    Workflow,
    WorkflowPage,
)

from ..conf import articles_settings
from ..snippets import Author

# The group migration articles/0011 creates, whose members approve the task it ships.
REVIEWERS_GROUP = "Medical reviewers"


def sign_off_enabled():
    return bool(articles_settings.ARTICLES_MEDICAL_SIGN_OFF)


def submitter_ids(task_state):
    """
    Who put the article in front of the reviewer: whoever started the workflow, and whoever saved
    the revision the task was started on (the editor saves one when submitting or resubmitting).
    A reviewer who edits while approving saves a later revision, which does not make them one.
    """
    revision = task_state.revision
    return {task_state.workflow_state.requested_by_id, revision.user_id if revision else None} - {None}


def review_interval():
    """The time to the next review: the configured interval, never past the longest allowed."""
    days = min(
        articles_settings.ARTICLES_REVIEW_INTERVAL_DAYS, articles_settings.ARTICLES_REVIEW_MAX_INTERVAL_DAYS
    )
    return timedelta(days=days)


def reviewer_profile(user):
    """The reviewer's author profile, which readers see; created from the account on first sign-off."""
    profile = Author.objects.filter(user=user).first()
    if profile is None:
        profile = Author.objects.create(
            user=user, name=user.get_full_name() or user.get_username(), email=user.email or ""
        )
    return profile


@transaction.atomic
def record_sign_off(article, *, user, today=None):
    """
    Write the reviewer and the review dates into the article's latest revision, saved as a new
    revision by the reviewer: publishing, which the workflow does next, then carries them.
    """
    today = today or timezone.localdate()
    draft = article.get_latest_revision_as_object()
    draft.medical_reviewer = reviewer_profile(user)
    draft.last_reviewed = today
    draft.next_review_due = today + review_interval()
    return draft.save_revision(user=user, log_action=True, clean=False)


class MedicalReviewTask(AbstractGroupApprovalTask):
    """
    Approval by a member of the task's groups ("Medical reviewers") other than the submitter.
    Unlike Wagtail's group approval, a superuser who is not in the groups cannot sign off: the
    sign-off vouches for clinical expertise, not for admin rights.
    """

    class Meta:
        verbose_name = _("medical review task")
        verbose_name_plural = _("medical review tasks")

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups check the medical content and sign it off; "
            "the person who submitted it never can."
        )

    def may_approve(self, task_state, user):
        return self._user_in_groups(user) and user.pk not in submitter_ids(task_state)

    def get_actions(self, obj, user):
        task_state = obj.current_workflow_task_state
        if task_state is None or not self.may_approve(task_state, user):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if not self._user_in_groups(user):
            return TaskState.objects.none()
        return (
            self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
            .exclude(workflow_state__requested_by=user)
            .exclude(revision__user=user)
        )

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        """Refuse anyone get_actions would not offer the action; record the sign-off on approval."""
        if not self.may_approve(task_state, user):
            raise PermissionDenied(_("Only a medical reviewer other than the submitter can act on this."))
        if action_name == "approve":
            workflow_state = task_state.workflow_state
            record_sign_off(workflow_state.content_object.specific, user=user)
            # Wagtail publishes the latest revision of the workflow's cached page: forget it, so
            # that the one carrying the sign-off is read.
            workflow_state.refresh_from_db()
        return super().on_action(task_state, user, action_name, **kwargs)


def sign_off_workflow():
    """The active workflow that has a medical review task, if any."""
    return (
        Workflow.objects.active()
        .filter(workflow_tasks__task__in=MedicalReviewTask.objects.filter(active=True))
        .order_by("pk")
        .first()
    )


def is_sign_off_workflow(workflow):
    return workflow.workflow_tasks.filter(task__in=MedicalReviewTask.objects.all()).exists()


def requires_sign_off(page):
    """Whether `page` (an article or a blog index) goes live only by the sign-off's approval."""
    if not sign_off_enabled():
        return False
    workflow = page.get_workflow()
    return workflow is not None and is_sign_off_workflow(workflow)


class SignOffArticlePermissions(PagePermissionTester):
    """
    Wagtail's page permissions for an article, less Publish while the sign-off applies: the
    editor then offers "Submit to Medical sign-off" in its place, and Wagtail refuses a direct
    publish by any path that asks the page's permissions (the editor, bulk publish, reverting to
    an old revision, scheduling). Superusers and medical reviewers included: a reviewer's own
    edit needs a second reviewer too. Unpublishing, unscheduling and privacy stay with those who
    may publish: taking an article down or off the schedule puts nothing unreviewed in front of
    readers.
    """

    @cached_property
    def sign_off_required(self):
        return requires_sign_off(self.page)

    def can_publish(self):
        return not self.sign_off_required and super().can_publish()

    def can_unschedule(self):
        return super().can_publish()

    def can_set_view_restrictions(self):
        return super().can_publish()


class SignOffIndexPermissions(PagePermissionTester):
    """A blog under the sign-off: a new article is created as a draft, never published at once."""

    def can_publish_subpage(self):
        return not requires_sign_off(self.page) and super().can_publish_subpage()


def assign_to_index(index_page):
    """
    Give a new blog index the medical sign-off, unless turned off or it has a workflow already,
    and the reviewers publish permission on it: publishing an article stays the approval's
    (finish.py), but they may take one down (unpublish) without waiting for a moderator.
    """
    workflow = sign_off_workflow() if sign_off_enabled() else None
    if workflow is None or WorkflowPage.objects.filter(page=index_page).exists():
        return
    WorkflowPage.objects.create(page=index_page, workflow=workflow)
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    for group in Group.objects.filter(name=REVIEWERS_GROUP):
        GroupPagePermission.objects.get_or_create(group=group, page=index_page, permission=publish)


def assign_to_new_index(sender, instance, created, raw=False, **kwargs):
    """post_save of ArticleIndexPage: a blog created after the migration gets the sign-off too."""
    if created and not raw:
        assign_to_index(instance)
