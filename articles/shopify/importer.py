"""
Shopify articles written as article pages, each in its own transaction.

A page is found again by its Shopify id, so a re-run updates it instead of adding a second one.
The import stores, on the page, a hash of the content it wrote (content_hash); a page whose
latest revision no longer has that hash was changed by an editor, and is left alone unless the
import overwrites. What the shop shows stays shown: a post live on Shopify is published here
even when the publishing rule would refuse it (then it is marked due for medical review), and a
post hidden on Shopify is taken offline here. Its old address `/blogs/<blog>/<handle>` is a
Wagtail redirect while the page is live. After each article, the words of its source are looked
for in the page (converting/survival.py); any missing is an error line.
"""

import hashlib
import json
from dataclasses import asdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify
from wagtail.actions.publish_revision import PublishRevisionAction
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, ReferenceIndex, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from articles.demo.loader import without_ids
from articles.models import ArticleIndexPage, ArticlePage, publishing_errors

from .converting import mapping
from .converting.html import html_text
from .converting.survival import survival
from .errors import ImportProblem, describe

SUMMARY_MAX_LENGTH = ArticlePage._meta.get_field("summary").max_length
SEO_TITLE_MAX_LENGTH = Page._meta.get_field("seo_title").max_length
SLUG_MAX_LENGTH = Page._meta.get_field("slug").max_length
MISSING_WORDS_SHOWN = 30
IMPORT_VERSION = 1


class NoArticleIndex(Exception):
    pass


