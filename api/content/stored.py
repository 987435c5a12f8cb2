"""
Articles' JSON, built once and stored, then read back by every response showing the article.

Building an article's JSON is most of a response's work (its body's blocks, rich text, image
renditions, JSON-LD, snippets), and what it shows changes only when the article or something it
uses changes. So each copy built is stored (StoredRepresentation) and read back: an article's
summary, its detail, and its detail's related articles (ranked again only after a page
changes). Only what changes apart from them is read per request: which articles are public and
listed, and their comment counts.

Copies are exact whatever the timing. Every change that can alter a copy bumps a version in the
changing transaction (RepresentationVersion, from api.caching.invalidation): the article's, the
pages' (related articles) or every article's. A copy records the versions read before the data
it was built from, and is used only while all of them are current: a copy built from data older
than a change carries an older version, and is built again.

A copy is kept per `variant`: the address the client reached (image URLs are absolute, on it),
the language, the settings the JSON depends on, and the code that builds it (a release never
serves copies another one built).
"""

import hashlib
import json
import logging
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, cached_property, reduce
from importlib import import_module
from importlib.metadata import version
from operator import or_
from pathlib import Path

from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import translation
from rest_framework.utils.encoders import JSONEncoder

from articles.conf import articles_settings

from ..models import RepresentationVersion as Version
from ..models import StoredRepresentation
from . import selectors
from .serializers import StoredArticleSerializer, StoredSummarySerializer

logger = logging.getLogger(__name__)

SUMMARY = StoredRepresentation.Kind.SUMMARY
DETAIL = StoredRepresentation.Kind.DETAIL
RELATED = StoredRepresentation.Kind.RELATED
ALL, PAGES = Version.ALL, Version.PAGES
# The settings an article's JSON depends on.
SETTINGS = (
    "FRONTEND_BASE_URL",
    "ARTICLES_PUBLISHER_NAME",
    "ARTICLES_PUBLISHER_URL",
    "ARTICLES_IMAGE_RENDITIONS",
    "ARTICLES_WORDS_PER_MINUTE",
    "ARTICLES_REVIEW_INTERVAL_DAYS",
)


@dataclass
class Copy:
    """
    An article's JSON as stored, and the versions it shows the database at. A copy just built is
    read from its text too: a response is the same bytes whether it built the copy or read it.
    """

    text: str
    versions: dict

    @classmethod
    def of(cls, data, versions):
        return cls(json.dumps(data, cls=JSONEncoder, ensure_ascii=False), versions)

    @cached_property
    def data(self):
        return json.loads(self.text)


def summaries(rows, request):
    """Listed articles' JSON, for rows of (id, comment count) in the order shown."""
    copies = read(request, {(SUMMARY, pk) for pk, _count in rows})
    return [with_count(copies[SUMMARY, pk].data, count) for pk, count in rows if (SUMMARY, pk) in copies]


def detail(found, request):
    """
    The detail JSON of the article selectors.article_detail() found (id, comment count), with
    its related articles; None when it was deleted meanwhile.
    """
    pk, count = found
    copies = read(request, {(DETAIL, pk), (RELATED, pk)})
    if (DETAIL, pk) not in copies or (RELATED, pk) not in copies:
        return None
    related = copies[RELATED, pk].data
    counts = selectors.comment_counts([item["id"] for item in related])
    return {
        **with_count(copies[DETAIL, pk].data, count),
        "related": [with_count(item, counts.get(item["id"], 0)) for item in related],
    }


def with_count(data, comment_count):
    return {**data, "comment_count": comment_count}


