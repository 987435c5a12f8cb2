"""
The content API's reads: published articles from articles.selectors, plus what only the API
adds (comment counts, which belong to moderation, and the related articles of a detail).
"""

from django.db.models import F, OuterRef, prefetch_related_objects

from articles import selectors
from articles.models import ArticlePage
from moderation.models import Comment

from ..conf import api_settings


def approved_comments():
    return Comment.objects.filter(status=Comment.Status.APPROVED)


def articles():
    """
    Published articles as listings show them: the author and the counts in the same query,
    tags, conditions and credentials prefetched.
    """
    return (
        selectors.public_articles()
        .select_related("author")
        .prefetch_related("tags", "conditions", "author__credentials")
        .annotate(
            comment_count=selectors.subquery_count(
                approved_comments().filter(article=OuterRef("pk")), "article"
            ),
            updated_at=F("last_published_at"),
        )
    )


def article_detail(slug):
    """
    The published article with this slug, with its medical reviewer and related articles, or
    None. The article and its related articles share their prefetch queries.
    """
    # One published-articles queryset for all: its private-section check is one query.
    listing = articles().prefetch_related(None)
    # The article is shown whole: its body too, whatever the listing leaves out.
    queryset = listing.defer(None).select_related("medical_reviewer")
    article = selectors.article_by_slug(slug, queryset=queryset)
    if article is None:
        return None
    ranked = selectors.related_to_stored_article(article.pk, queryset=listing)
    article.related = rows_in_order(listing, first_ids(ranked))
    prefetch_taxonomies_and_credentials([article, *article.related], reviewers=[article.medical_reviewer])
    return article


def related(article):
    """The first API_RELATED_ARTICLES related articles of `article` (a draft's, for a preview)."""
    listing = articles().prefetch_related(None)
    related = rows_in_order(listing, first_ids(selectors.related_articles(article, queryset=listing)))
    prefetch_taxonomies_and_credentials(related)
    return related


def first_ids(ranked):
    """
    The ids of the first API_RELATED_ARTICLES of a ranking. Ranking ids alone keeps the sort of
    every candidate cheap (whole rows carry the body); only those few rows are then read.
    """
    return list(ranked.values_list("pk", flat=True)[: api_settings.API_RELATED_ARTICLES])


def rows_in_order(listing, ids):
    """The articles with these ids as the listing reads them (if it still does), in the order of `ids`."""
    rows = listing.in_bulk(ids) if ids else {}
    return [rows[pk] for pk in ids if pk in rows]


def prefetch_taxonomies_and_credentials(articles, reviewers=()):
    """
    The tags and conditions of these articles, and the credentials of their authors and of these
    reviewers: one query each, however many articles and people.
    """
    prefetch_related_objects(articles, "tags", "conditions")
    people = [person for person in [*(article.author for article in articles), *reviewers] if person]
    prefetch_related_objects(people, "credentials")


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
