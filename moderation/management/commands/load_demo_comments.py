"""
`manage.py load_demo_comments`: after `load_demo`, in development only, the demo moderator
account (DEMO_MODERATOR, whose password is published) and the demo article's readers' comments,
one in every state, and the clinic's canned replies. Idempotent; emails nobody.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.models import ArticlePage

from ...conf import moderation_settings
from ...demo import (
    DEMO_ARTICLE_SLUG,
    DEMO_CANNED_REPLIES,
    DEMO_COMMENTS,
    ensure_demo_moderator,
    load_demo_canned_replies,
    load_demo_comments,
)


class Command(BaseCommand):
    help = (
        "Create or update the demo moderator account of the DEMO_MODERATOR setting and load readers' "
        f"comments in every state on the demo article ({DEMO_ARTICLE_SLUG}; run load_demo first), "
        "and three canned replies. "
        "Development only: refused with DEBUG off. Safe to run again."
    )

    def handle(self, *args, **options):
        account = moderation_settings.DEMO_MODERATOR
        if not (settings.DEBUG and account):
            raise CommandError(
                "The demo moderator is for development only: it needs DEBUG on and the DEMO_MODERATOR "
                "setting (cms/settings/dev.py). Nothing was loaded."
            )
        article = ArticlePage.objects.filter(slug=DEMO_ARTICLE_SLUG).first()
        if article is None:
            raise CommandError(f"No article {DEMO_ARTICLE_SLUG!r}: run `manage.py load_demo` first.")
        moderator = ensure_demo_moderator(**account)
        created = load_demo_comments(article, moderator)
        canned = load_demo_canned_replies()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo comments on '{article.slug}': {len(created)} added, "
                f"{len(DEMO_COMMENTS) - len(created)} already there. Canned replies: {len(canned)} added, "
                f"{len(DEMO_CANNED_REPLIES) - len(canned)} already there."
            )
        )
        self.stdout.write(
            f"Demo moderator: log in at /admin/ as '{account['username']}' "
            f"with password '{account['password']}'."
        )
