"""`manage.py load_demo`: the demo site, blog, technique library, clinic and article. Idempotent."""

from django.core.management.base import BaseCommand

from articles.conf import articles_settings
from articles.demo.loader import ensure_demo_editor, load_demo, read_demo_data


class Command(BaseCommand):
    help = (
        "Create or update the demo content: the site, the blog index, the technique library, the "
        "ABD Naturals clinic and the 'massage for knee pain' article. With the DEMO_EDITOR setting "
        "(development only), also the demo editor account. Safe to run again."
    )

    def handle(self, *args, **options):
        result = load_demo(read_demo_data())
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content loaded on {result.site.hostname}:{result.site.port}: "
                f"blog '{result.index.title}', article '{result.article.slug}' ({result.article_status})."
            )
        )
        editor = articles_settings.DEMO_EDITOR
        if editor:
            ensure_demo_editor(**editor)
            self.stdout.write(
                f"Demo editor: log in at /admin/ as '{editor['username']}' "
                f"with password '{editor['password']}'."
            )
