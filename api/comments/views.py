"""The readers' side: an article's approved comments, and the form that submits new ones."""

import ipaddress

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from api.caching.generations import article as article_generation
from api.caching.responses import CachedResponseMixin
from api.pagination import StandardPagination
from moderation import selectors, services
from moderation.exceptions import NotReplyable

from .errors import WorkflowErrorsMixin
from .serializers import CommentSubmissionSerializer, PublicCommentSerializer, SubmissionReceiptSerializer

SUBMITTED_MESSAGE = _(
    "Thank you! Comments need to be approved before they are published; yours will appear "
    "once a moderator has read it."
)


def client_ip(request):
    """The connecting address, or None when the server was not given a valid one."""
    try:
        return str(ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")))
    except ValueError:
        return None


class ArticleCommentsView(CachedResponseMixin, WorkflowErrorsMixin, generics.ListAPIView):
    """
    GET: the approved comments of a published article, oldest first.
    POST: submit a comment; it waits for approval (202).
    """

    permission_classes = [AllowAny]
    serializer_class = PublicCommentSerializer
    # A parent moderated away between validation and saving is still the reader's field error.
    workflow_errors = {
        **WorkflowErrorsMixin.workflow_errors,
        NotReplyable: lambda message: exceptions.ValidationError({"parent": [message]}),
    }
    pagination_class = StandardPagination
    filter_backends = []

    @cached_property
    def article(self):
        article = selectors.article_by_slug(self.kwargs["slug"])
        if article is None:
            raise exceptions.NotFound(_("No article has this slug."))
        return article

    def get_queryset(self):
        if not self.article.is_public:
            raise exceptions.NotFound(_("No article has this slug."))
        return selectors.approved_comments(self.article)

    def cache_dependencies(self, data):
        return [article_generation(self.article.pk)]

    @extend_schema(request=CommentSubmissionSerializer, responses={202: SubmissionReceiptSerializer})
    def post(self, request, slug):
        services.ensure_open_for_comments(self.article)
        serializer = CommentSubmissionSerializer(data=request.data, context={"article": self.article})
        serializer.is_valid(raise_exception=True)
        comment = services.comment_submit(
            article=self.article,
            **serializer.validated_data,
            ip_address=client_ip(request),
            user_agent=request.headers.get("User-Agent", ""),
        )
        receipt = {"id": comment.pk, "status": comment.status, "message": SUBMITTED_MESSAGE}
        return Response(SubmissionReceiptSerializer(receipt).data, status=status.HTTP_202_ACCEPTED)


class TokenView(ObtainAuthToken):
    """`{username, password}` -> `{"token"}`, for `Authorization: Token <key>`."""

    authentication_classes = []
    parser_classes = [JSONParser]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response
