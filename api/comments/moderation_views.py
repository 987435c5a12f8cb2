"""
The moderators' side: the queue, one comment, its actions and history, bulk actions, replies,
statistics. Each view validates its input, calls one moderation service and serializes the result.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.response import Response
from rest_framework.views import APIView

from api.pagination import StandardPagination
from api.parsers import JSONParser
from moderation import blocklist, selectors, services, trust
from moderation.exceptions import SharedAddress
from moderation.models import AuditEntry
from moderation.pagination import ModerationPaginator
from moderation.workflow import ACTIONS

from .errors import WorkflowErrorsMixin
from .filters import CommentQueueFilterSet
from .permissions import IsCommentModerator
from .serializers import (
    AuditEntrySerializer,
    BlockResultSerializer,
    BlockSerializer,
    BulkActionSerializer,
    BulkResultSerializer,
    CannedReplySerializer,
    CommentEditSerializer,
    CommenterSerializer,
    ModerationActionSerializer,
    ModerationCommentSerializer,
    ReplySerializer,
    RevokeTrustSerializer,
    StatsSerializer,
)

COMMENT_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The comment's id.")
ACTION = OpenApiParameter("action", str, OpenApiParameter.PATH, enum=list(ACTIONS))
IF_MATCH = OpenApiParameter(
    "If-Match",
    location=OpenApiParameter.HEADER,
    required=False,
    description='The ETag of the comment you saw, such as "3"; a stale one is refused with 412.',
)


def expected_version(request, validated_data):
    """
    The comment version the moderator saw, from the `version` field or the If-Match header
    (the ETag a GET returned); None when the request names none, or If-Match is `*`.
    """
    field = validated_data.get("version")
    header = request.headers.get("If-Match", "").strip()
    if header in ("", "*"):
        return field
    try:
        from_header = int(header.removeprefix("W/").strip('"'))
    except ValueError:
        raise exceptions.ValidationError(
            {"If-Match": [_('Send the ETag a GET returned, such as "3".')]}
        ) from None
    if field is not None and field != from_header:
        raise exceptions.ValidationError({"version": [_("The version field and If-Match disagree.")]})
    return from_header


class ModerationAPIView(WorkflowErrorsMixin, APIView):
    """
    Tokens first, so that an anonymous request gets 401 with `WWW-Authenticate: Token`; the admin
    session second. Responses are never stored by a shared cache: they carry personal data.
    """

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsCommentModerator]
    parser_classes = [JSONParser]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response

    def comment_response(self, comment_id, status_code=status.HTTP_200_OK):
        """The comment as moderators see it now, with its version as the ETag."""
        comment = selectors.moderation_comments().get(pk=comment_id)
        response = Response(ModerationCommentSerializer(comment).data, status=status_code)
        response["ETag"] = f'"{comment.version}"'
        return response


class ModerationQueuePagination(StandardPagination):
    """Counts the filtered comments alone; only the page's rows get their article and parent."""

    django_paginator_class = ModerationPaginator


class ModerationQueueView(ModerationAPIView, generics.ListAPIView):
    """The comments waiting for a moderator (or any status), oldest first."""

    serializer_class = ModerationCommentSerializer
    pagination_class = ModerationQueuePagination
    filterset_class = CommentQueueFilterSet

    def get_queryset(self):
        return selectors.queue_comments()


class ModerationCommentView(ModerationAPIView):
    """GET one comment; PATCH its body (the original stays in its history)."""

    @extend_schema(responses=ModerationCommentSerializer, parameters=[COMMENT_ID])
    def get(self, request, pk):
        return self.comment_response(pk)

    @extend_schema(
        request=CommentEditSerializer,
        responses=ModerationCommentSerializer,
        parameters=[COMMENT_ID, IF_MATCH],
    )
    def patch(self, request, pk):
        serializer = CommentEditSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = services.comment_edit(
            comment_id=pk,
            body=serializer.validated_data["body"],
            reason=serializer.validated_data["reason"],
            actor=request.user,
            expected_version=expected_version(request, serializer.validated_data),
        )
        return self.comment_response(comment.pk)


