"""
What changes readers can see, connected to model signals in ApiConfig.ready().

Signals, not calls from the services: they also see changes made outside them (the Wagtail
admin, imports, data erasure, the shell), and the import direction stays api -> moderation ->
articles. Each change readers can see bumps the content version in its transaction
(version.py) and, when a CDN is configured, purges the API URLs it affects once it commits
(purge.py). A change nobody reading the API can see bumps nothing:

- a page: saved live, unpublished, moved or deleted (not a draft, a lock or an editor's comment);
  a view restriction, a site or a tag; an article's tags or conditions;
- a technique or condition (the taxonomies list them all); an author (or credential), clinic,
  image or document only when an article uses it, found with Wagtail's reference index;
- a comment that is approved, or was before the change (not a submission held for moderation or
  as spam, nor a change to one never published);
- `migrate`, whose data migrations send no signal.
"""

from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db import connections, transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site, get_page_models
from wagtail.signals import post_page_move

from articles.models import (
    ArticlePage,
    ArticlePageTag,
    Author,
    AuthorCredential,
    ClinicLocation,
    Condition,
    Technique,
)
from moderation.models import Comment

from .. import internals
from ..models import ContentVersion
from . import purge, version

# An article's columns naming a snippet or image (the body's uses are in the reference index).
ROW_REFERENCES = (
    ("author", Author),
    ("medical_reviewer", Author),
    ("hero_image", get_image_model()),
    ("social_image", get_image_model()),
)

# Fields a draft, a lock or an editor's comment saves on the page row: nothing readers see.
DRAFT_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "wagtail_admin_comments",
    "locked",
    "locked_at",
    "locked_by",
}


def changed(paths=list):
    """A change readers can see: bump the version; `paths()` are the API paths the CDN purges."""
    version.bump()
    if purge.enabled():
        purge.purge_on_commit(paths())


