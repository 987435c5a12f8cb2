"""The comment queue, the spam blocklist and the canned replies in the Wagtail admin's menu."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views, dashboard
from .abuse_models import BlocklistEntry
from .canned_replies import CannedReply
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


class BlocklistViewSet(SnippetViewSet):
    """Words, emails, IP addresses/networks and domains that mark a comment as spam."""

    model = BlocklistEntry
    icon = "warning"
    menu_label = _("Comment blocklist")
    add_to_admin_menu = True
    menu_order = 301
    list_display = ["value", "kind", "reason", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value", "reason"]
    panels = [FieldPanel("kind"), FieldPanel("value"), FieldPanel("reason")]


register_snippet(BlocklistViewSet)


class CannedReplyViewSet(SnippetViewSet):
    """The clinic's approved answers, which moderators post as staff replies."""

    model = CannedReply
    icon = "openquote"
    menu_label = _("Canned replies")
    add_to_admin_menu = True
    menu_order = 302
    list_display = ["title", "body", "active"]
    list_filter = ["active"]
    search_fields = ["title", "body"]


register_snippet(CannedReplyViewSet)


@hooks.register("construct_homepage_panels")
def add_moderation_dashboard_panels(request, panels):
    """The queue's figures and the comments chart, on the dashboards of those who moderate."""
    if can_moderate(request.user):
        panels.extend(dashboard.moderation_panels())
