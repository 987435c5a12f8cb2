"""
What each change makes stale, connected to model signals in ApiConfig.ready().

Signals, not calls from the services: they also see changes made outside them (the Wagtail
admin, imports, data erasure, the shell), and the import direction stays api -> moderation ->
articles. Each change bumps generations (the server's cache, exact: see generations.py), the
versions of the articles' stored JSON (RepresentationVersion, api/content/stored.py) and, when
a CDN is configured, purges the API URLs it affects (purge.py).

- a page saved live, unpublished, moved or deleted, a view restriction, a site or a tag changed:
  every page-related response (`pages`); the stored JSON of the article saved and of those
  linking to the page, or of every article when a move, a restriction, a site, a tag or a page
  above articles (their URLs) changed;
- an article's tags or conditions written (after its row, when the page is saved): the same as
  its page saved;
- a technique, condition, author (or credential), clinic, image or document changed or deleted:
  the articles that use it, found with Wagtail's reference index (conditions through the
  articles' own many-to-many field, which the index does not record), and the taxonomies for
  techniques and conditions;
- a comment changed: its article (detail, comments, the listings showing its count); stored
  JSON leaves comment counts out.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
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

from ..models import RepresentationVersion
from . import generations, purge

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


def page_changed(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or (update_fields and set(update_fields) <= DRAFT_FIELDS):
        return
    linking = _articles_using(instance)
    if isinstance(instance, ArticlePage):
        _pages_changed([instance.pk, *linking])
    else:
        _pages_changed(None)  # its slug is in the URLs of the articles below it
    if purge.enabled():
        purge.purge_on_commit(_page_paths(instance, linking))


def article_tag_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _pages_changed([instance.content_object_id])


def conditions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Conditions added to or removed from articles, from either side of the relation."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        _pages_changed([instance.pk])
    elif pk_set is None:  # a condition's articles cleared: which ones is not told
        _pages_changed(None)
    else:
        _pages_changed(pk_set)


def _pages_changed(article_ids):
    """
    Bump `pages`, and void the stored JSON of these articles (None: of every article) and the
    related articles of all (ranked on which articles are published and their taxonomies).
    """
    generations.bump(generations.PAGES)
    if article_ids is None:
        RepresentationVersion.bump([RepresentationVersion.PAGES, RepresentationVersion.ALL])
    else:
        keys = [RepresentationVersion.article(pk) for pk in article_ids]
        RepresentationVersion.bump([RepresentationVersion.PAGES, *keys])


def page_moved(sender, instance, **kwargs):
    """A move changes the URL of every article below the page."""
    _pages_changed(None)
    if purge.enabled():
        slugs = ArticlePage.objects.descendant_of(instance, inclusive=True).values_list("slug", flat=True)
        purge.purge_on_commit(purge.article_urls(slugs) + purge.taxonomy_urls())


def site_changed(sender, instance, **kwargs):
    _pages_changed(None)
    if purge.enabled():
        purge.purge_on_commit(purge.article_urls(()) + purge.taxonomy_urls())


def restriction_changed(sender, instance, **kwargs):
    """A view restriction hides or shows every article below its page."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        _pages_changed(None)
    else:
        page_moved(sender, page)


def snippet_changed(sender, instance, raw=False, **kwargs):
    """A snippet, image or document saved (post_save) or about to be deleted (pre_delete)."""
    if raw:
        return
    if isinstance(instance, AuthorCredential):
        instance = instance.author
    article_ids = _articles_using(instance)
    taxonomy = isinstance(instance, (Technique, Condition))
    names = [generations.article(pk) for pk in article_ids]
    generations.bump(*names, *([generations.TAXONOMIES] if taxonomy else []))
    RepresentationVersion.bump_articles(article_ids)
    if purge.enabled():
        slugs = ArticlePage.objects.filter(pk__in=article_ids).values_list("slug", flat=True)
        techniques = [instance.slug] if isinstance(instance, Technique) else []
        purge.purge_on_commit(
            purge.article_urls(slugs) + (purge.taxonomy_urls(techniques) if taxonomy else [])
        )


def comment_changed(sender, instance, created=False, raw=False, **kwargs):
    """Readers see approved comments only: a new comment waiting for moderation changes nothing."""
    if raw or (created and instance.status != Comment.Status.APPROVED):
        return
    generations.bump(generations.article(instance.article_id))
    if purge.enabled():
        slugs = ArticlePage.objects.filter(pk=instance.article_id).values_list("slug", flat=True)
        purge.purge_on_commit(purge.article_urls(slugs))


def comment_deleted(sender, instance, **kwargs):
    if instance.status == Comment.Status.APPROVED:
        comment_changed(sender, instance)


def _page_paths(page, linking):
    """A page's own API URLs, those of the articles `linking` to it, the listing and taxonomies."""
    slugs = set(ArticlePage.objects.filter(pk__in=linking).values_list("slug", flat=True))
    if isinstance(page, ArticlePage):
        slugs.add(page.slug)
    return purge.article_urls(sorted(slugs)) + purge.taxonomy_urls()


def _articles_using(instance):
    """Ids of the pages whose content uses `instance` (live pages: the index records page rows)."""
    if isinstance(instance, Condition):
        return list(instance.articles.values_list("pk", flat=True))
    references = ReferenceIndex.get_references_to(instance).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    return sorted({int(pk) for pk in references.values_list("object_id", flat=True)})


def connect():
    """Connect the receivers; ApiConfig.ready() calls it once."""
    for model in get_page_models():
        post_save.connect(page_changed, sender=model, dispatch_uid=f"api-cache-page-saved-{model.__name__}")
        post_delete.connect(
            page_changed, sender=model, dispatch_uid=f"api-cache-page-deleted-{model.__name__}"
        )
    post_page_move.connect(page_moved, dispatch_uid="api-cache-page-moved")
    for model, receiver in (
        (Site, site_changed),
        (Tag, site_changed),
        (PageViewRestriction, restriction_changed),
    ):
        post_save.connect(receiver, sender=model, dispatch_uid=f"api-cache-saved-{model.__name__}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"api-cache-deleted-{model.__name__}")
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
    post_save.connect(article_tag_changed, sender=ArticlePageTag, dispatch_uid="api-cache-tag-saved")
    post_delete.connect(article_tag_changed, sender=ArticlePageTag, dispatch_uid="api-cache-tag-deleted")
    m2m_changed.connect(
        conditions_changed, sender=ArticlePage.conditions.through, dispatch_uid="api-cache-conditions"
    )
    post_save.connect(comment_changed, sender=Comment, dispatch_uid="api-cache-comment-saved")
    post_delete.connect(comment_deleted, sender=Comment, dispatch_uid="api-cache-comment-deleted")
