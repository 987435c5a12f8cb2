"""
Rate limits per client IP address, counted in the shared cache (Redis in production), so every
gunicorn worker sees the same counts.

- comment submissions: COMMENT_THROTTLE_RATE (a burst) and COMMENT_THROTTLE_DAILY_RATE (a cap),
  counting stored submissions only; refused ones count against COMMENT_REFUSED_THROTTLE_RATE;
- public reads (anonymous GETs of every API view): API_READ_THROTTLE_RATE;
- password attempts at the token endpoint: API_TOKEN_THROTTLE_RATE.

A throttled request gets 429 with `Retry-After` and `{"detail": ...}`. When the cache is
unreachable, COMMENT_THROTTLE_FAIL_OPEN decides: let requests through (default) or answer 429.
"""

import hmac
import ipaddress
import logging

from django.core.cache import caches
from rest_framework.settings import api_settings as drf_settings
from rest_framework.throttling import SimpleRateThrottle

from moderation.conf import moderation_settings

from .caching.circuit import CircuitOpen
from .conf import api_settings

logger = logging.getLogger(__name__)
# Seconds a client is told to wait when the throttles fail closed during a cache outage.
UNAVAILABLE_RETRY_AFTER = 60


def client_ip(request):
    """
    The client's IP address, or None when the server was not given a valid one.

    REMOTE_ADDR, unless REST_FRAMEWORK["NUM_PROXIES"] says how many proxies of ours stand in
    front: then the address the outermost of them saw, the NUM_PROXIES-th entry from the right
    of X-Forwarded-For. Entries further left are whatever the client wrote and are never used,
    so a forged header cannot change who a client is. (DRF's own default, NUM_PROXIES None,
    trusts the whole header; here None means no proxy.)

    A request Shopify's app proxy signed (api/comments/app_proxy.py) is the reader's, from the
    address Shopify forwarded: only its authentication sets `shopify_app_proxy`.

    A server of the shop's that holds API_FORWARDING_SECRET (a Hydrogen storefront posting its
    readers' comments, docs/hydrogen.md) names its reader in `Clinic-Forwarded-For`, with the
    secret in `Clinic-Forwarding-Secret`; without the right secret that header is ignored.
    """
    proxy = getattr(request, "shopify_app_proxy", None)
    if proxy is not None and proxy.client_ip:
        return proxy.client_ip
    forwarded_by_secret = secretly_forwarded_ip(request.META)
    if forwarded_by_secret:
        return forwarded_by_secret
    remote = valid_ip(request.META.get("REMOTE_ADDR"))
    proxies = drf_settings.NUM_PROXIES or 0
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not proxies or not forwarded.strip():
        return remote
    addresses = [address.strip() for address in forwarded.split(",")]
    return valid_ip(addresses[-min(proxies, len(addresses))]) or remote


def secretly_forwarded_ip(meta):
    """The address in Clinic-Forwarded-For, when Clinic-Forwarding-Secret is API_FORWARDING_SECRET."""
    secret = api_settings.API_FORWARDING_SECRET
    given = meta.get("HTTP_CLINIC_FORWARDING_SECRET")
    if not secret or not given:
        return None
    if not hmac.compare_digest(given.encode(), secret.encode()):
        logger.warning("Clinic-Forwarding-Secret is wrong: the address it came with is ignored")
        return None
    return valid_ip(meta.get("HTTP_CLINIC_FORWARDED_FOR"))


def valid_ip(value):
    """The address in its one spelling: an IPv4-mapped IPv6 address (::ffff:198.51.100.5) as IPv4."""
    try:
        address = ipaddress.ip_address((value or "").strip())
    except ValueError:
        return None
    return str(getattr(address, "ipv4_mapped", None) or address)


def throttle_ident(ip):
    """
    Whom a throttle counts: an IPv4 address, or an IPv6 address's /64 (one subscriber's network:
    rotating addresses within it escapes nothing).
    """
    if ip is None:
        return "unknown"
    address = ipaddress.ip_address(ip)
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return ip


