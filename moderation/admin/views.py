"""
The comment queue in the Wagtail admin, built on Wagtail's generic views so that its listing,
filters, search, ordering, pagination, breadcrumbs and bulk actions behave as the rest of the
admin. Every change goes through moderation/services.py with source "admin", exactly as the
API's do; these views only read forms and show results.
"""

from django.contrib.admin.utils import quote
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import (
    BulkActionsCheckboxColumn,
    Column,
    DateColumn,
    StatusFlagColumn,
    StatusTagColumn,
    TitleColumn,
)
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import BaseObjectMixin, BaseOperationView, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from .. import safety, selectors, services
from ..exceptions import ModerationError
from ..models import AuditEntry, Comment
from ..pagination import ModerationPaginator
from ..workflow import allowed_actions
from .columns import RowActionsColumn, SpamScoreColumn, privately_replyable, spam_summary
from .forms import ActionForm, ApproveReplyForm, EditForm, ReplyForm, RowActionForm

URL_NAMESPACE = "moderation_comments"
EXCERPT_LENGTH = 120
# The columns a narrow window leaves out, and those a phone leaves out too (moderation/static/
# moderation/admin.css); the comment page shows them all.
WIDE_ONLY = "moderation-col-wide"
OPTIONAL = "moderation-col-optional"


class QueuePaginator(ModerationPaginator, WagtailPaginator):
    """Wagtail's page links over the queue's cheap count and one-query page (ModerationPaginator)."""


def title_id(comment):
    """The id of the author's name in a row, which the bulk action checkbox is described by."""
    return f"comment_{comment.pk}_title"


class CommentIndexView(generic.IndexView):
    """
    The queue: pending comments by default, safety-flagged first then oldest first
    (selectors.QUEUE_ORDER); a column header orders by that column instead.
    """

    page_title = _("Comments")
    template_name = "moderation/admin/index.html"
    results_template_name = "moderation/admin/index_results.html"
    table_classname = "listing moderation-queue"
    paginator_class = QueuePaginator
    # {"row_action": url name, "row_reply": url name}: the rows' forms post there (viewset.py).
    row_url_names = {}

    def get_base_queryset(self):
        return selectors.queue_comments()

    def order_queryset(self, queryset):
        # Then by id, so that pages sorted on a column never repeat or skip a comment.
        queryset = super().order_queryset(queryset)
        return queryset.order_by(*queryset.query.order_by, "id") if self.ordering else queryset

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="comment"),
            AuthorColumn(
                "author",
                label=_("Author"),
                accessor="author_name",
                get_url=self.get_edit_url,
                get_title_id=title_id,
            ),
            Column("excerpt", label=_("Comment"), accessor=lambda c: Truncator(c.body).chars(EXCERPT_LENGTH)),
            Column("article_title", label=_("Article"), classname=WIDE_ONLY),
            StatusTagColumn("get_status_display", label=_("Status")),
            SpamScoreColumn("spam_score", label=_("Spam score"), sort_key="spam_score"),
            SafetyFlagColumn("safety_flagged", label=_("Safety")),
            StatusFlagColumn(
                "verified_customer",
                label=_("Customer"),
                true_label=_("Verified customer"),
                classname=WIDE_ONLY,
            ),
            DateColumn("created_at", label=_("Received"), sort_key="created_at", classname=OPTIONAL),
            RowActionsColumn(
                "row_actions",
                label=_("Actions"),
                url_for=lambda name, comment: reverse(self.row_url_names[name], args=[quote(comment.pk)]),
                listing_query=self.listing_query,
            ),
        ]

    @cached_property
    def listing_query(self):
        """The listing's filters, search, ordering and page, for the rows' forms to come back to."""
        params = self.request.GET.lists()
        return urlencode([(key, values) for key, values in params if not key.startswith("_w_")], doseq=True)


class AuthorColumn(TitleColumn):
    """The author's name, linking to the comment's page, with their email below it in small print."""

    cell_template_name = "moderation/admin/author_cell.html"


class SafetyFlagColumn(Column):
    """The safety flag as a red badge naming its reasons ("fever or chills; pregnancy")."""

    cell_template_name = "moderation/admin/safety_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["reasons"] = safety.flag_reasons(instance.safety_signals) if instance.safety_flagged else []
        return context


class CommentObjectMixin(PermissionCheckedMixin, BaseObjectMixin):
    """One comment, with what a moderator sees of it, for moderators only."""

    model = Comment
    permission_required = "change"

    def get_base_object_queryset(self):
        return selectors.moderation_comments()