def page_changed(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or (update_fields and set(update_fields) <= DRAFT_FIELDS):
        return
    changed(lambda: page_paths(instance))


def article_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    """
    What a saved article uses, in Wagtail's reference index in the save's own transaction: Wagtail
    updates it in a task, and until that runs `articles_using()` would miss an image, document,
    clinic or page the article has just started to use, and a change to it would bump nothing.
    """
    skip = raw or (update_fields and set(update_fields) <= DRAFT_FIELDS)
    if skip or internals.reference_index_updates_disabled():
        return
    with transaction.atomic():
        ReferenceIndex.create_or_update_for_object(instance)


def page_moved(sender, instance, **kwargs):
    """A move or a view restriction changes every article below the page (URL, visibility)."""
    changed(lambda: articles_below(instance))


def restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    changed(lambda: articles_below(page) if page else purge.article_urls(()) + purge.taxonomy_urls())


def listings_changed(sender, raw=False, **kwargs):
    """
    A site, a tag or an article's tag written: the listings and taxonomies (a CDN purges exact
    URLs; the article's own are purged with its page, saved in the same publish).
    """
    if not raw:
        changed(lambda: purge.article_urls(()) + purge.taxonomy_urls())


def conditions_changed(sender, action, **kwargs):
    """Conditions added to or removed from articles, from either side of the relation."""
    if action in ("post_add", "post_remove", "post_clear"):
        listings_changed(sender)


def snippet_changed(sender, instance, raw=False, **kwargs):
    """A snippet, image or document saved (post_save) or about to be deleted (pre_delete)."""
    if raw:
        return
    if isinstance(instance, AuthorCredential):
        instance = instance.author
    taxonomy = isinstance(instance, (Technique, Condition))
    article_ids = articles_using(instance)
    if not (taxonomy or article_ids):
        return
    changed(
        lambda: (
            purge.article_urls(slugs_of(article_ids)) + (purge.taxonomy_urls(instance) if taxonomy else [])
        )
    )


def comment_saving(sender, instance, raw=False, **kwargs):
    """Remember whether the comment was public before this save (comment_saved asks)."""
    instance._was_public = (
        not raw
        and instance.pk is not None
        and Comment.objects.filter(pk=instance.pk, status=Comment.Status.APPROVED).exists()
    )


def comment_saved(sender, instance, raw=False, **kwargs):
    public = instance.status == Comment.Status.APPROVED
    if not raw and (public or getattr(instance, "_was_public", False)):
        changed(lambda: purge.article_urls(slugs_of([instance.article_id])))


def comment_deleted(sender, instance, **kwargs):
    if instance.status == Comment.Status.APPROVED:
        changed(lambda: purge.article_urls(slugs_of([instance.article_id])))


def migrated(sender, using, **kwargs):
    """A migration may have changed content without a signal (a backfill): everything changed."""
    if ContentVersion._meta.db_table in connections[using].introspection.table_names():
        version.bump(using=using)


def page_paths(page):
    """A page's own API URLs, those of the articles linking to it, the listing and taxonomies."""
    slugs = set(slugs_of(articles_using(page)))
    if isinstance(page, ArticlePage):
        slugs.add(page.slug)
    return purge.article_urls(sorted(slugs)) + purge.taxonomy_urls()


def articles_below(page):
    slugs = ArticlePage.objects.descendant_of(page, inclusive=True).values_list("slug", flat=True)
    return purge.article_urls(slugs) + purge.taxonomy_urls()


def slugs_of(article_ids):
    return list(ArticlePage.objects.filter(pk__in=article_ids).values_list("slug", flat=True))


def articles_using(instance):
    """
    Ids of the pages whose content uses `instance`. A technique's and a condition's are rows the
    page's save writes in its own transaction, as are an article's people and images (its
    columns); what else a body uses is found in Wagtail's reference index (page rows: live
    content), which an article's save updates in its transaction (`article_saved`).
    """
    if isinstance(instance, Condition):
        return list(instance.articles.values_list("pk", flat=True))
    if isinstance(instance, Technique):
        return list(instance.article_uses.values_list("article_id", flat=True))
    references = ReferenceIndex.get_references_to(instance).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    ids = {int(pk) for pk in references.values_list("object_id", flat=True)}
    columns = [name for name, model in ROW_REFERENCES if isinstance(instance, model)]
    if columns:
        using = reduce(or_, (Q(**{name: instance}) for name in columns))
        ids.update(ArticlePage.objects.filter(using).values_list("pk", flat=True))
    return sorted(ids)


def connect():
    """Connect the receivers; ApiConfig.ready() calls it once."""
    for model in get_page_models():
        post_save.connect(page_changed, sender=model, dispatch_uid=f"api-cache-page-saved-{model.__name__}")
        post_delete.connect(
            page_changed, sender=model, dispatch_uid=f"api-cache-page-deleted-{model.__name__}"
        )
    post_save.connect(article_saved, sender=ArticlePage, dispatch_uid="api-cache-article-references")
    post_page_move.connect(page_moved, dispatch_uid="api-cache-page-moved")
    for model, receiver in (
        (Site, listings_changed),
        (Tag, listings_changed),
        (PageViewRestriction, restriction_changed),
        (ArticlePageTag, listings_changed),
    ):
        post_save.connect(receiver, sender=model, dispatch_uid=f"api-cache-saved-{model.__name__}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"api-cache-deleted-{model.__name__}")
    m2m_changed.connect(
        conditions_changed, sender=ArticlePage.conditions.through, dispatch_uid="api-cache-conditions"
    )
    snippets = [
        Technique,
        Condition,
        Author,
        AuthorCredential,
        ClinicLocation,
        get_image_model(),
        get_document_model(),
    ]
    for model in snippets:
        post_save.connect(snippet_changed, sender=model, dispatch_uid=f"api-cache-saved-{model.__name__}")
        pre_delete.connect(snippet_changed, sender=model, dispatch_uid=f"api-cache-deleted-{model.__name__}")
    pre_save.connect(comment_saving, sender=Comment, dispatch_uid="api-cache-comment-saving")
    post_save.connect(comment_saved, sender=Comment, dispatch_uid="api-cache-comment-saved")
    post_delete.connect(comment_deleted, sender=Comment, dispatch_uid="api-cache-comment-deleted")
