"""The app proxy's signature, checked against Shopify's own documented example."""

import pytest
from django.http import QueryDict
from rest_framework.exceptions import AuthenticationFailed

from api.comments.app_proxy import signed_message, verify

# shopify.dev, "Authenticate app proxies": the forwarded query, the shared secret "hush" and the
# signature the page shows (its shop is "shop-name.myshopify.com" in the original example).
DOCUMENTED_QUERY = (
    "extra=1&extra=2&shop=shop-name.myshopify.com&logged_in_customer_id=1"
    "&path_prefix=%2Fapps%2Fawesome_reviews&timestamp=1317327555"
    "&signature=4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb"
)
DOCUMENTED_MESSAGE = (
    "extra=1,2logged_in_customer_id=1path_prefix=/apps/awesome_reviews"
    "shop=shop-name.myshopify.comtimestamp=1317327555"
)
DOCUMENTED_TIME = 1317327555


def test_the_signed_message_is_the_one_shopify_documents():
    assert signed_message(QueryDict(DOCUMENTED_QUERY)) == DOCUMENTED_MESSAGE


def test_shopifys_documented_example_verifies_and_names_the_customer():
    proxy = verify(QueryDict(DOCUMENTED_QUERY), secret="hush", now=DOCUMENTED_TIME)  # noqa: S106

    assert (proxy.shop, proxy.customer_id, proxy.path_prefix, proxy.timestamp) == (
        "shop-name.myshopify.com",
        1,
        "/apps/awesome_reviews",
        DOCUMENTED_TIME,
    )


def test_the_documented_anonymous_example_verifies_without_a_customer():
    # The same page's signature when nobody is logged in: the empty value is still signed.
    query = DOCUMENTED_QUERY.replace("logged_in_customer_id=1", "logged_in_customer_id=").replace(
        "4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb",
        "e072b6d7e6622d85912a5214b860d3100dc1e73d9bc29f43796ac8c9ff8093cb",
    )

    assert verify(QueryDict(query), secret="hush", now=DOCUMENTED_TIME).customer_id is None  # noqa: S106


@pytest.mark.parametrize(
    ("query", "secret", "now"),
    [
        pytest.param(DOCUMENTED_QUERY, "not-hush", DOCUMENTED_TIME, id="another secret"),
        pytest.param(
            DOCUMENTED_QUERY.replace("customer_id=1", "customer_id=2"),
            "hush",
            DOCUMENTED_TIME,
            id="customer changed",
        ),
        pytest.param(DOCUMENTED_QUERY.replace("extra=2&", ""), "hush", DOCUMENTED_TIME, id="a value dropped"),
        pytest.param(DOCUMENTED_QUERY + "&extra=3", "hush", DOCUMENTED_TIME, id="a value added"),
        pytest.param(
            DOCUMENTED_QUERY.replace("signature=4c", "signature=4C"), "hush", DOCUMENTED_TIME, id="upper case"
        ),
        pytest.param(DOCUMENTED_QUERY.split("&signature=")[0], "hush", DOCUMENTED_TIME, id="no signature"),
        pytest.param(DOCUMENTED_QUERY, "hush", DOCUMENTED_TIME + 301, id="five minutes and a second old"),
        pytest.param(DOCUMENTED_QUERY, "hush", DOCUMENTED_TIME - 301, id="from the future"),
        pytest.param(DOCUMENTED_QUERY, "", DOCUMENTED_TIME, id="no secret set"),
    ],
)
def test_a_forged_altered_stale_or_unsigned_query_is_refused(query, secret, now):
    with pytest.raises(AuthenticationFailed):
        verify(QueryDict(query), secret=secret, now=now)


def test_a_request_signed_exactly_five_minutes_ago_is_still_accepted():
    assert verify(QueryDict(DOCUMENTED_QUERY), secret="hush", now=DOCUMENTED_TIME + 300).customer_id == 1  # noqa: S106
