"""
The reads of published content: every public query of articles and their taxonomies starts here.

"Published" is Wagtail's own notion, as in `wagtail.api.querysets.get_public_pages_queryset` for
an anonymous reader: live, outside any section with a view restriction (password, login,
groups), and inside a site. Drafts, unpublished pages and private sections therefore never reach
a listing, a detail, related articles, a taxonomy count or a rich-text link.
"""

import re
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import BooleanField, Count, F, Func, IntegerField, Q, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.search.backends import get_search_backend

from .conf import articles_settings
from .models import ArticlePage, ArticlePageTag, ArticleTechnique, Condition, Technique

SEARCH_WORDS = re.compile(r"\w+")


def public_pages(model=Page):
    """Pages of `model` any reader may see."""
    in_a_site = reduce(
        or_,
        (Q(url_path__startswith=root.root_path) for root in Site.get_site_root_paths()),
        Q(pk__in=[]),
    )
    return model._default_manager.live().exclude(in_a_private_section()).filter(in_a_site)


def in_a_private_section():
    """
    Pages in a section with a view restriction, as Wagtail's PageQuerySet.private_q() (a section
    is its page and the pages below it, whose paths start with its path), reading only the paths
    of the restricted pages: every public read starts with this query.
    """
    paths = PageViewRestriction.objects.values_list("page__path", flat=True)
    return reduce(or_, (Q(path__startswith=path) for path in paths), Q(pk__in=[]))


def public_articles():
    """
    Published articles, newest first, annotated with `published_at`: the date readers see (the
    editor's published date, else the day of first publication, as stored in `listing_date`),
    used to filter and order.
    """
    return (
        public_pages(ArticlePage)
        .annotate(published_at=F("listing_date"))
        .order_by(F("published_at").desc(nulls_last=True), "-pk")
    )


def article_by_slug(slug, queryset=None):
    """The published article with this slug, or None. Slugs are unique among siblings only."""
    queryset = public_articles() if queryset is None else queryset
    return queryset.filter(slug=slug).order_by("path").first()


def related_articles(article, limit, queryset=None):
    """
    The first `limit` published articles sharing a condition or a tag with `article`, the most
    shared first (conditions count before tags), then the newest. The conditions and tags are
    those `article` holds: a draft's own, for a preview.
    """
    own = ([condition.pk for condition in article.conditions.all()], [tag.pk for tag in article.tags.all()])
    return rank_by_shared_taxonomies(article.pk, *own, limit, queryset)


def related_to_saved_article(article_id, limit, queryset=None):
    """related_articles() of the article `article_id` as it is saved."""
    return rank_by_shared_taxonomies(article_id, None, None, limit, queryset)


# The taxonomies' link tables: (model, its field naming the article, its field naming the taxonomy).
CONDITION_LINKS = ArticlePage.conditions.through, "articlepage", "condition"
TAG_LINKS = ArticlePageTag, "content_object", "tag"


def rank_by_shared_taxonomies(article_id, condition_ids, tag_ids, limit, queryset=None):
    """
    The first `limit` articles of `queryset` (published articles) other than `article_id`
    sharing one of its conditions or tags, ranked by how many of each they share, then in the
    queryset's order (the newest first). `condition_ids` and `tag_ids` are a draft's own; None
    reads those saved.

    Only the newest ARTICLES_RELATED_CANDIDATES articles sharing any are ranked: one query finds
    them in the listing index's order with their shared counts, and costs the same however many
    articles share a taxonomy. Python ranks them (a stable sort keeps the date order among
    equals); a second query reads the few chosen.
    """
    queryset = public_articles() if queryset is None else queryset
    conditions = SharedTaxonomies(CONDITION_LINKS, article_id, condition_ids)
    tags = SharedTaxonomies(TAG_LINKS, article_id, tag_ids)
    shares_any = f"({conditions.exist()} OR {tags.exist()})"
    candidates = (
        queryset.exclude(pk=article_id)
        .filter(RawSQL(shares_any, [], output_field=BooleanField()))  # noqa: S611
        .values_list("pk", conditions.count(), tags.count())
    )
    candidates = candidates[: articles_settings.ARTICLES_RELATED_CANDIDATES]
    ranked = [pk for pk, *_ in sorted(candidates, key=lambda row: (-row[1], -row[2]))[:limit]]
    chosen = queryset.in_bulk(ranked)
    return [chosen[pk] for pk in ranked]


