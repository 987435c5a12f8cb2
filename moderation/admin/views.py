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
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import (
    BulkActionsCheckboxColumn,
    Column,
    DateColumn,
    NumberColumn,
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
from ..workflow import allowed_actions
from .forms import ActionForm, EditForm, ReplyForm
from .pagination import ModerationPaginator

URL_NAMESPACE = "moderation_comments"
EXCERPT_LENGTH = 120


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
    paginator_class = QueuePaginator

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
            TitleColumn(
                "author",
                label=_("Author"),
                accessor=lambda c: f"{c.author_name} <{c.author_email}>",
                get_url=self.get_edit_url,
                get_title_id=title_id,
            ),
            Column("excerpt", label=_("Comment"), accessor=lambda c: Truncator(c.body).chars(EXCERPT_LENGTH)),
            Column("article_title", label=_("Article")),
            StatusTagColumn("get_status_display", label=_("Status")),
            NumberColumn("spam_score", label=_("Spam score"), sort_key="spam_score"),
            SafetyFlagColumn("safety_flagged", label=_("Safety")),
            StatusFlagColumn("verified_customer", label=_("Customer"), true_label=_("Verified customer")),
            DateColumn("created_at", label=_("Received"), sort_key="created_at"),
        ]


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
    action_url_name = None
    edit_body_url_name = None
    reply_url_name = None

    def get_page_title(self):
        return _("Comment by %(name)s") % {"name": self.object.author_name}

    def get_breadcrumbs_items(self):
        queue = {"url": reverse(self.index_url_name), "label": _("Comments")}
        return [*self.breadcrumbs_items, queue, {"url": "", "label": self.get_page_title()}]

    def url_for(self, url_name):
        return reverse(url_name, args=[quote(self.object.pk)])

    def get_context_data(self, **kwargs):
        comment = self.object
        replyable = comment.status == Comment.Status.APPROVED
        return super().get_context_data(
            comment=comment,
            actions=allowed_actions(comment.status),
            history=selectors.comment_history(comment.pk),
            safety_reasons=safety.flag_reasons(comment.safety_signals) if comment.safety_flagged else [],
            edit_form=EditForm(initial={"body": comment.body, "version": comment.version}),
            reply_form=ReplyForm() if replyable else None,
            action_url=self.url_for(self.action_url_name),
            edit_body_url=self.url_for(self.edit_body_url_name),
            reply_url=self.url_for(self.reply_url_name),
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
