"""
Shopify articles written as article pages, each in its own transaction.

A page is found again by its Shopify id, so a re-run updates it instead of adding a second one.
The import stores, on the page, a hash of the content it wrote (content_hash); a page whose
latest revision no longer has that hash was changed by an editor, and is left alone unless the
import overwrites. Techniques and authors are matched by name in the library, created when
missing; the shop's old address `/blogs/<blog>/<handle>` becomes a Wagtail redirect.
"""

import hashlib
import json
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator, slugify
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtail.utils.file import hash_filelike

from articles.demo.loader import without_ids
from articles.models import ArticleIndexPage, ArticlePage, publishing_errors
from articles.snippets import Author, Technique

from . import mapping

SUMMARY_MAX_LENGTH = ArticlePage._meta.get_field("summary").max_length
TECHNIQUE_NAME_MAX_LENGTH = Technique._meta.get_field("name").max_length
TECHNIQUE_SUMMARY_MAX_LENGTH = Technique._meta.get_field("summary").max_length
IMAGE_TEXT_MAX_LENGTH = 255


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
        "body": without_ids(page.body.get_prep_value()),
        "tags": sorted(page.tags.names()),
        "author": page.author_id,
        "published_date": page.published_date,
        "hero_image": page.hero_image_id,
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


def old_path(blog, handle):
    return Redirect.normalise_path(f"/blogs/{blog}/{handle}")


class ArticleImporter:
    """Imports articles into `index`, counting what it does in `report` (report.py)."""

    def __init__(self, *, index, blog, report, images_dir=None, overwrite=False, dry_run=False):
        self.index = index
        self.blog = blog
        self.report = report
        self.images_dir = Path(images_dir) if images_dir else None
        self.overwrite = overwrite
        self.dry_run = dry_run

    def run(self, article):
        """The article's page, or None when it failed: then nothing of it was stored."""
        library = self.report.counts["library entries created"].copy()
        try:
            with transaction.atomic():
                return self._import(article)
        except Exception as error:  # noqa: BLE001 - one article's failure is reported, the rest go on
            self.report.counts["library entries created"] = library
            self.report.count("articles", "failed")
            self.report.warn(article.handle, f"not imported: {describe(error)}")
            return None

    def _import(self, article):
        page = ArticlePage.objects.filter(shopify_id=article.id).first()
        if page is None:
            page = ArticlePage(live=False)
            self._fill(page, article)
            if article.published and article.published_at:
                page.first_published_at = article.published_at
            self.index.add_child(instance=page)
            return self._save(page, article, "created")
        latest = page.get_latest_revision_as_object()
        imported = latest.shopify_import_hash
        if content_hash(latest) != imported and not self.overwrite:
            self.report.count("articles", "skipped (edited)")
            self.report.warn(
                article.handle, "changed by an editor since the last import: left alone (--overwrite)"
            )
            return page
        self._fill(latest, article)
        if latest.shopify_import_hash == imported and (page.live or not article.published):
            self.report.count("articles", "unchanged")
            self._count_blocks(latest)
            return page
        return self._save(latest, article, "updated")

    def _fill(self, page, article):
        """Set everything the import writes on `page` from `article`, with the hash of it."""
        body = mapping.cut(article.body_html, self._technique)
        for warning in body.warnings:
            self.report.warn(article.handle, warning)
        stream_block = ArticlePage.body.field.stream_block
        page.title = article.title
        page.slug = article.handle
        page.summary = self._summary(article, body.first_paragraph)
        page.body = stream_block.clean(stream_block.to_python(body.blocks))
        page.tags.set(list(article.tags))
        page.author = self._author(article.author)
        page.published_date = timezone.localdate(article.published_at) if article.published_at else None
        page.hero_image = self._image(article, page.hero_image)
        page.shopify_id = article.id
        page.shopify_import_hash = content_hash(page)

    def _save(self, page, article, outcome):
        revision = page.save_revision(log_action=True)
        errors = publishing_errors(page.body)
        if article.published and errors:
            self.report.warn(article.handle, f"kept as a draft: {' '.join(map(str, errors))}")
        elif article.published:
            revision.publish(log_action=True)
        Redirect.objects.update_or_create(
            old_path=old_path(self.blog, article.handle),
            site=None,
            defaults={"redirect_page": page, "redirect_link": "", "is_permanent": True},
        )
        state = "published" if article.published and not errors else "draft"
        self.report.count("articles", outcome)
        self.report.change(f"article {article.handle}: {outcome} ({state})")
        self._count_blocks(page)
        return page

    def _count_blocks(self, page):
        for child in page.body:
            self.report.count("blocks", child.block_type)

    def _summary(self, article, first_paragraph):
        summary = mapping.html_text(article.summary_html) or first_paragraph
        if len(summary) > SUMMARY_MAX_LENGTH:
            self.report.warn(article.handle, f"the summary was shortened to {SUMMARY_MAX_LENGTH} characters")
            summary = Truncator(summary).chars(SUMMARY_MAX_LENGTH)
        return summary

    def _technique(self, name, line):
        """
        The library technique a techniques list names, created with the line as its summary when
        missing. A line that says more than the library's summary is kept as the item's application.
        """
        technique = Technique.objects.filter(Q(name__iexact=name) | Q(slug=slugify(name))).first()
        if technique is not None:
            return technique.pk, "" if technique.summary == line else line
        if len(name) > TECHNIQUE_NAME_MAX_LENGTH or len(line) > TECHNIQUE_SUMMARY_MAX_LENGTH:
            raise mapping.Unfit(f"the technique {name!r} is too long a name or line for the library")
        technique = Technique(name=name, slug=slugify(name), summary=line)
        try:
            technique.full_clean()
        except ValidationError as error:
            raise mapping.Unfit(
                f"the technique {name!r} cannot join the library ({describe(error)})"
            ) from error
        technique.save()
        self.report.count("library entries created", "techniques")
        self.report.change(f"technique {name!r}: added to the library")
        return technique.pk, ""

    def _author(self, name):
        if not name:
            return None
        author = Author.objects.filter(name__iexact=name).first()
        if author is None:
            author = Author.objects.create(name=name)
            self.report.count("library entries created", "authors")
            self.report.change(f"author {name!r}: added")
        return author

    def _image(self, article, current):
        """
        The article's image, from the file of the same name in --images (matched by content on a
        re-run); without it the page keeps the image it has, with a warning.
        """
        if article.image is None:
            return None
        name = Path(urlsplit(article.image.src).path).name
        path = self.images_dir / name if self.images_dir else None
        if path is None or not path.is_file():
            where = f"not in {self.images_dir}" if path else "skipped: give --images DIR to import it"
            self.report.warn(article.handle, f"its image {name} is {where}")
            return current
        with open(path, "rb") as image_file:
            digest = hash_filelike(image_file)
        image_model = get_image_model()
        image = image_model.objects.filter(file_hash=digest).first()
        if image is not None or self.dry_run:
            return image or current
        alt = article.image.alt[:IMAGE_TEXT_MAX_LENGTH]
        image = image_model(
            title=alt or name, description=alt, file_hash=digest, file_size=path.stat().st_size
        )
        with open(path, "rb") as image_file:
            image.file = ImageFile(image_file, name=name)
            image.save()
        self.report.count("library entries created", "images")
        self.report.change(f"image {name}: added")
        return image


def describe(error):
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    return str(error) or error.__class__.__name__
