"""
Previews on the frontend (headless preview).

The Wagtail admin's Preview while editing (the side panel and "Preview in new tab") calls the
page's `serve_preview`; for an article that answers with a redirect to the frontend's preview route,
FRONTEND_BASE_URL + ARTICLES_PREVIEW_PATH + "?token=...". The frontend hands the token to the
content API (`GET /api/v1/preview/?token=...`), which answers with the page's latest revision.

The token names the page, is signed with SECRET_KEY under a salt of its own (no other signed
value of the site can pass for one) and expires after ARTICLES_PREVIEW_TOKEN_MAX_AGE seconds.
Only the admin's preview views, which check the editor's permission on the page, mint one.
"""

from urllib.parse import urlencode

from django.core import signing
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _

from ..conf import articles_settings

# The module's former path, kept as the salt: another would refuse every preview link already sent.
SALT = "articles.preview"


class InvalidPreviewToken(Exception):
    """A token that was not minted here, or was altered."""


class ExpiredPreviewToken(InvalidPreviewToken):
    """A genuine token past its age."""


def make_preview_token(page):
    return signing.dumps({"page": page.pk}, salt=SALT)


def read_preview_token(token):
    """The id of the page `token` grants a preview of; raises InvalidPreviewToken otherwise."""
    try:
        data = signing.loads(token, salt=SALT, max_age=articles_settings.ARTICLES_PREVIEW_TOKEN_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ExpiredPreviewToken from error
    except signing.BadSignature as error:
        raise InvalidPreviewToken from error
    page_id = data.get("page") if isinstance(data, dict) else None
    if not isinstance(page_id, int):
        raise InvalidPreviewToken
    return page_id


def preview_url(page):
    base = articles_settings.FRONTEND_BASE_URL.rstrip("/")
    return f"{base}{articles_settings.ARTICLES_PREVIEW_PATH}?{urlencode({'token': make_preview_token(page)})}"


def serve_frontend_preview(page):
    """The admin's Preview of `page`: off to the frontend, once the page has been saved."""
    if page.pk is None:
        return HttpResponse(
            _("Save a draft of this article, then preview it: the preview shows the latest saved draft."),
            content_type="text/plain; charset=utf-8",
        )
    return HttpResponseRedirect(preview_url(page))
