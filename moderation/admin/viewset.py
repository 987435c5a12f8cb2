"""
The comment queue as a Wagtail ModelViewSet: the listing and the comment page, plus the POST
views that act on a comment. There is no add, delete, copy, history or usage view: readers
write comments, moderation/privacy/rights.py erases them, and their history is the audit log shown on
the comment page.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from ..models import Comment
from ..permissions import can_moderate, moderate_comment_permission
from . import views
from .filters import SEARCH_FIELDS, CommentFilterSet


class ModeratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_moderate(request.user)


class CommentViewSet(ModelViewSet):
    model = Comment
    name = "comments"
    url_namespace = views.URL_NAMESPACE
    icon = "comment"
    menu_label = _("Comments")
    add_to_admin_menu = True
    menu_item_class = ModeratorsMenuItem
    index_view_class = views.CommentIndexView
    filterset_class = CommentFilterSet
    search_fields = SEARCH_FIELDS
    search_backend_name = None
    list_per_page = 50
    copy_view_enabled = False
    add_to_reference_index = False

    def get_permissions_to_register(self):
        # The one permission that matters (permissions.ModeratorPermissionPolicy).
        return moderate_comment_permission()

    # The comment page's forms: their url names, and the views they post to.
    OPERATIONS = {
        "action": views.CommentActionView,
        "edit_body": views.CommentEditView,
        "reply": views.CommentReplyView,
        "reply_privately": views.CommentPrivateReplyView,
        "approve_and_reply": views.CommentApproveReplyView,
    }
    # The queue rows' forms.
    ROW_OPERATIONS = {"row_action": views.CommentRowActionView, "row_reply": views.CommentRowReplyView}

    def get_index_view_kwargs(self, **kwargs):
        row_url_names = {name: self.get_url_name(name) for name in self.ROW_OPERATIONS}
        return super().get_index_view_kwargs(row_url_names=row_url_names, **kwargs)

    @property
    def detail_view(self):
        return self.construct_view(
            views.CommentDetailView,
            operation_url_names={name: self.get_url_name(name) for name in self.OPERATIONS},
        )

    def operation_view(self, view_class):
        return self.construct_view(view_class, success_url_name=self.get_url_name("edit"))

    def row_view(self, view_class):
        return self.construct_view(
            view_class,
            index_url_name=self.get_url_name("index"),
            index_results_url_name=self.get_url_name("index_results"),
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.detail_view, name="edit"),
            path("<int:pk>/action/", self.operation_view(views.CommentActionView), name="action"),
            path("<int:pk>/text/", self.operation_view(views.CommentEditView), name="edit_body"),
            path("<int:pk>/reply/", self.operation_view(views.CommentReplyView), name="reply"),
            path(
                "<int:pk>/reply-privately/",
                self.operation_view(views.CommentPrivateReplyView),
                name="reply_privately",
            ),
            path(
                "<int:pk>/approve-and-reply/",
                self.operation_view(views.CommentApproveReplyView),
                name="approve_and_reply",
            ),
            path("<int:pk>/row/action/", self.row_view(views.CommentRowActionView), name="row_action"),
            path("<int:pk>/row/reply-privately/", self.row_view(views.CommentRowReplyView), name="row_reply"),
        ]
