"""
The comment moderation settings, with their defaults. A host project overrides any of them in its
Django settings (cms/settings/base.py reads them from the environment).
"""

from articles.conf import AppSettings

moderation_settings = AppSettings(
    {
        # Where every new comment and every status change is POSTed as a JSON event; empty: none.
        "COMMENT_WEBHOOK_URL": "",
        # The HMAC-SHA256 key that signs each event (X-Comment-Signature). Events are not sent
        # without one: an unsigned event could not be told apart from a forged one.
        "COMMENT_WEBHOOK_SECRET": "",
        # Seconds to wait for the webhook receiver before giving up on a delivery.
        "COMMENT_WEBHOOK_TIMEOUT": 3,
        # Seconds before each new attempt at a delivery that failed (an email, a webhook event, an
        # Akismet report), in order: 1 min, 5 min, 30 min, 2 h, 6 h, 12 h. After the last, the
        # delivery stays failed and the moderators' dashboard counts it (moderation/delivery/outbox.py).
        "DELIVERY_RETRY_DELAYS": [60, 5 * 60, 30 * 60, 2 * 60 * 60, 6 * 60 * 60, 12 * 60 * 60],
        # Email the moderators when a comment starts waiting for them.
        "COMMENT_NOTIFY_MODERATORS": True,
        # The name shown on the shop's replies; empty: the moderator's full name, else the
        # publisher's (ARTICLES_PUBLISHER_NAME). Never a username.
        "COMMENT_STAFF_REPLY_NAME": "",
        # Seconds a moderator's Approve or Mark-as-spam link in a new-comment email works (once).
        "COMMENT_EMAIL_ACTION_MAX_AGE": 72 * 60 * 60,
        # Where links in notification emails point (the Wagtail admin), without a trailing slash.
        "WAGTAILADMIN_BASE_URL": "http://localhost:8000",
        # Days a comment keeps its IP address and user agent; `manage.py anonymise_comment_ips`
        # (run it daily from cron) blanks them after that.
        "COMMENT_IP_RETENTION_DAYS": 90,
        # --- Abuse protection (docs/moderation.md, "Abuse protection") ---
        # Comment submissions per client IP (DRF rate syntax): a burst limit and a daily cap.
        # None switches a limit off.
        "COMMENT_THROTTLE_RATE": "5/min",
        "COMMENT_THROTTLE_DAILY_RATE": "50/day",
        # Submissions refused (field errors, not JSON...) per client IP: a reader correcting a
        # form is not counted against the limits above, a script sending junk is stopped here.
        "COMMENT_REFUSED_THROTTLE_RATE": "30/min",
        # Addresses and networks of ours (the frontend's server, proxies): never blocked by a
        # moderator's IP block without confirming; non-public addresses never are either.
        "COMMENT_OWN_ADDRESSES": [],
        # The cache alias the throttles count in: the shared one, so every worker sees the counts.
        "COMMENT_THROTTLE_CACHE": "default",
        # When that cache is unreachable: True lets requests through (fail open), False answers
        # 429 (fail closed). Open by default: an outage must not silence every reader.
        "COMMENT_THROTTLE_FAIL_OPEN": True,
        # A comment whose spam score reaches this goes to `spam` instead of `pending`.
        "COMMENT_SPAM_THRESHOLD": 5.0,
        # What each signal adds to the score (moderation/abuse/spam.py); a partial dict overrides some.
        "COMMENT_SPAM_SCORES": {},
        # Seconds a reader needs at least between loading the form (its token) and submitting.
        "COMMENT_MIN_SUBMIT_SECONDS": 3,
        # Seconds a form token stays valid.
        "COMMENT_FORM_TOKEN_MAX_AGE": 24 * 60 * 60,
        # Seconds within which the same body from the same email or IP counts as a duplicate.
        "COMMENT_DUPLICATE_WINDOW": 24 * 60 * 60,
        # Seconds within which the same name, email, body and parent is one submission, stored once.
        "COMMENT_RESUBMIT_WINDOW": 10 * 60,
        # Akismet (https://akismet.com): off without a key. The endpoint is configurable for tests
        # and proxies; the timeout is short because the reader waits for the check.
        "AKISMET_API_KEY": "",
        "AKISMET_ENDPOINT": "https://rest.akismet.com/1.1",
        # The site Akismet is told about (its `blog` field); empty: FRONTEND_BASE_URL.
        "AKISMET_BLOG_URL": "",
        "AKISMET_TIMEOUT": 2,
        # Let trusted commenters (confirmed email and an approved comment) skip the queue.
        "COMMENT_TRUSTED_SKIP_QUEUE": False,
        # Count a verified Shopify customer (a comment signed by the shop's app proxy with a
        # logged-in customer, docs/shopify.md) whose earlier comment was approved as trusted,
        # as a confirmed email with its commenter token is: Shopify's login proves who they are.
        "COMMENT_TRUST_VERIFIED_CUSTOMERS": False,
        # Seconds an email confirmation link works.
        "COMMENT_EMAIL_CONFIRM_MAX_AGE": 7 * 24 * 60 * 60,
        # Seconds the commenter token a confirmation hands the reader's browser proves the address.
        "COMMENT_COMMENTER_TOKEN_MAX_AGE": 365 * 24 * 60 * 60,
        # Where confirmation links point (`?token=` is appended); empty: this server's
        # confirmation endpoint under WAGTAILADMIN_BASE_URL.
        "COMMENT_EMAIL_CONFIRM_URL": "",
        # The languages whose clinical-safety triage a worker loads as it starts (cms/wsgi.py,
        # before gc.freeze()), so that no reader's comment waits for one: about 1 s of CPU and
        # 30 MB for English, 5 s and 100 MB for French, 1.5 s and 45 MB for Spanish. A language
        # left out is loaded by the first comment that needs it, which waits that long.
        "COMMENT_TRIAGE_WARM_UP": ["en", "fr", "es"],
        # The demo moderator account `load_demo_comments` creates, like articles' DEMO_EDITOR:
        # {"username", "password", "email"}; None outside development.
        "DEMO_MODERATOR": None,
    }
)
