"""
`manage.py load_demo [--editor]`: the demo site, blog, technique library, clinic and article;
with --editor, in development only, the demo editor and medical reviewer accounts whose password
is published.
Idempotent.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.conf import articles_settings
from articles.demo.loader import DEMO_REVIEWER_GROUPS, ensure_demo_editor, load_demo, read_demo_data


class Command(BaseCommand):
    help = (
        "Create or update the demo content: the site, the blog index, the technique library, the "
        "ABD Naturals clinic and the 'massage for knee pain' article. With --editor, also the demo "
        "editor account of the DEMO_EDITOR setting and the medical reviewer of DEMO_REVIEWER "
        "(development only: refused with DEBUG off). "
        "Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--editor",
            action="store_true",
            help=(
                "Also ensure the demo editor (DEMO_EDITOR) and medical reviewer (DEMO_REVIEWER) "
                "accounts; refused unless DEBUG is on."
            ),
        )

    def handle(self, *args, editor=False, **options):
        account = articles_settings.DEMO_EDITOR
        if editor and not (settings.DEBUG and account):
            raise CommandError(
                "The demo editor is for development only: it needs DEBUG on and the DEMO_EDITOR "
                "setting (cms/settings/dev.py). Nothing was loaded."
            )
        result = load_demo(read_demo_data())
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content loaded on {result.site.hostname}:{result.site.port}: "
                f"blog '{result.index.title}', article '{result.article.slug}' ({result.article_status})."
            )
        )
        if editor:
            ensure_demo_editor(**account)
            self.stdout.write(
                f"Demo editor: log in at /admin/ as '{account['username']}' "
                f"with password '{account['password']}'."
            )
            reviewer = articles_settings.DEMO_REVIEWER
            if reviewer:
                ensure_demo_editor(**reviewer, groups=DEMO_REVIEWER_GROUPS)
                self.stdout.write(
                    f"Demo medical reviewer (signs off what the editor submits): '{reviewer['username']}' "
                    f"with password '{reviewer['password']}'."
                )
