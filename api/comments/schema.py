"""
The OpenAPI description of the comment and moderation endpoints: their tags, summaries, path and
header parameters, and the errors each answers (api/schema.py).
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema

from moderation.workflow import ACTIONS

from ..schema import error_responses

PUBLIC_TAG = "comments"
MODERATION_TAG = "moderation"

COMMENT_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The comment's id.")
ACTION = OpenApiParameter("action", str, OpenApiParameter.PATH, enum=list(ACTIONS))
IF_MATCH = OpenApiParameter(
    "If-Match",
    location=OpenApiParameter.HEADER,
    required=False,
    description='The ETag of the comment you saw, such as "3"; a stale one is refused with 412.',
)

# What every moderator's endpoint may answer besides its own errors.
MODERATOR_ERRORS = (401, 403, 429)
# What every endpoint that reads a JSON body may answer.
BODY_ERRORS = (400, 413, 415)


def comments_operation(summary, description, *, responses, errors=(), **kwargs):
    """A public comment endpoint: anyone may call it, without credentials."""
    return extend_schema(
        tags=[PUBLIC_TAG],
        summary=summary,
        description=description,
        auth=[],
        responses={**responses, **error_responses((*errors, 429), reads_body="request" in kwargs)},
        **kwargs,
    )


def moderation_operation(summary, description, *, responses, errors=(), **kwargs):
    """A moderator's endpoint: a token (or the admin's session) of a comment moderator."""
    return extend_schema(
        tags=[MODERATION_TAG],
        summary=summary,
        description=description,
        responses={
            **responses,
            **error_responses((*errors, *MODERATOR_ERRORS), reads_body="request" in kwargs),
        },
        **kwargs,
    )