class SharedTaxonomies:
    """
    SQL over the outer query's article: its links (CONDITION_LINKS, TAG_LINKS) to the taxonomies
    of `article_id` (or of `ids`, a draft's). Written as SQL because the ORM's correlated
    subqueries cost several times more to build than the database takes to run them, and every
    detail builds them; the counts are only computed for the rows the query returns.

    The ids are written into the SQL, not bound as parameters: where the host prepares repeated
    statements (psycopg's `prepare_threshold`), the query is then never prepared for another
    article. PostgreSQL's generic plan for it would read every article, as it cannot tell how
    many pages a bound `url_path LIKE` keeps.
    """

    def __init__(self, links, article_id, ids):
        model, article_field, taxonomy_field = links
        quote = connection.ops.quote_name
        table = quote(model._meta.db_table)
        article_column = quote(model._meta.get_field(article_field).column)
        taxonomy_column = quote(model._meta.get_field(taxonomy_field).column)
        outer_pk = f"{quote(ArticlePage._meta.db_table)}.{quote(ArticlePage._meta.pk.column)}"
        # Only quoted names from the models and integers are written into the SQL.
        if ids is None:
            own = f"SELECT own.{taxonomy_column} FROM {table} own "  # noqa: S608
            own += f"WHERE own.{article_column} = {int(article_id)}"
        else:
            own = ", ".join(str(int(pk)) for pk in ids) or "NULL"
        self.links = (
            f"FROM {table} shared WHERE shared.{article_column} = {outer_pk} "
            f"AND shared.{taxonomy_column} IN ({own})"
        )

    def exist(self):
        return f"EXISTS (SELECT 1 {self.links})"

    def count(self):
        return RawSQL(f"SELECT COUNT(*) {self.links}", [], output_field=IntegerField())  # noqa: S611


def subquery_count(queryset):
    """
    A correlated COUNT(*) of `queryset` (filtered on an OuterRef). Unlike Count() over a join, it
    does not multiply with the other joins of the outer query. Written as Django's docs do: an
    aggregate without GROUP BY always returns one row (0 when nothing matches), and it is cheaper
    for the ORM to build than a grouped subquery.
    """
    counted = queryset.order_by().annotate(n=Func(template="COUNT(*)", output_field=IntegerField()))
    return Subquery(counted.values("n"), output_field=IntegerField())


def matching_article_ids(terms):
    """
    Ids of articles whose title, summary or body text match every word of `terms`, through
    Wagtail search (ArticlePage.search_fields), as a subquery that composes with any filter and
    ordering. Only the words are searched: quotes, operators and punctuation would otherwise
    reach the database's full-text syntax (SQLite FTS5 fails on an unbalanced quote).

    Needs a database search backend (`wagtail.search.backends.database`), whose results are a
    queryset.
    """
    words = SEARCH_WORDS.findall(terms)
    if not words:
        return ArticlePage.objects.none().values("pk")
    results = get_search_backend().search(
        " ".join(words), ArticlePage.objects.all(), operator="and", order_by_relevance=False
    )
    return results.get_queryset().values("pk")


def article_ids_using_technique(slug):
    """
    Ids of articles whose body recommends the technique with this slug (a subquery), from the
    rows the page's save writes with it (ArticleTechnique): a page row holds the published
    content (saving a draft only stores a revision), so for live pages they say exactly which
    techniques the published body uses, from the moment it commits.
    """
    return ArticleTechnique.objects.filter(technique__slug=slug).values("article_id")


def techniques_with_article_counts():
    """The technique library, each with `article_count`: published articles recommending it."""
    public = public_articles().values("pk")
    return Technique.objects.annotate(
        article_count=Count("article_uses", filter=Q(article_uses__article__in=public), distinct=True)
    ).order_by(Lower("name"), "pk")


def conditions_with_article_counts():
    """Every condition, each with `article_count`: published articles about it."""
    public = public_articles().values("pk")
    return Condition.objects.annotate(
        article_count=Count("articles", filter=Q(articles__in=public), distinct=True)
    ).order_by(Lower("name"), "pk")


def tags_with_article_counts():
    """
    The tags of published articles as `{slug, name, article_count}`, by name. Tags only drafts
    use are left out: their names would tell what is being written.
    """
    return (
        ArticlePageTag.objects.filter(content_object__in=public_articles().values("pk"))
        .values(slug=F("tag__slug"), name=F("tag__name"))
        .annotate(article_count=Count("content_object", distinct=True))
        .order_by(Lower("name"), "slug")
    )
