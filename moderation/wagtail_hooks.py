"""The comment queue in the Wagtail admin's menu, for comment moderators only."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from . import admin_views
from .permissions import can_moderate


class ModeratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_moderate(request.user)


class CommentModerationViewSet(ViewSet):
    name = "comments"
    icon = "comment"
    menu_label = _("Comments")
    add_to_admin_menu = True
    menu_item_class = ModeratorsMenuItem

    @property
    def url_namespace(self):
        return admin_views.URL_NAMESPACE

    def get_urlpatterns(self):
        return [
            path("", admin_views.CommentQueueView.as_view(), name="index"),
            path("<int:pk>/", admin_views.CommentDetailView.as_view(), name="edit"),
            path("<int:pk>/action/", admin_views.CommentActionView.as_view(), name="action"),
            path("<int:pk>/text/", admin_views.CommentEditView.as_view(), name="edit_body"),
        ]


@hooks.register("register_admin_viewset")
def register_comment_moderation():
    return CommentModerationViewSet()
