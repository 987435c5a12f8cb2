"""
The signed token the comment form fetches from its own never-cached endpoint, and that the
comment form sends back: it says for which article and when the form was loaded, so a
submission can be timed. A missing, forged, expired or reused token does not refuse the comment;
it is a spam signal (moderation/abuse/spam.py).
"""

import hashlib
import time
from dataclasses import dataclass

from django.core import signing
from django.core.cache import cache

from ..conf import moderation_settings

SALT = "moderation.comment-form-token"


def issue(article_id, *, now=None):
    """A token for the comment form of `article_id`, issued now."""
    return signing.dumps({"a": article_id, "t": now if now is not None else time.time()}, salt=SALT)


@dataclass(frozen=True)
class TokenCheck:
    """What a token says: `problem` when it is not usable, else the seconds since it was issued."""

    problem: str = ""
    elapsed: float | None = None


def check(token, article_id, *, now=None):
    if not token:
        return TokenCheck(problem="missing")
    try:
        payload = signing.loads(token, salt=SALT, max_age=moderation_settings.COMMENT_FORM_TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        return TokenCheck(problem="expired")
    except signing.BadSignature:
        return TokenCheck(problem="invalid")
    if not isinstance(payload, dict) or payload.get("a") != article_id:
        return TokenCheck(problem="for another article")
    issued = payload.get("t")
    if not isinstance(issued, int | float):
        return TokenCheck(problem="invalid")
    return TokenCheck(elapsed=(now if now is not None else time.time()) - issued)


def first_use(token):
    """
    Whether this is the first submission to carry `token` (each form load hands out a new one),
    as the shared cache remembers for the token's lifetime: True, False, or None when the cache
    cannot say (unreachable).
    """
    key = "moderation:form-token:" + hashlib.blake2b(token.encode(), digest_size=16).hexdigest()
    added = cache.add(key, 1, timeout=moderation_settings.COMMENT_FORM_TOKEN_MAX_AGE)
    return None if added is None else bool(added)
