"""
The moderators' side: the queue, one comment, its actions and history, bulk actions, replies,
statistics. Each view validates its input, calls one moderation service and serializes the result.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, generics, status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.response import Response
from rest_framework.views import APIView

from api.pagination import StandardPagination
from api.parsers import JSONParser
from moderation import selectors, services
from moderation.abuse import blocklist, trust
from moderation.exceptions import SharedAddress
from moderation.models import AuditEntry
from moderation.pagination import ModerationPaginator
from moderation.workflow import ACTIONS

from .errors import WorkflowErrorsMixin
from .filters import CommentQueueFilterSet
from .permissions import IsCommentModerator
from .schema import ACTION, BODY_ERRORS, COMMENT_ID, IF_MATCH, moderation_operation
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
    ModerationCommentDetailSerializer,
    ModerationCommentSerializer,
    ReplySerializer,
    RevokeTrustSerializer,
    StatsSerializer,
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
        comment = selectors.moderation_comment(comment_id)
        response = Response(ModerationCommentDetailSerializer(comment).data, status=status_code)
        response["ETag"] = f'"{comment.version}"'
        return response


class ModerationQueuePagination(StandardPagination):
    """Counts the filtered comments alone; only the page's rows get their article and parent."""

    django_paginator_class = ModerationPaginator


@extend_schema_view(
    get=moderation_operation(
        _("The moderation queue"),
        _("Comments waiting for a moderator, oldest first; `status` shows another status or all."),
        responses={200: ModerationCommentSerializer(many=True)},
        errors=[400],
    )
)
class ModerationQueueView(ModerationAPIView, generics.ListAPIView):
    """The comments waiting for a moderator (or any status), oldest first."""

    serializer_class = ModerationCommentSerializer
    pagination_class = ModerationQueuePagination
    filterset_class = CommentQueueFilterSet

    def get_queryset(self):
        return selectors.queue_comments()


class ModerationCommentView(ModerationAPIView):
    """GET one comment; PATCH its body (the original stays in its history)."""

    @moderation_operation(
        _("One comment"),
        _("Everything about it a moderator needs; its `version` is also its ETag."),
        responses={200: ModerationCommentDetailSerializer},
        errors=[404],
        parameters=[COMMENT_ID],
    )
    def get(self, request, pk):
        return self.comment_response(pk)

    @moderation_operation(
        _("Edit a comment's body"),
        _("The original body stays in the comment's history."),
        request=CommentEditSerializer,
        responses={200: ModerationCommentDetailSerializer},
        errors=[*BODY_ERRORS, 404, 412],
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

    @moderation_operation(
        _("Moderate a comment"),
        _(
            "approve, reject, spam, not-spam, remove or restore; each allowed from some statuses only. "
            "An approval may carry a `reply` or `canned_reply`: the staff reply is published with "
            "it, both or neither."
        ),
        operation_id="moderation_comments_action",
        request=ModerationActionSerializer,
        responses={200: ModerationCommentDetailSerializer},
        errors=[*BODY_ERRORS, 404, 409, 412],
        parameters=[COMMENT_ID, ACTION, IF_MATCH],
    )
    def post(self, request, pk, action):
        serializer = ModerationActionSerializer(data=request.data, context={"action": action})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        changed = {
            "comment_id": pk,
            "reason": data["reason"],
            "actor": request.user,
            "expected_version": expected_version(request, data),
        }
        if "reply" in data or "canned_reply" in data:
            comment, _reply = services.comment_approve_and_reply(
                **changed, body=data.get("reply", ""), canned_reply=data.get("canned_reply")
            )
        else:
            comment = services.comment_moderate(**changed, action=action)
        return self.comment_response(comment.pk)


@extend_schema(exclude=True)
class UnknownActionView(ModerationAPIView):
    """
    `moderation/comments/<id>/<anything else>/`: a moderator's typo is told which actions there
    are, rather than the bare 404 of an unknown path.
    """

    def post(self, request, pk, action):
        raise exceptions.NotFound(
            _("There is no moderation action %(action)r; the actions are %(actions)s.")
            % {"action": action, "actions": ", ".join(ACTIONS)}
        )


class ModerationBulkView(ModerationAPIView):
    """One action on many comments; a result per id, each applied in its own transaction."""

    @moderation_operation(
        _("Moderate many comments"),
        _("One action on up to 100 comments, each in its own transaction, with a result per id."),
        request=BulkActionSerializer,
        responses={200: BulkResultSerializer},
        errors=BODY_ERRORS,
    )
    def post(self, request):
        serializer = BulkActionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        outcomes = services.comments_bulk_moderate(**serializer.validated_data, actor=request.user)
        result = {"action": serializer.validated_data["action"], "results": outcomes}
        return Response(BulkResultSerializer(result).data)


class ModerationReplyView(ModerationAPIView):
    """
    Answer a comment on the shop's behalf: publicly (an approved comment; the reply is published
    at once), or privately (by email to the commenter alone).
    """

    @moderation_operation(
        _("Reply as the clinic"),
        _(
            "A staff reply to an approved comment, published at once; the response is the reply. "
            "With `private`, the answer is emailed to the commenter of a pending or approved "
            "comment and never published; the response is the comment, with its private_replies."
        ),
        request=ReplySerializer,
        responses={201: ModerationCommentDetailSerializer},
        errors=[*BODY_ERRORS, 404, 409],
        parameters=[COMMENT_ID],
    )
    def post(self, request, pk):
        serializer = ReplySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        answer = {
            "body": data.get("body", ""),
            "canned_reply": data.get("canned_reply"),
            "actor": request.user,
        }
        if data["private"]:
            entry = services.comment_reply_privately(comment_id=pk, **answer)
            return self.comment_response(entry.comment_id, status.HTTP_201_CREATED)
        reply = services.comment_reply(parent_id=pk, **answer)
        return self.comment_response(reply.pk, status.HTTP_201_CREATED)


@extend_schema_view(
    get=moderation_operation(
        _("Canned replies"),
        _("The active approved answers, by title; send one's id as `canned_reply` with a reply."),
        responses={200: CannedReplySerializer(many=True)},
        errors=[400],
    )
)
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

    @moderation_operation(
        _("A comment's history"),
        _("Every change to the comment, oldest first: who, when, from which status, why."),
        responses={200: AuditEntrySerializer(many=True)},
        errors=[400, 404],
        parameters=[COMMENT_ID],
    )
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

    @moderation_operation(
        _("Queue statistics"),
        _("Counts per status, the oldest pending comment's age, pending comments per article."),
        responses={200: StatsSerializer},
    )
    def get(self, request):
        return Response(StatsSerializer(selectors.moderation_stats()).data)


class ModerationBlockView(ModerationAPIView):
    """Block the email address and/or IP address of a comment's author, from the queue item."""

    @moderation_operation(
        _("Block a comment's author"),
        _("Adds the author's email and/or IP address to the blocklist."),
        request=BlockSerializer,
        responses={200: BlockResultSerializer},
        errors=[*BODY_ERRORS, 404],
        parameters=[COMMENT_ID],
    )
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

    @moderation_operation(
        _("Revoke a commenter's trust"),
        _("Their comments wait in the queue again; confirming the address again does not restore it."),
        request=RevokeTrustSerializer,
        responses={200: CommenterSerializer},
        errors=[*BODY_ERRORS, 404],
    )
    def post(self, request):
        serializer = RevokeTrustSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        commenter = trust.revoke_trust(**serializer.validated_data, actor=request.user)
        return Response(CommenterSerializer(commenter).data)
