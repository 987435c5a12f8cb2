"""
Signed JSON events POSTed to COMMENT_WEBHOOK_URL: one per new comment and per change.

The receiver verifies `X-Comment-Signature: sha256=<hex>`, the HMAC-SHA256 of the raw request
body keyed with COMMENT_WEBHOOK_SECRET (docs/moderation.md shows how).
"""

import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from ..conf import moderation_settings
from .outbox import DeliveryFailed

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Comment-Signature"
EVENT_HEADER = "X-Comment-Event"
DELIVERY_HEADER = "X-Comment-Delivery"


def sign(payload, secret):
    """The signature header value for `payload` (bytes)."""
    digest = hmac.new(secret.encode(), payload, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def encode(event):
    return json.dumps(event, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()


def deliver(event):
    """
    POST one event; True when the receiver answered 2xx, False when the settings forbid sending.

    A receiver that is down, slow or broken raises DeliveryFailed: the worker tries again later
    with the same event id (outbox.py). Nobody who changed a comment waits for this.
    """
    url = moderation_settings.COMMENT_WEBHOOK_URL
    secret = moderation_settings.COMMENT_WEBHOOK_SECRET
    if not url:
        return False
    if not secret:
        logger.error(
            "COMMENT_WEBHOOK_URL is set without COMMENT_WEBHOOK_SECRET: event %s not sent", event["id"]
        )
        return False
    if urlsplit(url).scheme not in {"http", "https"}:
        logger.error("COMMENT_WEBHOOK_URL must be an http(s) URL: event %s not sent", event["id"])
        return False
    payload = encode(event)
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url,
        data=payload,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "comment-moderation-webhook/1",
            EVENT_HEADER: event["type"],
            DELIVERY_HEADER: event["id"],
            SIGNATURE_HEADER: sign(payload, secret),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=moderation_settings.COMMENT_WEBHOOK_TIMEOUT):  # noqa: S310
            return True
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise DeliveryFailed(f"Comment webhook {event['id']} to {url} failed: {error}") from error
