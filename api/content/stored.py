"""
Articles' JSON, built once and stored, then read back by every response showing the article.

Building an article's JSON is most of a response's work (its body's blocks, rich text, image
renditions, JSON-LD, snippets), and what it shows changes only when the article or something it
uses changes. So each copy built is stored (StoredRepresentation) and read back; only what
changes apart from the article is read per request: which articles are public, listed or
related, and their comment counts.

Copies are exact whatever the timing. Every change that can alter an article's JSON bumps its
version, or every article's (RepresentationVersion, bumped by api.caching.invalidation in the
changing transaction). A copy records the versions read before the data it was built from, and
is used only while both are current: a copy built from data older than a change carries an
older version, and is built again.

A copy is kept per `variant`: the address the client reached (image URLs are absolute, on it),
the language and the settings the JSON depends on. `manage.py migrate` voids every copy, so a
release that changes the JSON's shape (every deploy migrates) never serves the old one.
"""

import hashlib
import logging

from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import translation

from articles.conf import articles_settings

from ..models import RepresentationVersion, StoredRepresentation
from . import selectors
from .serializers import StoredArticleSerializer, StoredSummarySerializer

logger = logging.getLogger(__name__)

SUMMARY = StoredRepresentation.Kind.SUMMARY
DETAIL = StoredRepresentation.Kind.DETAIL
# The settings an article's JSON depends on.
SETTINGS = (
    "FRONTEND_BASE_URL",
    "ARTICLES_PUBLISHER_NAME",
    "ARTICLES_PUBLISHER_URL",
    "ARTICLES_IMAGE_RENDITIONS",
    "ARTICLES_WORDS_PER_MINUTE",
    "ARTICLES_REVIEW_INTERVAL_DAYS",
)


def summaries(rows, request):
    """Listed articles' JSON, for rows of (id, comment count) in the order shown."""
    copies = read(request, summary_ids=[pk for pk, _count in rows])
    return [with_count(copies[SUMMARY, pk], count) for pk, count in rows if (SUMMARY, pk) in copies]


def detail(found, request):
    """
    An article's detail JSON, for selectors.article_detail()'s (id, comment count) of the
    article and of its related articles; None when it was deleted meanwhile.
    """
    (pk, count), related = found
    copies = read(request, summary_ids=[related_pk for related_pk, _count in related], detail_ids=[pk])
    if (DETAIL, pk) not in copies:
        return None
    return {
        **with_count(copies[DETAIL, pk], count),
        "related": [
            with_count(copies[SUMMARY, related_pk], related_count)
            for related_pk, related_count in related
            if (SUMMARY, related_pk) in copies
        ],
    }


def with_count(data, comment_count):
    return {**data, "comment_count": comment_count}


def read(request, summary_ids=(), detail_ids=()):
    """
    {(kind, id): JSON} of these articles: the stored copies still current, the others built
    and stored. An article deleted meanwhile is left out.
    """
    variant = variant_of(request)
    versions = RepresentationVersion.current([*summary_ids, *detail_ids])
    every = versions[RepresentationVersion.EVERY_ARTICLE]
    stored = StoredRepresentation.objects.filter(variant=variant).filter(
        Q(kind=SUMMARY, article__in=summary_ids) | Q(kind=DETAIL, article__in=detail_ids)
    )
    copies = {
        (kind, pk): data
        for kind, pk, data, article_version, global_version in stored.values_list(
            "kind", "article", "data", "article_version", "global_version"
        )
        if article_version == versions[pk] and global_version == every
    }
    wanted = {(SUMMARY, pk) for pk in summary_ids} | {(DETAIL, pk) for pk in detail_ids}
    missing = wanted - copies.keys()
    if missing:
        built = build(missing, request)
        store(built, versions, variant)
        copies.update(built)
    return copies


def build(missing, request):
    """{(kind, id): JSON} built from the database, for the articles still there."""
    context = {"request": request}
    summary_ids = [pk for kind, pk in missing if kind == SUMMARY]
    rows = list(selectors.summary_rows(summary_ids)) if summary_ids else []
    summaries = StoredSummarySerializer(rows, many=True, context=context).data
    built = {(SUMMARY, row.pk): data for row, data in zip(rows, summaries, strict=True)}
    for kind, pk in missing:
        article = selectors.whole_article(pk) if kind == DETAIL else None
        if article is not None:
            built[DETAIL, pk] = StoredArticleSerializer(article, context=context).data
    return built


def store(built, versions, variant):
    """
    Keep built copies, marked with the versions read before they were built. A copy that
    cannot be stored (its article deleted meanwhile, a locked SQLite file) is only not kept.
    """
    every = versions[RepresentationVersion.EVERY_ARTICLE]
    copies = [
        StoredRepresentation(
            article_id=pk,
            kind=kind,
            variant=variant,
            data=data,
            article_version=versions[pk],
            global_version=every,
        )
        for (kind, pk), data in built.items()
    ]
    try:
        with transaction.atomic():
            StoredRepresentation.objects.bulk_create(
                copies,
                update_conflicts=True,
                unique_fields=["article", "kind", "variant"],
                update_fields=["data", "article_version", "global_version"],
            )
    except DatabaseError as error:
        logger.warning("Articles' JSON not stored, built again next time: %r", error)


def variant_of(request):
    """What a copy is kept for besides its article: the address reached, language and settings."""
    origin = f"{request.scheme}://{request.get_host()}"
    settings = [getattr(articles_settings, name) for name in SETTINGS]
    key = repr([origin, translation.get_language(), settings])
    return hashlib.blake2b(key.encode(), digest_size=20).hexdigest()
