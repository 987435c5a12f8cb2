"""
`manage.py import_shopify FILE...` or `--shop NAME.myshopify.com`: the clinic's Shopify blog,
articles and comments, brought over (docs/importing.md). Safe to run again.

The command lives in moderation, the app that builds on articles, because it imports both:
articles/shopify/ reads the export and writes the articles, moderation/shopify.py the comments.
"""

import os
from contextlib import nullcontext

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from articles.shopify.graphql import ShopifyAPIError, ShopifyClient, fetch_export
from articles.shopify.importer import ArticleImporter, NoArticleIndex, article_index
from articles.shopify.report import Report
from articles.shopify.source import SourceError, read_files
from moderation.shopify import import_comments

TOKEN_VARIABLE = "SHOPIFY_ACCESS_TOKEN"  # noqa: S105 - the name of the variable, not a token


class DryRun(Exception):
    """Raised at the end of a dry run to roll back everything it wrote."""


class Stream:
    """A command's output as a file for rich, which writes partial lines."""

    def __init__(self, wrapper):
        self.wrapper = wrapper

    def write(self, text):
        self.wrapper.write(text, ending="")

    def flush(self):
        self.wrapper.flush()

    def isatty(self):
        return self.wrapper.isatty()


class Command(BaseCommand):
    help = (
        "Import the Shopify blog's articles (as structured pages, with redirects from their old "
        "/blogs/<blog>/<handle> addresses) and comments (with their status), from Admin API JSON "
        f"files or, with --shop and {TOKEN_VARIABLE}, from the live store. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="*", metavar="FILE", help='JSON files: {"articles"|"comments"|"blogs": [...]}'
        )
        parser.add_argument(
            "--shop", help=f"read NAME.myshopify.com through the GraphQL Admin API ({TOKEN_VARIABLE})"
        )
        parser.add_argument("--blog", default="news", help="the blog's handle (default: news)")
        parser.add_argument("--dry-run", action="store_true", help="print what would change, write nothing")
        parser.add_argument(
            "--overwrite", action="store_true", help="also replace articles an editor changed"
        )
        parser.add_argument("--images", metavar="DIR", help="where the articles' image files are")

    def handle(self, *args, files, shop, blog, dry_run, overwrite, images, **options):
        articles, comments = self.read(files, shop, blog)
        if images and not os.path.isdir(images):
            raise CommandError(f"--images {images}: no such directory.")
        try:
            index = article_index()
        except NoArticleIndex as error:
            raise CommandError(str(error)) from error
        report = Report()
        importer = ArticleImporter(
            index=index, blog=blog, report=report, images_dir=images, overwrite=overwrite, dry_run=dry_run
        )
        try:
            with transaction.atomic() if dry_run else nullcontext():
                self.run(importer, articles, comments, report)
                if dry_run:
                    raise DryRun
        except DryRun:
            pass
        self.print_report(report, dry_run)

    def read(self, files, shop, blog):
        """The articles of the blog and the comments, checked before anything is written."""
        if bool(files) == bool(shop):
            raise CommandError("Give either export files or --shop NAME.myshopify.com.")
        try:
            if files:
                export = read_files(files)
                return export.for_blog(blog), export.comments
            token = os.environ.get(TOKEN_VARIABLE)
            if not token:
                raise CommandError(f"--shop needs the Admin API access token in {TOKEN_VARIABLE}.")
            export = fetch_export(ShopifyClient(shop, token), blog)
            return export.articles, export.comments
        except (SourceError, ShopifyAPIError) as error:
            raise CommandError(str(error)) from error

    def run(self, importer, articles, comments, report):
        console = Console(file=Stream(self.stderr))
        with Progress(console=console, disable=not console.is_terminal) as progress:
            task = progress.add_task("Importing", total=len(articles) + len(comments))
            for article in articles:
                importer.run(article)
                progress.advance(task)
            import_comments(comments, report=report, advance=lambda: progress.advance(task))

    def print_report(self, report, dry_run):
        console = Console(file=Stream(self.stdout), width=100)
        if dry_run:
            console.print("Dry run: nothing was written. It would have done this:")
        for line in report.changes:
            console.print(f"  {line}", markup=False, highlight=False)
        table = Table(title="Shopify import" + (" (dry run)" if dry_run else ""))
        for column in ("", "", "count"):
            table.add_column(column)
        for section, key, n in report.rows():
            table.add_row(section, key, str(n))
        table.add_row("warnings", "", str(len(report.warnings)))
        console.print(table)
        for warning in report.warnings:
            console.print(f"Warning: {warning}", markup=False, highlight=False, style="yellow")
