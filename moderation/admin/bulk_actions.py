"""
The queue's bulk actions, through Wagtail's bulk action framework: the listing's checkboxes
lead to a confirmation page, and confirming applies one moderation action to every selected
comment through services.comments_bulk_moderate (each in its own transaction, source "admin").
A comment the action does not apply to is reported by name, never a server error.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.views.bulk_action import BulkAction

from .. import selectors, services
from ..models import AuditEntry, Comment
from ..permissions import can_moderate
from ..workflow import ACTIONS
from .filters import SEARCH_FIELDS, CommentFilterSet
from .forms import ReasonForm


class CommentBulkAction(BulkAction):
    """One workflow action (its `action_type`, a key of workflow.ACTIONS) on the selected comments."""

    models = [Comment]
    form_class = ReasonForm
    template_name = "moderation/admin/bulk_confirm.html"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # The button says what the comment page's button says.
        cls.display_name = ACTIONS[cls.action_type].label

    def dispatch(self, request, *args, **kwargs):
        if not can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_all_objects_in_listing_query(self, parent_id):
        """ "Select all" means all the listing shows: its filters and search, from the same query string."""
        comments = CommentFilterSet(self.request.GET, selectors.queue_comments(), request=self.request).qs
        query = self.request.GET.get("q", "").strip()
        if query:
            matches = Q()
            for field in SEARCH_FIELDS:
                matches |= Q(**{f"{field}__icontains": query})
            comments = comments.filter(matches)
        return comments.values_list("pk", flat=True)

    def get_execution_context(self):
        return {"bulk_action": self}

    @classmethod
    def execute_action(cls, objects, bulk_action, **kwargs):
        outcomes = services.comments_bulk_moderate(
            ids=[comment.pk for comment in objects],
            action=cls.action_type,
            actor=bulk_action.request.user,
            reason=bulk_action.cleaned_form.cleaned_data["reason"],
            source=AuditEntry.Source.ADMIN,
        )
        bulk_action.report_refusals(objects, outcomes)
        return sum(outcome.outcome == "applied" for outcome in outcomes), 0

    def report_refusals(self, objects, outcomes):
        names = {comment.pk: comment.author_name for comment in objects}
        for outcome in outcomes:
            if outcome.outcome != "applied":
                message = _("Comment by %(name)s: %(detail)s") % {
                    "name": names[outcome.id],
                    "detail": outcome.detail,
                }
                messages.warning(self.request, message)

    def get_success_message(self, num_parent_objects, num_child_objects):
        if num_parent_objects:
            status = Comment.Status(ACTIONS[self.action_type].target).label.lower()
            return ngettext(
                "%(count)d comment is now %(status)s.",
                "%(count)d comments are now %(status)s.",
                num_parent_objects,
            ) % {"count": num_parent_objects, "status": status}


class ApproveBulkAction(CommentBulkAction):
    action_type = "approve"
    aria_label = _("Approve selected comments")
    action_priority = 10


class RejectBulkAction(CommentBulkAction):
    action_type = "reject"
    aria_label = _("Reject selected comments")
    action_priority = 20


class SpamBulkAction(CommentBulkAction):
    action_type = "spam"
    aria_label = _("Mark selected comments as spam")
    action_priority = 30
    classes = {"serious"}


class RemoveBulkAction(CommentBulkAction):
    action_type = "remove"
    aria_label = _("Remove selected comments")
    action_priority = 40
    classes = {"serious"}


BULK_ACTIONS = [ApproveBulkAction, RejectBulkAction, SpamBulkAction, RemoveBulkAction]