def read(request, wanted):
    """
    {(kind, id): Copy} of the `wanted` (kind, id): the stored copies still current, the others
    built and stored. Articles deleted meanwhile are left out.
    """
    if not wanted:
        return {}
    variant = variant_of(request)
    by_kind = defaultdict(list)
    for kind, pk in wanted:
        by_kind[kind].append(pk)
    matching = reduce(or_, (Q(kind=kind, article__in=ids) for kind, ids in by_kind.items()))
    found = {
        (kind, pk): Copy(text, versions)
        for kind, pk, text, versions in StoredRepresentation.objects.filter(
            matching, variant=variant
        ).values_list("kind", "article", "json", "versions")
    }
    # Read after the copies, so that a copy found current is current; before anything is built,
    # so that a copy built records versions no newer than what it was built from.
    keys = {ALL, PAGES, *(Version.article(pk) for _kind, pk in wanted)}
    current = Version.current(keys.union(*(copy.versions for copy in found.values())))
    copies = {
        key: copy
        for key, copy in found.items()
        if all(current[name] == value for name, value in copy.versions.items())
    }
    missing = wanted - copies.keys()
    if missing:
        built = build(missing, request, current)
        store(built, variant)
        copies.update(built)
    return copies


def build(missing, request, current):
    """{(kind, id): Copy} built from the database, for the articles still there."""
    context = {"request": request}
    summary_ids = [pk for kind, pk in missing if kind == SUMMARY]
    rows = list(selectors.summary_rows(summary_ids)) if summary_ids else []
    summaries = StoredSummarySerializer(rows, many=True, context=context).data
    built = {
        (SUMMARY, row.pk): Copy.of(data, own_versions(row.pk, current))
        for row, data in zip(rows, summaries, strict=True)
    }
    for kind, pk in missing:
        if kind == DETAIL and (article := selectors.whole_article(pk)) is not None:
            built[DETAIL, pk] = Copy.of(
                StoredArticleSerializer(article, context=context).data, own_versions(pk, current)
            )
        elif kind == RELATED:
            built[RELATED, pk] = related(pk, request, current)
    return built


def own_versions(pk, current):
    """What an article's own JSON shows: the article (and what it uses), and what every one shows."""
    return {ALL: current[ALL], Version.article(pk): current[Version.article(pk)]}


def related(pk, request, current):
    """
    The summaries of the article's related articles, ranked now: valid while no page changes
    (`pages`: which are published, their taxonomies), nor the article, nor any of them.
    """
    ids = selectors.related_ids(pk)
    summaries = read(request, {(SUMMARY, related_pk) for related_pk in ids})
    shown = [summaries[SUMMARY, related_pk] for related_pk in ids if (SUMMARY, related_pk) in summaries]
    versions = {PAGES: current[PAGES], Version.article(pk): current[Version.article(pk)]}
    for copy in shown:
        versions.update(copy.versions)
    return Copy.of([copy.data for copy in shown], versions)


def store(built, variant):
    """
    Keep built copies. A copy that cannot be stored (its article deleted meanwhile, a locked
    SQLite file) is only not kept.
    """
    copies = [
        StoredRepresentation(
            article_id=pk, kind=kind, variant=variant, json=copy.text, versions=copy.versions
        )
        for (kind, pk), copy in built.items()
    ]
    try:
        with transaction.atomic():
            StoredRepresentation.objects.bulk_create(
                copies,
                update_conflicts=True,
                unique_fields=["article", "kind", "variant"],
                update_fields=["json", "versions"],
            )
    except DatabaseError as error:
        logger.warning("Articles' JSON not stored, built again next time: %r", error)


def variant_of(request):
    """
    What a copy is kept for besides its article: the address reached, the language, the settings
    and the code that build it.
    """
    origin = f"{request.scheme}://{request.get_host()}"
    settings = [getattr(articles_settings, name) for name in SETTINGS]
    key = repr([origin, translation.get_language(), settings, code_fingerprint()])
    return hashlib.blake2b(key.encode(), digest_size=20).hexdigest()


@cache
def code_fingerprint():
    """
    A digest of the code that builds articles' JSON (these apps' modules and the versions of the
    libraries they build it with): copies built by another release, even one still running
    beside this one during a deploy, are never served.
    """
    digest = hashlib.blake2b(digest_size=20)
    for package in ("articles", "api"):
        root = Path(import_module(package).__file__).parent
        for path in sorted(root.rglob("*.py")):
            if "migrations" not in path.parts:
                digest.update(path.read_bytes())
    for library in ("wagtail", "django", "djangorestframework"):
        digest.update(version(library).encode())
    return digest.hexdigest()
