"""The comment queue, the spam blocklist and the canned replies in the Wagtail admin's menu."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .abuse.models import BlocklistEntry
from .admin import dashboard
from .admin.bulk_actions import BULK_ACTIONS
from .admin.buttons import article_comments_button
from .admin.viewset import CommentViewSet
from .canned_replies import CannedReply
from .models import Comment
from .permissions import ModeratorPermissionPolicy, can_moderate

# Before any view asks for Comment's policy, as Wagtail requires.
register_permission_policy(Comment, ModeratorPermissionPolicy(Comment))


@hooks.register("insert_global_admin_css")
def moderation_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("moderation/admin.css"))


@hooks.register("insert_global_admin_js")
def moderation_admin_js():
    """The canned-reply picker's controller (moderation/static/moderation/canned-reply.js)."""
    return format_html('<script src="{}"></script>', static("moderation/canned-reply.js"))


@hooks.register("register_admin_viewset")
def register_comment_moderation():
    return CommentViewSet()


for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)


@hooks.register("register_page_header_buttons")
def register_article_comments_button(page, user, view_name, next_url=None):
    """On an article's edit page: its comment counts, linking to its queue."""
    if view_name == "edit":
        yield from article_comments_button(page, user)


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
