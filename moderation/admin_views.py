"""
The comment queue in the Wagtail admin. Every change goes through moderation/services.py with
source "admin", exactly as the API's do; these views only read forms and show results.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import selectors, services
from .exceptions import ModerationError
from .models import BODY_MAX_LENGTH, BODY_MIN_LENGTH, AuditEntry, Comment
from .pagination import ModerationPaginator
from .permissions import can_moderate
from .workflow import ACTIONS

URL_NAMESPACE = "moderation_comments"
PAGE_SIZE = 50


class ModeratorRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ActionForm(forms.Form):
    action = forms.ChoiceField(choices=[(name, name) for name in ACTIONS])
    reason = forms.CharField(required=False, max_length=1000)
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class EditForm(forms.Form):
    body = forms.CharField(min_length=BODY_MIN_LENGTH, max_length=BODY_MAX_LENGTH, widget=forms.Textarea)
    reason = forms.CharField(required=False, max_length=1000)
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


def available_actions(comment):
    return [name for name, action in ACTIONS.items() if action.allows(comment.status)]


class CommentQueueView(ModeratorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Comments")
    header_icon = "comment"
    template_name = "moderation/admin/queue.html"

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status") or Comment.Status.PENDING
        if status not in Comment.Status.values:
            status = Comment.Status.PENDING
        queryset = selectors.queue_comments().filter(status=status)
        page = ModerationPaginator(queryset, PAGE_SIZE).get_page(self.request.GET.get("p"))
        for comment in page:
            comment.actions = available_actions(comment)
        return super().get_context_data(
            page=page, status=status, statuses=Comment.Status.choices, namespace=URL_NAMESPACE, **kwargs
        )


class CommentDetailView(ModeratorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "comment"
    template_name = "moderation/admin/detail.html"

    def get_page_title(self):
        return _("Comment by %(name)s") % {"name": self.comment.author_name}

    def get_breadcrumbs_items(self):
        queue = {"url": reverse(f"{URL_NAMESPACE}:index"), "label": _("Comments")}
        return [*self.breadcrumbs_items, queue, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        self.comment = selectors.moderation_comments().filter(pk=kwargs["pk"]).first()
        if self.comment is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        comment = self.comment
        return super().get_context_data(
            comment=comment,
            actions=available_actions(comment),
            history=selectors.comment_history(comment.pk),
            edit_form=EditForm(initial={"body": comment.body, "version": comment.version}),
            namespace=URL_NAMESPACE,
            **kwargs,
        )


class CommentChangeView(ModeratorRequiredMixin, View):
    """POST only: validate the form, call one service, report the outcome as a message."""

    form_class = None
    http_method_names = ["post"]

    def post(self, request, pk):
        form = self.form_class(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
        else:
            try:
                self.apply(pk, form.cleaned_data)
            except Comment.DoesNotExist:
                raise Http404 from None
            except ModerationError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Comment updated."))
        return redirect(f"{URL_NAMESPACE}:edit", pk)


class CommentActionView(CommentChangeView):
    form_class = ActionForm

    def apply(self, pk, data):
        services.comment_moderate(
            comment_id=pk,
            action=data["action"],
            actor=self.request.user,
            reason=data["reason"],
            source=AuditEntry.Source.ADMIN,
            expected_version=data["version"],
        )


class CommentEditView(CommentChangeView):
    form_class = EditForm

    def apply(self, pk, data):
        services.comment_edit(
            comment_id=pk,
            body=data["body"].strip(),
            actor=self.request.user,
            reason=data["reason"],
            source=AuditEntry.Source.ADMIN,
            expected_version=data["version"],
        )
