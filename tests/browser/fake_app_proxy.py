"""
Shopify's app proxy as the example shop plays it for the browser tests: `/apps/clinic/...` on the
shop is forwarded to the CMS's `/api/v1/shopify/proxy/...`, the query signed as Shopify signs it,
the reader's address in X-Forwarded-For, and the logged-in customer taken from the shop's own
cookie (`customer_id`, standing for Shopify's customer session).
"""

import time
import urllib.error
import urllib.request
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode, urlsplit

from tests.app_proxy.helpers import sign

PREFIX = "/apps/clinic"
SECRET = "browser-app-proxy-secret"  # noqa: S105 - a test value
SHOP_DOMAIN = "abd-naturals.myshopify.com"
# Headers Shopify passes on either way (it strips cookies and others).
REQUEST_HEADERS = ("Content-Type", "Accept", "User-Agent")
RESPONSE_HEADERS = ("Content-Type", "Retry-After", "Cache-Control")


def forward(handler, api):
    """Answer `handler`'s request (GET or POST under PREFIX) with the CMS's answer to it, signed."""
    parts = urlsplit(handler.path)
    cookie = SimpleCookie(handler.headers.get("Cookie", ""))
    customer = cookie["customer_id"].value if "customer_id" in cookie else ""
    pairs = [
        *parse_qsl(parts.query, keep_blank_values=True),
        ("shop", SHOP_DOMAIN),
        ("logged_in_customer_id", customer),
        ("path_prefix", PREFIX),
        ("timestamp", str(int(time.time()))),
    ]
    query = urlencode([*pairs, ("signature", sign(pairs, SECRET))])
    url = f"{api}/api/v1/shopify/proxy{parts.path.removeprefix(PREFIX)}?{query}"
    length = int(handler.headers.get("Content-Length") or 0)
    request = urllib.request.Request(  # noqa: S310 - the test's own CMS, over http
        url,
        data=handler.rfile.read(length) if length else None,
        method=handler.command,
        headers={
            **{name: handler.headers[name] for name in REQUEST_HEADERS if handler.headers[name]},
            "X-Forwarded-For": handler.client_address[0],
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - the test's CMS
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    handler.send_response(status)
    for name in RESPONSE_HEADERS:
        if headers.get(name):
            handler.send_header(name, headers[name])
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)
