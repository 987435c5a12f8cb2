"""
A reader's plain text turned into safe HTML for the frontend.

The services render a body when they store it (`Comment.body_html`), so that listings serve
the stored HTML instead of rendering every comment on every request.
"""

import nh3
from django.utils.html import linebreaks, urlize

LINK_REL = "nofollow ugc noopener"
ALLOWED_TAGS = {"p", "br", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def render_comment_body(text):
    """
    Escape everything the reader typed, keep paragraphs and line breaks, make links clickable.

    Django's `urlize` escapes the text around the links it creates; nh3 then allows nothing but
    paragraphs, line breaks and links to http(s)/mailto, and stamps every link with
    `rel="nofollow ugc noopener"`, so no markup a reader typed can survive into the page.
    """
    linked = urlize(text, autoescape=True)
    return nh3.clean(
        linebreaks(linked, autoescape=False),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=LINK_REL,
    )
