"""
`manage.py import_shopify FILE...` or `--shop NAME.myshopify.com`: the clinic's Shopify blog,
articles and comments, brought over (docs/importing.md). Safe to run again, and twice at
once: the second waits for the first to end (articles/shopify/lock.py).

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

from api.caching.purge import batched
from articles.shopify.importer import ArticleImporter, NoArticleIndex, article_index
from articles.shopify.library import Library
from articles.shopify.lock import import_lock
from articles.shopify.reading.files import read_files
from articles.shopify.reading.graphql import ShopifyAPIError, ShopifyClient, fetch_export
from articles.shopify.reading.media import ImageFetcher
from articles.shopify.reading.source import SourceError
from articles.shopify.redirects import import_redirects
from articles.shopify.report import Report

from ...shopify import import_comments

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
        "/blogs/<blog>/<handle> addresses), comments (with their status) and URL redirects, from "
        "Admin API JSON or Matrixify CSV/XLSX files or, with --shop and "
        f"{TOKEN_VARIABLE}, from the live store. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files",
            nargs="*",
            metavar="FILE",
            help='Admin API JSON ({"articles"|"comments"|"blogs"|"metafields"|"redirects": [...]}), '
            "Matrixify Blog Posts CSV/XLSX, or a redirects CSV",
        )
        parser.add_argument(
            "--shop", help=f"read NAME.myshopify.com through the GraphQL Admin API ({TOKEN_VARIABLE})"
        )
        parser.add_argument(
            "--blog",
            action="append",
            metavar="HANDLE",
            help="import only this blog (repeat for several); default: every blog",
        )
        parser.add_argument("--dry-run", action="store_true", help="print what would change, write nothing")
        parser.add_argument(
            "--overwrite", action="store_true", help="also replace articles an editor changed"
        )
        parser.add_argument("--images", metavar="DIR", help="where the articles' image files are")
        parser.add_argument("--report", metavar="FILE", help="write every warning and error as CSV")

    def handle(self, *args, files, shop, blog, dry_run, overwrite, images, report, **options):
        if images and not os.path.isdir(images):
            raise CommandError(f"--images {images}: no such directory.")
        export = self.read(files, shop, blog)
        articles = export.for_blogs(blog) if files else export.for_blogs()
        with import_lock(on_wait=self.waiting):
            self.write(export, articles, dry_run, overwrite, images, report, shop)

    def waiting(self):
        self.stderr.write("Another import is running: waiting for it to end.")

    def write(self, export, articles, dry_run, overwrite, images, report, shop):
        """Import what was read, alone: no other import runs meanwhile (articles/shopify/lock.py)."""
        try:
            index = article_index()
        except NoArticleIndex as error:
            raise CommandError(str(error)) from error
        summary = Report()
        for subject, problem in export.problems:
            summary.error(subject, f"not imported: {problem}", kind="failed")
        library = Library(
            report=summary, images_dir=images, fetcher=ImageFetcher(shop) if shop else None, dry_run=dry_run
        )
        importer = ArticleImporter(index=index, report=summary, library=library, overwrite=overwrite)
        # The whole import is one CDN purge, sent when it is done; a dry run commits nothing to purge.
        try:
            with batched(), transaction.atomic() if dry_run else nullcontext():
                self.run(importer, articles, export, summary)
                if dry_run:
                    raise DryRun
        except DryRun:
            pass
        self.print_report(summary, dry_run)
        if report:
            summary.write_csv(report)

    def read(self, files, shop, blogs):
        """The export, checked before anything is written."""
        if bool(files) == bool(shop):
            raise CommandError("Give either export files or --shop NAME.myshopify.com.")
        try:
            if files:
                export = read_files(files)
                export.for_blogs(blogs)  # an unknown --blog stops here
                return export
            token = os.environ.get(TOKEN_VARIABLE)
            if not token:
                raise CommandError(f"--shop needs the Admin API access token in {TOKEN_VARIABLE}.")
            return fetch_export(ShopifyClient(shop, token), blogs)
        except (SourceError, ShopifyAPIError) as error:
            raise CommandError(str(error)) from error

    def run(self, importer, articles, export, report):
        console = Console(file=Stream(self.stderr))
        with Progress(console=console, disable=not console.is_terminal) as progress:
            task = progress.add_task("Importing", total=len(articles) + len(export.comments))
            for article in articles:
                importer.run(article)
                progress.advance(task)
            # A blog the export holds no article of is not taken as emptied (a comments-only file).
            importer.take_offline_missing(articles, sorted({article.blog for article in articles}))
            import_redirects(export.redirects, report=report)
            import_comments(export.comments, report=report, advance=lambda: progress.advance(task))

    def print_report(self, report, dry_run):
        console = Console(file=Stream(self.stdout), width=110)
        if dry_run:
            console.print("Dry run: nothing was written. It would have done this:")
        for line in report.changes:
            console.print(f"  {line}", markup=False, highlight=False, soft_wrap=True)
        table = Table(title="Shopify import" + (" (dry run)" if dry_run else ""))
        for column in ("", "", "count"):
            table.add_column(column)
        for section, key, n in report.rows():
            table.add_row(section, key, str(n))
        words = report.counts["text survival"]
        if words["source words"]:
            kept = 100 * (words["source words"] - words["missing words"]) / words["source words"]
            table.add_row("text survival", "words kept", f"{kept:.1f}%")
        console.print(table)
        for subject, notices in report.by_subject().items():
            console.print(subject, markup=False, highlight=False, style="bold", soft_wrap=True)
            for notice in notices:
                style = "red" if notice.level == "error" else "yellow"
                console.print(
                    f"  {notice.level.capitalize()}: {notice.message}",
                    markup=False,
                    highlight=False,
                    style=style,
                    soft_wrap=True,
                )
