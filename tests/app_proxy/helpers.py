"""Requests as Shopify's app proxy sends them, signed the way its documentation shows."""

import hashlib
import hmac
import time
from collections import defaultdict
from urllib.parse import urlencode

from django.urls import reverse

SECRET = "app-proxy-test-secret"  # noqa: S105 - a test value
SHOP = "abd-naturals.myshopify.com"


def sign(pairs, secret=SECRET):
    """Shopify's recipe, written out separately from the code under test."""
    values = defaultdict(list)
    for key, value in pairs:
        values[key].append(value)
    message = "".join(sorted(f"{key}={','.join(vals)}" for key, vals in values.items()))
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()


def proxy_query(*, customer="", timestamp=None, secret=SECRET, extra=(), signature=None):
    """The query Shopify adds to a forwarded request, signed (or with `signature` as given)."""
    pairs = [
        *extra,
        ("shop", SHOP),
        ("logged_in_customer_id", customer),
        ("path_prefix", "/apps/clinic"),
        ("timestamp", str(int(time.time()) if timestamp is None else timestamp)),
    ]
    given = sign(pairs, secret) if signature is None else signature
    return urlencode([*pairs, ("signature", given)] if given else pairs)


def proxy_url(slug, **query):
    path = reverse("api:shopify-proxy-comments", args=[slug])
    return f"{path}?{proxy_query(**query)}"


def proxy_form_token_url(slug, **query):
    path = reverse("api:shopify-proxy-comment-form-token", args=[slug])
    return f"{path}?{proxy_query(**query)}"
