"""How the workflow's refusals read over HTTP."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status

from moderation.exceptions import CommentsClosed, InvalidReply, InvalidTransition, NotReplyable, StaleVersion
from moderation.models import Comment


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("This change does not apply to the comment as it is now.")
    default_code = "conflict"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("The comment changed since you loaded it.")
    default_code = "stale_version"


class WorkflowErrorsMixin:
    """
    Turns the moderation services' exceptions into DRF's: closed comments 403, unknown comment
    404, a refused transition 409, a stale version 412, a reply with nothing to show 400 on its
    `body`. A view may override `workflow_errors`.
    """

    workflow_errors = {
        CommentsClosed: exceptions.PermissionDenied,
        InvalidReply: lambda message: exceptions.ValidationError({"body": [message]}),
        InvalidTransition: Conflict,
        NotReplyable: Conflict,
        StaleVersion: PreconditionFailed,
    }

    def handle_exception(self, exc):
        if isinstance(exc, Comment.DoesNotExist):
            exc = exceptions.NotFound(_("No comment has this id."))
        for error_class, api_error in self.workflow_errors.items():
            if isinstance(exc, error_class):
                exc = api_error(exc.message)
                break
        return super().handle_exception(exc)
