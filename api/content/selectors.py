"""
The content API's reads: published articles from articles.selectors, plus what only the API
adds (comment counts, which belong to moderation, and the related articles of a detail).
"""

from django.db.models import F, OuterRef

from articles import selectors
from articles.models import ArticlePage
from moderation.models import Comment

from ..conf import api_settings


def approved_comments():
    return Comment.objects.filter(status=Comment.Status.APPROVED)


# The columns of a listed article (ArticleSummarySerializer) and of its author. Not the body: a
# listing shows what the page stored of it when it was saved (ArticlePage.store_body_facts).
LISTED_FIELDS = (
    "title",
    "slug",
    "url_path",
    "summary",
    "first_published_at",
    "published_date",
    "last_reviewed",
    "hero_image",
    "body_technique_ids",
    "body_word_count",
    "author__name",
    "author__job_title",
)


def listed(queryset):
    """Articles of `queryset` as listings read them: only LISTED_FIELDS, with the author."""
    return queryset.only(*LISTED_FIELDS).select_related("author").annotate(updated_at=F("last_published_at"))


def with_comment_counts(queryset):
    """Articles of `queryset`, each with `comment_count`: its approved comments."""
    return queryset.annotate(
        comment_count=selectors.subquery_count(approved_comments().filter(article=OuterRef("pk")), "article")
    )


def articles():
    """
    Published articles as listings show them: only the columns they show (LISTED_FIELDS), with
    the author and the counts, in one query. Their tags, conditions and the authors' credentials
    are read for all the articles of a response at once, by articles.representation.ArticleSet.
    """
    return listed(with_comment_counts(selectors.public_articles()))


def article_detail(slug):
    """
    The published article with this slug, with its medical reviewer and related articles, or
    None. Related articles are ranked on the stored article's ids: nothing of it is read first.
    """
    # One published-articles queryset for all: its private-section check is one query.
    listing = articles()
    # The article is shown whole: every column, its own tags and conditions.
    queryset = listing.defer(None).select_related("medical_reviewer").prefetch_related("tags", "conditions")
    article = selectors.article_by_slug(slug, queryset=queryset)
    if article is None:
        return None
    ranked = selectors.related_to_stored_article(article.pk, queryset=listing)
    article.related = rows_in_order(listing, first_ids(ranked))
    return article


def related(article):
    """The first API_RELATED_ARTICLES related articles of `article` (a draft's, for a preview)."""
    listing = articles()
    return rows_in_order(listing, first_ids(selectors.related_articles(article, queryset=listing)))


def first_ids(ranked):
    """
    The ids of the first API_RELATED_ARTICLES of a ranking. Ranking ids alone keeps the sort of
    every candidate cheap (whole rows are wide); only those few rows are then read.
    """
    return list(ranked.values_list("pk", flat=True)[: api_settings.API_RELATED_ARTICLES])


def rows_in_order(listing, ids):
    """The articles with these ids as the listing reads them (if it still does), in the order of `ids`."""
    rows = listing.in_bulk(ids) if ids else {}
    return [rows[pk] for pk in ids if pk in rows]


def preview_article(page_id):
    """
    The latest revision of the article `page_id`, published or not, as its detail shows it; None
    when there is no such article. Only the preview endpoint, behind a preview token, reads this.
    """
    page = ArticlePage.objects.filter(pk=page_id).first()
    if page is None:
        return None
    article = page.get_latest_revision_as_object()
    article.updated_at = page.latest_revision_created_at or page.last_published_at
    article.comment_count = approved_comments().filter(article=page).count()
    article.related = related(article)
    return article
