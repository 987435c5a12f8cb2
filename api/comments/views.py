"""The readers' side: an article's approved comments, and the form that submits new ones."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, generics, status
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from api.caching.responses import CachedResponseMixin
from api.pagination import StandardPagination
from api.parsers import JSONParser
from api.throttling import COMMENT_THROTTLES, RecordedThrottlesMixin, TokenLoginThrottle, client_ip
from moderation import selectors, services
from moderation.abuse import form_token, trust
from moderation.exceptions import NotReplyable
from moderation.models import Comment

from .errors import WorkflowErrorsMixin
from .schema import BODY_ERRORS, MODERATION_TAG, comments_operation, error_responses
from .serializers import (
    CommentSubmissionSerializer,
    EmailConfirmationSerializer,
    EmailConfirmedSerializer,
    PublicCommentSerializer,
    SubmissionReceiptSerializer,
)

FORM_TOKEN_HEADER = "Comment-Form-Token"  # noqa: S105 - a header name
CONFIRMED_MESSAGE = _("Thank you: your email address is confirmed.")
SUBMITTED_MESSAGE = _(
    "Thank you! Comments need to be approved before they are published; yours will appear "
    "once a moderator has read it."
)


def reader_status(comment):
    """
    What the reader is told: "approved" when their comment is published, else "pending", so a
    comment the spam checks held back looks exactly like one waiting for a moderator.
    """
    return comment.status if comment.status == Comment.Status.APPROVED else Comment.Status.PENDING


FORM_TOKEN_PARAMETER = OpenApiParameter(
    FORM_TOKEN_HEADER,
    str,
    OpenApiParameter.HEADER,
    response=[200],
    description=_("Send it back as `form_token` with a comment."),
)


def with_form_token(response, article_id):
    """The comments GET's response with the token the comment form sends back."""
    response[FORM_TOKEN_HEADER] = form_token.issue(article_id)
    return response


class ArticleCommentsBase(WorkflowErrorsMixin, generics.ListAPIView):
    """
    An article's approved comments (GET) and a reader's new comment (POST, `submit`): what the
    public endpoint and the Shopify app proxy's (app_proxy_views.py) share.
    """

    permission_classes = [AllowAny]
    parser_classes = [JSONParser]
    throttle_classes = COMMENT_THROTTLES
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
        """
        The article, published and public: an unpublished or private one is a 404 to reading
        and to commenting alike, so neither tells it apart from one that does not exist.
        """
        article = selectors.article_by_slug(self.kwargs["slug"])
        if article is None or not article.is_public:
            raise exceptions.NotFound(_("No article has this slug."))
        return article

    def get_queryset(self):
        return selectors.approved_comments(self.article)

    def submit(self, request, **extra):
        """Validate the reader's comment and hand it to the service with `extra`; the 202 receipt."""
        services.ensure_open_for_comments(self.article)
        serializer = CommentSubmissionSerializer(data=request.data, context={"article": self.article})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        comment = services.comment_submit(
            article=self.article,
            author_name=data["author_name"],
            author_email=data["author_email"],
            body=data["body"],
            parent=data.get("parent"),
            honeypot=data["website"],
            form_token=data["form_token"],
            commenter_token=data["commenter_token"],
            notify=data["notify"],
            ip_address=client_ip(request),
            user_agent=request.headers.get("User-Agent", ""),
            **extra,
        )
        receipt = {"id": comment.pk, "status": reader_status(comment), "message": SUBMITTED_MESSAGE}
        return Response(SubmissionReceiptSerializer(receipt).data, status=status.HTTP_202_ACCEPTED)


class ArticleCommentsView(RecordedThrottlesMixin, CachedResponseMixin, ArticleCommentsBase):
    """
    GET: the approved comments of a published article, oldest first, and in the
    `Comment-Form-Token` header the token the comment form sends back.
    POST: submit a comment; it waits for approval (202). Both are throttled per client IP.
    """

    def cache_state(self):
        return {"article_id": self.article.pk}

    def hit(self, stored):
        return with_form_token(super().hit(stored), stored.state["article_id"])

    @comments_operation(
        _("An article's comments"),
        _("Its approved comments, oldest first, and the comment form's token in a header."),
        responses={200: PublicCommentSerializer(many=True)},
        errors=[400, 404],
        parameters=[FORM_TOKEN_PARAMETER],
    )
    def get(self, request, *args, **kwargs):
        # A hit never gets here: hit() answers it, token included.
        return with_form_token(super().get(request, *args, **kwargs), self.article.pk)

    @comments_operation(
        _("Submit a comment"),
        _(
            "Accepted for moderation (202): it is published once a moderator approves it. 403 when "
            "the article's comments are closed."
        ),
        request=CommentSubmissionSerializer,
        responses={202: SubmissionReceiptSerializer},
        errors=[*BODY_ERRORS, 403, 404],
    )
    def post(self, request, slug):
        return self.submit(request)


class EmailConfirmationView(RecordedThrottlesMixin, APIView):
    """
    Confirm a commenter's email address with the signed token of the link we emailed them:
    GET (the link itself) or POST `{"token"}` (a frontend page that received the link).
    """

    authentication_classes = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser]
    throttle_classes = COMMENT_THROTTLES

    @comments_operation(
        _("Confirm a commenter's email (the emailed link)"),
        _("Answers with the commenter token the reader's browser keeps."),
        parameters=[OpenApiParameter("token", str, required=True)],
        responses={200: EmailConfirmedSerializer},
        errors=[400],
    )
    def get(self, request):
        return self.confirm(request.query_params.get("token", ""))

    @comments_operation(
        _("Confirm a commenter's email (from a frontend page)"),
        _("The token of the emailed link, posted by the frontend's own confirmation page."),
        request=EmailConfirmationSerializer,
        responses={200: EmailConfirmedSerializer},
        errors=BODY_ERRORS,
    )
    def post(self, request):
        serializer = EmailConfirmationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self.confirm(serializer.validated_data["token"])

    def confirm(self, token):
        try:
            commenter = trust.confirm_email(token)
        except trust.InvalidConfirmation as error:
            raise exceptions.ValidationError({"token": [error.message]}) from None
        result = {
            "email": commenter.email,
            "confirmed": True,
            "message": CONFIRMED_MESSAGE,
            "commenter_token": trust.commenter_token(commenter.email),
        }
        response = Response(EmailConfirmedSerializer(result).data)
        response["Cache-Control"] = "private, no-store"
        return response


@extend_schema_view(
    post=extend_schema(
        tags=[MODERATION_TAG],
        summary=_("Get a moderator's token"),
        description=_("A username and password for the token that `Authorization: Token <key>` sends."),
        auth=[],
        responses={
            200: ObtainAuthToken.serializer_class,
            **error_responses((*BODY_ERRORS, 429), reads_body=True),
        },
    )
)
class TokenView(ObtainAuthToken):
    """
    `{username, password}` -> `{"token"}`, for `Authorization: Token <key>`. Password guessing
    is limited per address (TokenLoginThrottle) and, where the site locks accounts out (django-axes
    in cms/settings), under the same policy as the admin login.
    """

    authentication_classes = []
    parser_classes = [JSONParser]
    throttle_classes = [TokenLoginThrottle]

    def get_serializer_context(self):
        # Authentication backends (django-axes) flag a lockout on Django's own request, which
        # the site's middleware answers: hand them that one, not DRF's wrapper.
        return {**super().get_serializer_context(), "request": self.request._request}

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response