def article_index():
    """The blog the articles go under: the ArticleIndexPage of the default site."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    index = site and ArticleIndexPage.objects.descendant_of(site.root_page, inclusive=True).first()
    if not index:
        raise NoArticleIndex(
            "There is no blog to import into: the default site has no article index page "
            "(create one in the admin, or run `manage.py load_demo`)."
        )
    return index


def content_hash(page):
    """A digest of what the import writes on a page, compared across runs and revisions."""
    content = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "seo_title": page.seo_title,
        "search_description": page.search_description,
        "body": without_ids(page.body.get_prep_value()),
        "tags": sorted(page.tags.names()),
        "author": page.author_id,
        "published_date": page.published_date,
        "hero_image": page.hero_image_id,
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


def source_hash(article, *, media):
    """
    A digest of a post as read from Shopify, with what else decides what the import makes of it:
    whether images can be had, and IMPORT_VERSION (raise it when the mapping changes).
    """
    data = {"article": asdict(article), "media": media, "version": IMPORT_VERSION}
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def old_path(blog, handle):
    return Redirect.normalise_path(f"/blogs/{blog}/{handle}")


def is_edited(page):
    """Whether an editor changed the page (its latest revision) since the import wrote it."""
    latest = page.get_latest_revision_as_object()
    return content_hash(latest) != latest.shopify_import_hash


class ArticleImporter:
    """Imports articles into `index`, with `library` (library.py), counting in `report` (report.py)."""

    def __init__(self, *, index, report, library, overwrite=False):
        self.index = index
        self.report = report
        self.library = library
        self.overwrite = overwrite

    def run(self, article):
        """The article's page, or None when it failed: then nothing of it was stored."""
        library = self.report.counts["library entries created"].copy()
        self.library.subject = article.old_path
        wanted = source_hash(article, media=self.library.has_media)
        try:
            # Creating, revising and publishing a page would each rebuild its references (image
            # usage, links): they are built once, from the page as the article leaves it.
            with transaction.atomic(), disable_reference_index_auto_update():
                page, written = self._import(article, wanted)
                if written:
                    # On the row only: a revision would carry it into an editor's next draft.
                    ArticlePage.objects.filter(pk=page.pk).update(shopify_source_hash=wanted)
                    ReferenceIndex.create_or_update_for_object(ArticlePage.objects.get(pk=page.pk))
        except Exception as error:  # noqa: BLE001 - one article's failure is reported, the rest go on
            self.report.counts["library entries created"] = library
            self.report.count("articles", "failed")
            self.report.error(article.old_path, f"not imported: {describe(error)}", kind="failed")
            return None
        if written:
            self._verify(article, page)
        return page

    def _import(self, article, wanted):
        """The page and whether this run wrote it (or took it offline)."""
        page = ArticlePage.objects.filter(shopify_id=article.id).first()
        if page is None:
            page = ArticlePage(live=False)
            self._fill(page, article)
            if article.published and article.published_at:
                page.first_published_at = article.published_at
            self.index.add_child(instance=page)
            return self._save(page, article, "created"), True
        if page.shopify_source_hash == wanted and not self.overwrite and page.live == article.published:
            self.report.count("articles", "unchanged")
            return page, False
        if page.shopify_source_hash == wanted and not self.overwrite and article.published:
            self._offline_here(page, article)
            return page, False
        if is_edited(page) and not self.overwrite:
            return self._leave_edited(page, article), False
        latest = page.get_latest_revision_as_object()
        imported = latest.shopify_import_hash
        self._fill(latest, article)
        if latest.shopify_import_hash != imported or (article.published and not page.live and latest.body):
            return self._save(latest, article, "updated"), True
        if page.live and not article.published:
            return self.take_offline(page, article.old_path, "hidden on Shopify"), True
        if article.published and not page.live:
            self._empty_body_error(article)
        self.report.count("articles", "unchanged")
        return latest, True

    def _offline_here(self, page, article):
        """Live on Shopify, not here, and unchanged: an empty body, or an editor unpublished it."""
        self.report.count("articles", "unchanged")
        if not page.body:
            self._empty_body_error(article)
        else:
            self.report.warn(
                article.old_path, "live on Shopify, but unpublished here: left as it is", kind="edited here"
            )

    def _leave_edited(self, page, article):
        self.report.count("articles", "skipped (edited)")
        hidden = (
            " It is hidden on Shopify, but stays as it is here."
            if page.live and not article.published
            else ""
        )
        self.report.warn(
            article.old_path,
            f"changed by an editor since the last import: left alone (--overwrite replaces it).{hidden}",
            kind="edited here",
        )
        return page.get_latest_revision_as_object()

    def _fill(self, page, article):
        """Set everything the import writes on `page` from `article`, with the hash of it."""
        body = mapping.cut(article.body_html, self.library)
        for warning in body.warnings:
            self.report.warn(article.old_path, warning, kind="structure")
        stream_block = ArticlePage.body.field.stream_block
        page.title = article.title
        page.slug = self._slug(page, article)
        page.summary = self._summary(article, body.first_paragraph)
        page.seo_title = Truncator(article.seo_title).chars(SEO_TITLE_MAX_LENGTH)
        page.search_description = article.seo_description
        try:
            page.body = stream_block.clean(stream_block.to_python(body.blocks)) if body.blocks else []
        except ValidationError as error:
            raise ImportProblem(describe(error, "body")) from error
        page.tags.set([*article.tags, article.blog_title or article.blog])
        page.author = self.library.author(article.author)
        page.published_date = timezone.localdate(article.published_at) if article.published_at else None
        page.hero_image = self._hero_image(article, page.hero_image)
        page.shopify_id = article.id
        page.shopify_import_hash = content_hash(page)

    def _slug(self, page, article):
        """
        The handle; when another article has it (the same handle in another blog), the handle
        with the blog's. A page keeps the slug it was given, so a re-run never swaps two pages'.
        """
        own = slugify(f"{article.handle}-{article.blog}")[:SLUG_MAX_LENGTH]
        if page.pk and page.slug in (article.handle, own):
            return page.slug
        taken = self.index.get_children().filter(slug=article.handle).exclude(pk=page.pk).exists()
        return own if taken else article.handle

    def _save(self, page, article, outcome):
        if not article.published or not page.body:
            # A draft may be empty, as Wagtail lets editors save one; a page cannot go live so.
            page.save_revision(log_action=True, clean=bool(page.body))
            if article.published:
                self._empty_body_error(article)
            elif page.live:
                self.take_offline(page, article.old_path, "hidden on Shopify", count=False)
            if outcome == "created":
                # Its old address answers once an editor publishes it (the redirect API needs a live page).
                self._redirect(page, article)
            state = "draft"
        else:
            errors = publishing_errors(page.body)
            if errors and not page.next_review_due:
                page.next_review_due = timezone.localdate()
            revision = page.save_revision(log_action=True)
            # What the shop showed yesterday stays shown: the rule is waived for the import,
            # and the article waits in "Due for medical review" instead (docs/importing.md).
            PublishRevisionAction(revision, user=None, log_action=True).execute(skip_permission_checks=True)
            state = "published, due for medical review" if errors else "published"
            if errors:
                self.report.count("articles", "published, due for medical review")
                self.report.warn(
                    article.old_path,
                    "published as on Shopify and marked due for medical review: "
                    + " ".join(map(str, errors)),
                    kind="due for medical review",
                )
            self._redirect(page, article)
        self.report.count("articles", outcome)
        self.report.change(f"article {article.old_path}: {outcome} ({state})")
        self._count_blocks(page)
        return page

    def _empty_body_error(self, article):
        self.report.error(
            article.old_path,
            "live on Shopify, but nothing of its body could be imported: kept as a draft",
            kind="empty body",
        )

    def _redirect(self, page, article):
        _, created = Redirect.objects.update_or_create(
            old_path=old_path(article.blog, article.handle),
            site=None,
            defaults={"redirect_page": page, "redirect_link": "", "is_permanent": True},
        )
        self.report.count("redirects", "created" if created else "kept")

    def take_offline(self, page, subject, why, count=True):
        """Unpublish `page` and remove the redirects to it: the shop no longer shows it."""
        stored = ArticlePage.objects.get(pk=page.pk)
        if stored.live:
            stored.unpublish(log_action=True)
        Redirect.objects.filter(redirect_page_id=page.pk).delete()
        if count:
            self.report.count("articles", "taken offline")
        self.report.change(f"article {subject}: taken offline ({why})")
        self.report.warn(subject, f"taken offline: {why}", kind="taken offline")
        return page

    def _count_blocks(self, page):
        for child in page.body:
            self.report.count("blocks", child.block_type)

    def _summary(self, article, first_paragraph):
        summary = (
            html_text(article.summary_html) or first_paragraph or article.seo_description or article.title
        )
        if len(summary) > SUMMARY_MAX_LENGTH:
            self.report.warn(
                article.old_path,
                f"the summary was shortened to {SUMMARY_MAX_LENGTH} characters",
                kind="shortened",
            )
            summary = Truncator(summary).chars(SUMMARY_MAX_LENGTH)
        return summary

    def _hero_image(self, article, current):
        """The article's image; when its file cannot be had the page keeps the one it has."""
        if article.image is None:
            return None
        return self.library.image_object(article.image.src, article.image.alt) or current

    def _verify(self, article, page):
        result = survival(article.body_html, page)
        self.report.count("text survival", "source words", result.words)
        self.report.count("text survival", "missing words", len(result.missing))
        if result.missing:
            shown = " ".join(result.missing[:MISSING_WORDS_SHOWN])
            more = (
                f" (and {len(result.missing) - MISSING_WORDS_SHOWN} more)" if len(result.missing) > 30 else ""
            )
            self.report.error(
                article.old_path,
                f"{len(result.missing)} of {result.words} words of the source are not on the page: "
                f"{shown}{more}",
                kind="text missing",
            )

    def take_offline_missing(self, articles, blogs):
        """
        Take offline the live pages of `blogs` whose post is no longer in the shop: deleted there.
        A page an editor changed here is reported and left as it is.
        """
        present = {article.id for article in articles}
        prefixes = [f"/blogs/{blog}/" for blog in blogs]
        redirects = Redirect.objects.filter(redirect_page__isnull=False).select_related("redirect_page")
        for redirect in redirects:
            if not any(redirect.old_path.startswith(prefix) for prefix in prefixes):
                continue
            page = ArticlePage.objects.filter(pk=redirect.redirect_page_id, shopify_id__isnull=False).first()
            if page is None or page.shopify_id in present:
                continue
            if is_edited(page):
                self.report.warn(
                    redirect.old_path,
                    "no longer on Shopify, but changed by an editor here: left as it is",
                    kind="edited here",
                )
                continue
            with transaction.atomic():
                self.take_offline(page, redirect.old_path, "deleted on Shopify")
