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
    FormTokenSerializer,
    PublicCommentSerializer,
    SubmissionReceiptSerializer,
)

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


def commentable_article(slug):
    """
    The article, published and public: an unpublished or private one is a 404 to reading, to
    commenting and to the form token alike, so none tells it apart from one that does not exist.
    """
    article = selectors.article_by_slug(slug)
    if article is None or not article.is_public:
        raise exceptions.NotFound(_("No article has this slug."))
    return article


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
        return commentable_article(self.kwargs["slug"])

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
    GET: the approved comments of a published article, oldest first: public and cached, the same
    for every reader (the form's token is CommentFormTokenView's).
    POST: submit a comment; it waits for approval (202). Both are throttled per client IP.
    """

    @comments_operation(
        _("An article's comments"),
        _("Its approved comments, oldest first. The comment form's token is the form-token endpoint's."),
        responses={200: PublicCommentSerializer(many=True)},
        errors=[400, 404],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

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


class CommentFormTokenView(RecordedThrottlesMixin, APIView):
    """
    The token an article's comment form sends back with a comment (`form_token`): signed, for
    this article, dated now. Its own `private, no-store` answer, never the cached comments': each
    reader (behind a CDN too) gets their own, so the spam checks' "reused" and "expired" signals
    speak of the reader, not of a copy many readers shared.
    """

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = COMMENT_THROTTLES

    @comments_operation(
        _("A comment form's token"),
        _("Fetch it when showing the form, send it back as `form_token`. Never cached."),
        responses={200: FormTokenSerializer},
        errors=[404],
    )
    def get(self, request, slug):
        article = commentable_article(slug)
        response = Response(FormTokenSerializer({"form_token": form_token.issue(article.pk)}).data)
        response["Cache-Control"] = "private, no-store"
        return response


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
