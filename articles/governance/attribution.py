"""
Attribution: a health article names who wrote it and the medical reviewer who signed it off.

By default publishing without them goes ahead with a warning (after_publish_page, and the editor's
checks panel says so throughout); with ARTICLES_ATTRIBUTION_REQUIRED the editor refuses: an
author to submit or publish, a medical reviewer to publish (the medical sign-off supplies one on
approval, so submitting for review needs none), and ArticlePage.publish() refuses whatever path
publishes.
"""

from django.utils.translation import gettext_lazy as _

from ..conf import articles_settings

MESSAGES = {
    "author": _("The article has no author: readers and search engines look for who wrote health advice."),
    "medical_reviewer": _("No medical reviewer has signed the article off."),
}


def required():
    return bool(articles_settings.ARTICLES_ATTRIBUTION_REQUIRED)


def missing(*, author, medical_reviewer):
    """`{field: message}` of the people the article does not name."""
    people = {"author": author, "medical_reviewer": medical_reviewer}
    return {field: MESSAGES[field] for field, person in people.items() if person is None}


def missing_on(page):
    return missing(author=page.author, medical_reviewer=page.medical_reviewer)


def form_errors(cleaned_data, *, publishing):
    """What the editor refuses when attribution is required; nothing otherwise."""
    if not required():
        return {}
    found = missing(author=cleaned_data.get("author"), medical_reviewer=cleaned_data.get("medical_reviewer"))
    if not publishing:
        found.pop("medical_reviewer", None)
    return found


def publishing_errors(page):
    """`{field: message}` of what publish() refuses when attribution is required."""
    return missing_on(page) if required() else {}
