"""
An article's comments on its edit page. articles/ knows nothing of comments, so moderation adds
the button through Wagtail's `register_page_header_buttons` hook (moderation/wagtail_hooks.py).
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.widgets import Button

from articles.models import ArticlePage

from .. import selectors
from ..permissions import can_moderate
from .views import URL_NAMESPACE


def article_comments_button(page, user):
    """For moderators on an article: "Comments (3 pending, 5 approved)", to the article's queue."""
    if not (issubclass(page.specific_class, ArticlePage) and can_moderate(user)):
        return
    counts = selectors.article_comment_counts(page.pk)
    url = f"{reverse(f'{URL_NAMESPACE}:index')}?{urlencode({'article': page.pk})}"
    label = _("Comments (%(pending)d pending, %(approved)d approved)") % counts
    yield Button(label, url, icon_name="comment", priority=90)
