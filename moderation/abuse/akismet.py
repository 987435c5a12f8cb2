"""
Akismet (https://akismet.com/developers/): a second opinion on each submission, and the
moderators' decisions sent back so it learns. Off unless AKISMET_API_KEY is set.

Calls are short (AKISMET_TIMEOUT) and never raise: Akismet being down or slow costs the reader
nothing but the check (the comment is stored and a moderator sees the check did not happen).
The server only ever talks to AKISMET_ENDPOINT, never to a URL a comment contains.
"""

import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from articles.conf import articles_settings

from ..conf import moderation_settings

logger = logging.getLogger(__name__)


class AkismetUnavailable(Exception):
    """Akismet could not be reached or did not answer in time."""


def enabled():
    return bool(moderation_settings.AKISMET_API_KEY)


@dataclass(frozen=True)
class Verdict:
    """`spam` True/False, or None when Akismet could not be asked; `discard` for blatant spam."""

    spam: bool | None
    discard: bool = False
    error: str = ""


def comment_fields(comment):
    """What Akismet is told about a comment (a Comment or an unsaved one with the same fields)."""
    return {
        "blog": moderation_settings.AKISMET_BLOG_URL or articles_settings.FRONTEND_BASE_URL,
        "user_ip": comment.ip_address or "",
        "user_agent": comment.user_agent or "",
        "comment_type": "reply" if comment.parent_id else "comment",
        "comment_author": comment.author_name,
        "comment_author_email": comment.author_email,
        "comment_content": comment.body,
        "blog_charset": "UTF-8",
    }


def check(fields):
    """Ask Akismet's comment-check about `fields`."""
    try:
        answer, headers = _post("comment-check", fields)
    except AkismetUnavailable as error:
        return Verdict(spam=None, error=str(error))
    if answer not in {"true", "false"}:
        help_text = headers.get("X-akismet-debug-help")
        return Verdict(spam=None, error=help_text or f"unexpected answer {answer!r}")
    return Verdict(spam=answer == "true", discard=headers.get("X-akismet-pro-tip") == "discard")


def submit(kind, fields):
    """Tell Akismet a moderator's decision: `kind` is "spam" or "ham". True when it was received."""
    try:
        _post(f"submit-{kind}", fields)
    except AkismetUnavailable as error:
        logger.warning("Akismet submit-%s failed: %s", kind, error)
        return False
    return True


def _post(method, fields):
    endpoint = moderation_settings.AKISMET_ENDPOINT.rstrip("/")
    if urllib.parse.urlsplit(endpoint).scheme not in {"http", "https"}:
        raise AkismetUnavailable("AKISMET_ENDPOINT must be an http(s) URL")
    data = urllib.parse.urlencode({**fields, "api_key": moderation_settings.AKISMET_API_KEY}).encode()
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        f"{endpoint}/{method}",
        data=data,
        method="POST",
        headers={
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
            "User-Agent": "wellness-articles-comments/1",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=moderation_settings.AKISMET_TIMEOUT) as response:  # noqa: S310
            return response.read(1024).decode("utf-8", "replace").strip(), response.headers
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise AkismetUnavailable(str(error)) from error
