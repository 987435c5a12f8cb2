"""Routes of this part of the API; api/urls.py mounts them under /api/v1/."""

from django.urls import path, register_converter

from moderation.workflow import ACTIONS

from . import app_proxy_views, moderation_views, privacy_views, views


class CommentIdConverter:
    """A comment id: digits that fit a database bigint (longer ones simply match nothing)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


class ActionConverter:
    """One of the moderation actions: approve, reject, spam, not-spam, remove, restore."""

    regex = "(?:{})".format("|".join(ACTIONS))

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class ArticleSlugConverter:
    """A Wagtail slug: letters (any script), digits, hyphens and underscores; nothing else reaches a query."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ArticleSlugConverter, "article_slug")
register_converter(CommentIdConverter, "comment_id")
register_converter(ActionConverter, "moderation_action")

urlpatterns = [
    path(
        "articles/<article_slug:slug>/comments/", views.ArticleCommentsView.as_view(), name="article-comments"
    ),
    path(
        "articles/<article_slug:slug>/comments/form-token/",
        views.CommentFormTokenView.as_view(),
        name="article-comment-form-token",
    ),
    # Shopify's app proxy forwards https://<shop>/apps/<subpath>/... to shopify/proxy/... (docs/shopify.md).
    path(
        "shopify/proxy/articles/<article_slug:slug>/comments/",
        app_proxy_views.ShopifyProxyCommentsView.as_view(),
        name="shopify-proxy-comments",
    ),
    path(
        "shopify/proxy/articles/<article_slug:slug>/comments/form-token/",
        app_proxy_views.ShopifyProxyFormTokenView.as_view(),
        name="shopify-proxy-comment-form-token",
    ),
    path("auth/token/", views.TokenView.as_view(), name="auth-token"),
    path("comments/confirm-email/", views.EmailConfirmationView.as_view(), name="comment-email-confirm"),
    path(
        "moderation/comments/",
        moderation_views.ModerationQueueView.as_view(),
        name="moderation-comment-list",
    ),
    path(
        "moderation/comments/bulk/",
        moderation_views.ModerationBulkView.as_view(),
        name="moderation-comment-bulk",
    ),
    path(
        "moderation/comments/<comment_id:pk>/",
        moderation_views.ModerationCommentView.as_view(),
        name="moderation-comment-detail",
    ),
    path(
        "moderation/comments/<comment_id:pk>/history/",
        moderation_views.ModerationHistoryView.as_view(),
        name="moderation-comment-history",
    ),
    path(
        "moderation/comments/<comment_id:pk>/reply/",
        moderation_views.ModerationReplyView.as_view(),
        name="moderation-comment-reply",
    ),
    path(
        "moderation/comments/<comment_id:pk>/block/",
        moderation_views.ModerationBlockView.as_view(),
        name="moderation-comment-block",
    ),
    path(
        "moderation/commenters/revoke-trust/",
        moderation_views.RevokeTrustView.as_view(),
        name="moderation-commenter-revoke-trust",
    ),
    path(
        "moderation/comments/<comment_id:pk>/<moderation_action:action>/",
        moderation_views.ModerationActionView.as_view(),
        name="moderation-comment-action",
    ),
    path(
        "moderation/comments/<comment_id:pk>/<str:action>/",
        moderation_views.UnknownActionView.as_view(),
        name="moderation-comment-unknown-action",
    ),
    path(
        "moderation/canned-replies/",
        moderation_views.CannedReplyListView.as_view(),
        name="moderation-canned-reply-list",
    ),
    path("moderation/stats/", moderation_views.ModerationStatsView.as_view(), name="moderation-stats"),
    path("moderation/export/", privacy_views.ModerationExportView.as_view(), name="moderation-export"),
    path("moderation/erase/", privacy_views.ModerationEraseView.as_view(), name="moderation-erase"),
]
