"""
The comments through Shopify's app proxy (docs/shopify.md): the shop's theme reads and posts them
on its own origin, `https://<shop>/apps/<subpath>/articles/<slug>/comments/`, and Shopify forwards
that here, signed. Same thread, same form and same checks as the public endpoint; the request must
carry a valid signature (401 and nothing stored otherwise), the reader's address is the one
Shopify forwarded, and a comment posted by a logged-in customer is a verified customer's.
"""

from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema

from api.caching.http import HttpCachingMixin
from api.caching.responses import query_pairs
from api.pagination import StandardPagination
from api.throttling import RecordedThrottlesMixin

from .app_proxy import ShopifyAppProxyAuthentication
from .schema import BODY_ERRORS, PUBLIC_TAG, error_responses
from .serializers import (
    CommentSubmissionSerializer,
    FormTokenSerializer,
    PublicCommentSerializer,
    SubmissionReceiptSerializer,
)
from .views import ArticleCommentsBase, CommentFormTokenView

# Where the app proxy's URL points (urls.py): the path below it is the shop's path below its prefix.
PROXY_ROOT = "/shopify/proxy"


class ProxyPagination(StandardPagination):
    """Pages whose links are the shop's own (`/apps/<subpath>/...?page=2`), which Shopify signs again."""

    def page_link(self, number):
        proxy = self.request.auth
        # The path below the proxy's root, as the shop's URL ends too.
        below = self.request.path.partition(PROXY_ROOT)[2]
        params = query_pairs(self.request.query_params, {self.page_size_query_param})
        if number > 1:
            params.append((self.page_query_param, str(number)))
        return f"{proxy.path_prefix}{below}" + (f"?{urlencode(sorted(params))}" if params else "")


def proxy_operation(summary, description, *, responses, errors, **kwargs):
    """An app proxy endpoint: Shopify's signed query, errors including 401 for a bad signature."""
    return extend_schema(
        tags=[PUBLIC_TAG],
        summary=summary,
        description=description,
        responses={**responses, **error_responses((*errors, 401, 429), reads_body="request" in kwargs)},
        **kwargs,
    )


class ShopifyProxyCommentsView(RecordedThrottlesMixin, HttpCachingMixin, ArticleCommentsBase):
    """
    GET: the approved comments. POST: a comment; a logged-in customer's is marked as a verified
    customer's. Never cached: each answer is `private, no-store`.
    """

    authentication_classes = [ShopifyAppProxyAuthentication]
    pagination_class = ProxyPagination

    @proxy_operation(
        _("An article's comments, through Shopify's app proxy"),
        _("As the public endpoint; the request must carry the app proxy's valid signature."),
        responses={200: PublicCommentSerializer(many=True)},
        errors=[400, 404],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @proxy_operation(
        _("Submit a comment through Shopify's app proxy"),
        _(
            "As the public endpoint (202, waiting for approval). With a logged-in customer "
            "(`logged_in_customer_id`), the comment is a verified customer's."
        ),
        request=CommentSubmissionSerializer,
        responses={202: SubmissionReceiptSerializer},
        errors=[*BODY_ERRORS, 403, 404],
    )
    def post(self, request, slug):
        return self.submit(request, shopify_customer_id=request.auth.customer_id)


class ShopifyProxyFormTokenView(CommentFormTokenView):
    """The comment form's token through Shopify's app proxy: signed requests only, never cached."""

    authentication_classes = [ShopifyAppProxyAuthentication]

    @proxy_operation(
        _("A comment form's token, through Shopify's app proxy"),
        _("As the public endpoint; the request must carry the app proxy's valid signature."),
        responses={200: FormTokenSerializer},
        errors=[404],
    )
    def get(self, request, slug):
        return super().get(request, slug)
