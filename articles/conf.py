"""
Every setting the apps read, with its default, in one documented place.

A host project overrides any of them in its Django settings; nothing here imports the host.
"""

from django.conf import settings


class AppSettings:
    """Read a Django setting, falling back to this app's documented default."""

    def __init__(self, defaults):
        self._defaults = defaults

    def __getattr__(self, name):
        if name not in self._defaults:
            raise AttributeError(f"Unknown app setting {name!r}")
        return getattr(settings, name, self._defaults[name])


articles_settings = AppSettings(
    {
        # Where readers see the articles (the shop frontend), without a trailing slash.
        "FRONTEND_BASE_URL": "http://localhost:3000",
        # How long after a medical review the next one falls due, when an editor leaves it empty.
        "ARTICLES_REVIEW_INTERVAL_DAYS": 365,
        # The organisation that publishes the articles (schema.org publisher).
        "ARTICLES_PUBLISHER_NAME": "ABD Naturals",
        "ARTICLES_PUBLISHER_URL": "",
        # The demo editor account `load_demo` creates; None outside development.
        "DEMO_EDITOR": None,
    }
)
