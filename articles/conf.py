"""
Every setting the apps read, with its default, in one documented place.

A host project overrides any of them in its Django settings; nothing here imports the host.
"""

from django.conf import settings
from django.core.signals import setting_changed


class AppSettings:
    """
    Read a Django setting, falling back to this app's documented default.

    A value is looked up once, then kept as an attribute, as DRF keeps its own settings: a setting
    the host leaves to its default would otherwise cost a raised and caught AttributeError on
    every read, several times a request. Django's `setting_changed` (override_settings, the
    tests' `settings`) makes it look again.
    """

    def __init__(self, defaults):
        self._defaults = defaults
        setting_changed.connect(self._forget, weak=False)

    def __getattr__(self, name):
        if name not in self._defaults:
            raise AttributeError(f"Unknown app setting {name!r}")
        value = getattr(settings, name, self._defaults[name])
        setattr(self, name, value)
        return value

    def _forget(self, *, setting, **kwargs):
        self.__dict__.pop(setting, None)


articles_settings = AppSettings(
    {
        # Where readers see the articles (the shop frontend), without a trailing slash.
        "FRONTEND_BASE_URL": "http://localhost:3000",
        # How long after a medical review the next one falls due, when an editor leaves it empty.
        "ARTICLES_REVIEW_INTERVAL_DAYS": 365,
        # The longest a review may hold: the next review is due at most this long after the last
        # (PIF TICK: at least every three years). ARTICLES_REVIEW_INTERVAL_DAYS may not exceed it.
        "ARTICLES_REVIEW_MAX_INTERVAL_DAYS": 3 * 365,
        # Refuse, rather than warn about, publishing an article without an author or a medical
        # reviewer (articles/governance/attribution.py).
        "ARTICLES_ATTRIBUTION_REQUIRED": False,
        # The two-person medical sign-off workflow (articles/governance/signoff.py). False: articles
        # follow the workflow Wagtail would give them without it.
        "ARTICLES_MEDICAL_SIGN_OFF": True,
        # An article is "due for medical review" once its next review falls within this many days
        # (or has passed): the admin's report, its dashboard panel, send_review_reminders and the
        # content API's `?review=due`.
        "ARTICLES_REVIEW_DUE_WITHIN_DAYS": 30,
        # The admin's address, for the links in review reminders, without a trailing slash.
        "WAGTAILADMIN_BASE_URL": "http://localhost:8000",
        # The organisation that publishes the articles (schema.org publisher).
        "ARTICLES_PUBLISHER_NAME": "ABD Naturals",
        "ARTICLES_PUBLISHER_URL": "",
        # The renditions every image offers the frontend, by name: Wagtail filter specs.
        "ARTICLES_IMAGE_RENDITIONS": {
            "thumbnail": "fill-400x300",
            "medium": "max-800x800",
            "large": "max-1600x1600",
        },
        # Related articles are ranked among the newest articles sharing a condition or a tag with
        # the article, at most this many.
        "ARTICLES_RELATED_CANDIDATES": 100,
        # The reading ages (lowest, highest) articles aim at, as NHS and PIF TICK advise: editors
        # are warned above it (articles/governance/readability.py).
        "ARTICLES_READING_AGE_TARGET": (9, 11),
        # Reading speed behind an article's reading time.
        "ARTICLES_WORDS_PER_MINUTE": 200,
        # The frontend's route that shows a draft: the admin's Preview opens
        # FRONTEND_BASE_URL + this path + "?token=...".
        "ARTICLES_PREVIEW_PATH": "/preview/",
        # Seconds a preview link works after an editor opened it.
        "ARTICLES_PREVIEW_TOKEN_MAX_AGE": 3600,
        # The Shopify GraphQL Admin API `import_shopify --shop` reads: its version, and the endpoint
        # ({shop} and {version} filled in). Tests point the URL at a local fake of the API.
        "SHOPIFY_API_VERSION": "2025-10",
        "SHOPIFY_GRAPHQL_URL": "https://{shop}/admin/api/{version}/graphql.json",
        # The demo editor account `load_demo` creates; None outside development.
        "DEMO_EDITOR": None,
        # The demo medical reviewer `load_demo --editor` creates too; None outside development.
        "DEMO_REVIEWER": None,
    }
)