class ModerationActionView(ModerationAPIView):
    """approve, reject, spam, not-spam, remove or restore one comment."""

    @extend_schema(
        operation_id="moderation_comments_action",
        request=ModerationActionSerializer,
        responses=ModerationCommentSerializer,
        parameters=[COMMENT_ID, ACTION, IF_MATCH],
    )
    def post(self, request, pk, action):
        serializer = ModerationActionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = services.comment_moderate(
            comment_id=pk,
            action=action,
            reason=serializer.validated_data["reason"],
            actor=request.user,
            expected_version=expected_version(request, serializer.validated_data),
        )
        return self.comment_response(comment.pk)


class ModerationBulkView(ModerationAPIView):
    """One action on many comments; a result per id, each applied in its own transaction."""

    @extend_schema(request=BulkActionSerializer, responses=BulkResultSerializer)
    def post(self, request):
        serializer = BulkActionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        outcomes = services.comments_bulk_moderate(**serializer.validated_data, actor=request.user)
        result = {"action": serializer.validated_data["action"], "results": outcomes}
        return Response(BulkResultSerializer(result).data)


class ModerationReplyView(ModerationAPIView):
    """Answer an approved comment on the shop's behalf; the reply is published at once."""

    @extend_schema(
        request=ReplySerializer, responses={201: ModerationCommentSerializer}, parameters=[COMMENT_ID]
    )
    def post(self, request, pk):
        serializer = ReplySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        reply = services.comment_reply(parent_id=pk, **serializer.validated_data, actor=request.user)
        return self.comment_response(reply.pk, status.HTTP_201_CREATED)


class CannedReplyListView(ModerationAPIView, generics.ListAPIView):
    """The active canned replies moderators pick from to answer a comment, by title."""

    serializer_class = CannedReplySerializer
    pagination_class = StandardPagination
    filter_backends = []

    def get_queryset(self):
        return selectors.active_canned_replies()


class ModerationHistoryView(ModerationAPIView, generics.ListAPIView):
    """Every change to one comment, oldest first: the audit log."""

    serializer_class = AuditEntrySerializer
    pagination_class = StandardPagination
    filter_backends = []
    queryset = AuditEntry.objects.none()

    @extend_schema(parameters=[COMMENT_ID])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if not selectors.moderation_comments().filter(pk=self.kwargs["pk"]).exists():
            raise exceptions.NotFound(_("No comment has this id."))
        return selectors.comment_history(self.kwargs["pk"])


class ModerationStatsView(ModerationAPIView):
    """
    Counts per status and of safety-flagged comments, the age of the oldest pending comment, the
    pending count per article.
    """

    @extend_schema(responses=StatsSerializer)
    def get(self, request):
        return Response(StatsSerializer(selectors.moderation_stats()).data)


class ModerationBlockView(ModerationAPIView):
    """Block the email address and/or IP address of a comment's author, from the queue item."""

    @extend_schema(request=BlockSerializer, responses=BlockResultSerializer, parameters=[COMMENT_ID])
    def post(self, request, pk):
        serializer = BlockSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = selectors.moderation_comments().get(pk=pk)
        if serializer.validated_data["ip"] and not comment.ip_address:
            raise exceptions.ValidationError({"ip": [_("This comment has no IP address to block.")]})
        try:
            blocked = blocklist.block_author(comment=comment, **serializer.validated_data, actor=request.user)
        except SharedAddress as error:
            raise exceptions.ValidationError({"ip": [error.message]}) from None
        return Response(BlockResultSerializer({"entries": blocked}).data)


class RevokeTrustView(ModerationAPIView):
    """Take trust away from a commenter's address: their comments wait in the queue again."""

    @extend_schema(request=RevokeTrustSerializer, responses=CommenterSerializer)
    def post(self, request):
        serializer = RevokeTrustSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        commenter = trust.revoke_trust(**serializer.validated_data, actor=request.user)
        return Response(CommenterSerializer(commenter).data)
