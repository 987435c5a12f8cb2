"""
Shopify's app proxy: the shop forwards `https://<shop>/apps/<subpath>/...` to this server, adding
`shop`, `logged_in_customer_id`, `path_prefix`, `timestamp` and a `signature` to the query.

The signature is verified exactly as Shopify documents it ("Authenticate app proxies"): every
query parameter but `signature`, each as `key=value` with the values of a repeated key joined by
commas, the pairs sorted and concatenated with no separator, HMAC-SHA256 with the app's shared
secret (SHOPIFY_APP_PROXY_SECRET), in lower-case hex. A request without a valid signature, or
signed more than SHOPIFY_APP_PROXY_MAX_AGE seconds ago (or ahead), is refused with 401 before the
view reads anything. Only a verified request is trusted for the reader's address (the
`X-Forwarded-For` entry Shopify added) and for the logged-in customer's id.
"""

import hashlib
import hmac
import time
from dataclasses import dataclass, replace

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.settings import api_settings as drf_settings

from api.throttling import valid_ip

from ..conf import api_settings

SIGNATURE = "signature"


@dataclass(frozen=True)
class ProxyRequest:
    """What a verified app proxy request says: the shop, who is logged in, the reader's address."""

    shop: str
    customer_id: int | None
    path_prefix: str
    timestamp: int
    client_ip: str | None


def signed_message(query):
    """The text Shopify signs: a QueryDict's pairs but `signature`, sorted, values comma-joined."""
    pairs = (f"{key}={','.join(values)}" for key, values in query.lists() if key != SIGNATURE)
    return "".join(sorted(pairs))


def signature_of(query, secret):
    message = signed_message(query).encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify(query, *, secret, now=None, max_age=None):
    """
    The ProxyRequest `query` (a QueryDict) carries, without its address; AuthenticationFailed
    when the secret is unset, or the signature is missing, wrong or stale.
    """
    if not secret:
        raise exceptions.AuthenticationFailed(_("The Shopify app proxy is not set up on this server."))
    given = query.get(SIGNATURE, "")
    if not given or not hmac.compare_digest(given.encode(), signature_of(query, secret).encode()):
        raise exceptions.AuthenticationFailed(_("The app proxy signature is missing or wrong."))
    try:
        timestamp = int(query.get("timestamp", ""))
    except ValueError:
        raise exceptions.AuthenticationFailed(_("The app proxy request has no valid timestamp.")) from None
    max_age = api_settings.SHOPIFY_APP_PROXY_MAX_AGE if max_age is None else max_age
    if abs((time.time() if now is None else now) - timestamp) > max_age:
        raise exceptions.AuthenticationFailed(_("The app proxy request is too old; reload the page."))
    customer = query.get("logged_in_customer_id", "")
    return ProxyRequest(
        shop=query.get("shop", ""),
        customer_id=int(customer) if customer.isascii() and customer.isdigit() else None,
        path_prefix=query.get("path_prefix", ""),
        timestamp=timestamp,
        client_ip=None,
    )


def forwarded_client_ip(request):
    """
    The reader's address on a verified proxy request: the `X-Forwarded-For` entry Shopify added,
    the one left of those NUM_PROXIES proxies of ours appended (entries further left are whatever
    the reader sent to the shop). None when there is no such entry.
    """
    addresses = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    position = (drf_settings.NUM_PROXIES or 0) + 1
    if not any(addresses) or len(addresses) < position:
        return None
    return valid_ip(addresses[-position])


class ShopifyAppProxyAuthentication(BaseAuthentication):
    """
    A request Shopify's app proxy signed: the reader stays anonymous (request.user), the
    ProxyRequest is `request.auth` and `request.shopify_app_proxy` (api.throttling.client_ip
    reads its address). Anything else is a 401.
    """

    def authenticate(self, request):
        proxy = verify(request.query_params, secret=api_settings.SHOPIFY_APP_PROXY_SECRET)
        proxy = replace(proxy, client_ip=forwarded_client_ip(request))
        request.shopify_app_proxy = proxy
        return AnonymousUser(), proxy

    def authenticate_header(self, request):
        # A 401 names how to authenticate; without this DRF would answer 403.
        return 'ShopifyAppProxy realm="api"'


class ShopifyAppProxyScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI document describes the proxy's signed query (for drf-spectacular)."""

    target_class = ShopifyAppProxyAuthentication
    name = "shopifyAppProxy"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "query",
            "name": SIGNATURE,
            "description": (
                "Added by Shopify's app proxy with `shop`, `logged_in_customer_id`, `path_prefix` "
                "and `timestamp`: HMAC-SHA256 of the sorted parameters with the app's secret."
            ),
        }