class CommentDetailView(CommentObjectMixin, WagtailAdminTemplateMixin, TemplateView):
    """The comment, its signals and history, and the forms that act on it."""

    template_name = "moderation/admin/detail.html"
    index_url_name = None
    # {"action", "edit_body", "reply", "reply_privately", "approve_and_reply"}: url names (viewset.py).
    operation_url_names = {}

    def get_page_title(self):
        return _("Comment by %(name)s") % {"name": self.object.author_name}

    def get_breadcrumbs_items(self):
        queue = {"url": reverse(self.index_url_name), "label": _("Comments")}
        return [*self.breadcrumbs_items, queue, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        comment = self.object
        approvable = any(action.name == "approve" for action in allowed_actions(comment.status))
        # Each reply form its own ids: the page holds several, and the edit form's `body` too.
        reply_forms = {
            "reply": ReplyForm(auto_id="reply_%s") if comment.status == Comment.Status.APPROVED else None,
            "reply_privately": ReplyForm(auto_id="private_%s") if privately_replyable(comment) else None,
            "approve_and_reply": (
                ApproveReplyForm(auto_id="approve_%s", initial={"version": comment.version})
                if approvable
                else None
            ),
        }
        history = list(selectors.comment_history_with_replies(comment.pk))
        return super().get_context_data(
            comment=comment,
            actions=allowed_actions(comment.status),
            history=history,
            private_replies=[entry for entry in history if entry.action == "private-reply"],
            spam=spam_summary(comment),
            staff_replies=selectors.staff_replies(comment.pk),
            safety_reasons=safety.flag_reasons(comment.safety_signals) if comment.safety_flagged else [],
            edit_form=EditForm(initial={"body": comment.body, "version": comment.version}),
            reply_forms=reply_forms,
            urls={
                name: reverse(url_name, args=[quote(comment.pk)])
                for name, url_name in self.operation_url_names.items()
            },
            **kwargs,
        )


class CommentOperationView(CommentObjectMixin, BaseOperationView):
    """POST only: validate the form, call one service, report the outcome as a message."""

    form_class = None
    http_method_names = ["post"]
    success_message = _("Comment updated.")

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST)
        if form.is_valid():
            self.perform_operation(form.cleaned_data)
        else:
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
        return redirect(self.get_success_url())

    def perform_operation(self, data):
        """`apply` (each subclass's one service call), or the reason the service refused."""
        try:
            self.apply(data)
        except ModerationError as error:
            messages.error(self.request, error.message)
        else:
            self.add_success_message()


class CommentActionView(CommentOperationView):
    form_class = ActionForm

    def apply(self, data):
        services.comment_moderate(
            comment_id=self.object.pk,
            action=data["action"],
            actor=self.request.user,
            reason=data["reason"],
            source=AuditEntry.Source.ADMIN,
            expected_version=data["version"],
        )


class CommentEditView(CommentOperationView):
    form_class = EditForm

    def apply(self, data):
        services.comment_edit(
            comment_id=self.object.pk,
            body=data["body"],
            actor=self.request.user,
            reason=data["reason"],
            source=AuditEntry.Source.ADMIN,
            expected_version=data["version"],
        )


class CommentReplyView(CommentOperationView):
    form_class = ReplyForm
    success_message = _("Reply posted.")

    def apply(self, data):
        services.comment_reply(
            parent_id=self.object.pk,
            actor=self.request.user,
            body=data["body"],
            canned_reply=data["canned_reply"],
            source=AuditEntry.Source.ADMIN,
        )


class CommentRowOperationView(CommentOperationView):
    """
    A queue row's form: after acting, back to the same page of the listing, as it is now. Posted by
    Wagtail's `w-swap` (an XMLHttpRequest) the answer is the listing's results alone, which replace
    the old ones in place; posted as a plain form, the whole listing page.
    """

    index_url_name = None
    index_results_url_name = None

    def get_success_url(self):
        in_place = self.request.headers.get("x-requested-with") == "XMLHttpRequest"
        url_name = self.index_results_url_name if in_place else self.index_url_name
        return f"{reverse(url_name)}?{self.request.POST.get('listing', '')}"


class CommentRowActionView(CommentRowOperationView):
    """Approve or Mark as spam, from the comment's row."""

    form_class = RowActionForm

    def apply(self, data):
        self.comment = services.comment_moderate(
            comment_id=self.object.pk,
            action=data["action"],
            actor=self.request.user,
            source=AuditEntry.Source.ADMIN,
            expected_version=data["version"],
        )

    def get_success_message(self):
        return _("Comment by %(name)s: %(status)s.") % {
            "name": self.comment.author_name,
            "status": self.comment.get_status_display().lower(),
        }


class PrivateReplyMixin:
    """Answer the commenter by email alone: services.comment_reply_privately."""

    form_class = ReplyForm

    def apply(self, data):
        services.comment_reply_privately(
            comment_id=self.object.pk,
            actor=self.request.user,
            body=data["body"],
            canned_reply=data["canned_reply"],
            source=AuditEntry.Source.ADMIN,
        )

    def get_success_message(self):
        return _("Private reply sent to %(name)s.") % {"name": self.object.author_name}


class CommentPrivateReplyView(PrivateReplyMixin, CommentOperationView):
    """Reply privately, from the comment's page."""


class CommentRowReplyView(PrivateReplyMixin, CommentRowOperationView):
    """Reply privately, from the comment's row in the queue."""


class CommentApproveReplyView(CommentOperationView):
    """Approve and reply: the approval and the public reply together, or neither."""

    form_class = ApproveReplyForm
    success_message = _("Comment approved and reply posted.")

    def apply(self, data):
        services.comment_approve_and_reply(
            comment_id=self.object.pk,
            actor=self.request.user,
            body=data["body"],
            canned_reply=data["canned_reply"],
            source=AuditEntry.Source.ADMIN,
            expected_version=data["version"],
        )
