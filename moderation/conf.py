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
        # Email the moderators when a comment starts waiting for them.
        "COMMENT_NOTIFY_MODERATORS": True,
        # The name shown on the shop's replies; empty: the moderator's full name or username.
        "COMMENT_STAFF_REPLY_NAME": "",
        # Where links in notification emails point (the Wagtail admin), without a trailing slash.
        "WAGTAILADMIN_BASE_URL": "http://localhost:8000",
        # Days a comment keeps its IP address and user agent; `manage.py anonymise_comment_ips`
        # (run it daily from cron) blanks them after that.
        "COMMENT_IP_RETENTION_DAYS": 90,
    }
)