def unreachable(scope, error):
    """Log a throttle's cache failure: a warning, unless the Redis circuit already gave one."""
    log = logger.debug if isinstance(error, CircuitOpen) else logger.warning
    log("Throttle %s cannot reach its cache: %s", scope, error)


class ClientIPRateThrottle(SimpleRateThrottle):
    """A DRF throttle per client IP for some methods, its rate read from a setting per request."""

    methods = frozenset()
    settings = moderation_settings
    rate_setting = ""

    @property
    def cache(self):
        return caches[moderation_settings.COMMENT_THROTTLE_CACHE]

    def get_rate(self):
        return getattr(self.settings, self.rate_setting)

    def applies_to(self, request):
        return request.method in self.methods

    def get_cache_key(self, request, view):
        if not self.applies_to(request):
            return None
        return self.cache_format % {"scope": self.scope, "ident": throttle_ident(client_ip(request))}

    def allow_request(self, request, view):
        self.cache_unavailable = False
        try:
            return super().allow_request(request, view)
        except Exception as error:  # noqa: BLE001 - any cache backend's connection errors
            unreachable(self.scope, error)
            self.cache_unavailable = True
            return moderation_settings.COMMENT_THROTTLE_FAIL_OPEN

    def wait(self):
        if self.cache_unavailable:
            return UNAVAILABLE_RETRY_AFTER
        return super().wait()


class AnsweredThrottle(ClientIPRateThrottle):
    """
    A throttle that checks every request but counts only those answered as it `counts()`, once
    the view knows (`record`): a reader fixing a typo four times is not locked out by the
    limit on comments, which only stored ones count against.
    """

    methods = frozenset({"POST"})

    def throttle_success(self):
        return True

    def counts(self, response):
        raise NotImplementedError

    def record(self, request, view, response):
        """Count `request` if its `response` is one this throttle counts."""
        key = self.get_cache_key(request, view) if self.rate and self.counts(response) else None
        if key is None:
            return
        try:
            now = self.timer()
            history = [moment for moment in self.cache.get(key, []) if moment > now - self.duration]
            self.cache.set(key, [now, *history], self.duration)
        except Exception as error:  # noqa: BLE001 - any cache backend's connection errors
            unreachable(self.scope, error)


class CommentBurstThrottle(AnsweredThrottle):
    scope = "comment_submit"
    rate_setting = "COMMENT_THROTTLE_RATE"

    def counts(self, response):
        return response.status_code == 202


class CommentDailyThrottle(CommentBurstThrottle):
    scope = "comment_submit_daily"
    rate_setting = "COMMENT_THROTTLE_DAILY_RATE"


class CommentRefusedThrottle(AnsweredThrottle):
    """Submissions refused (400, 403, 404, 415...): their own, looser cap."""

    scope = "comment_refused"
    rate_setting = "COMMENT_REFUSED_THROTTLE_RATE"

    def counts(self, response):
        return 400 <= response.status_code < 500 and response.status_code != 429


class PublicReadThrottle(ClientIPRateThrottle):
    """Anonymous reads only: moderators and editors are not counted."""

    scope = "public_read"
    methods = frozenset({"GET", "HEAD"})
    settings = api_settings
    rate_setting = "API_READ_THROTTLE_RATE"

    def applies_to(self, request):
        return super().applies_to(request) and not request.user.is_authenticated


class TokenLoginThrottle(ClientIPRateThrottle):
    """Password guesses at the token endpoint."""

    scope = "auth_token"
    methods = frozenset({"POST"})
    settings = api_settings
    rate_setting = "API_TOKEN_THROTTLE_RATE"


COMMENT_THROTTLES = [PublicReadThrottle, CommentBurstThrottle, CommentDailyThrottle, CommentRefusedThrottle]


class RecordedThrottlesMixin:
    """For views with AnsweredThrottles: each is told how every request was answered."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        for throttle in self.get_throttles():
            if isinstance(throttle, AnsweredThrottle):
                throttle.record(request, self, response)
        return response
