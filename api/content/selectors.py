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


def articles():
    """
    Published articles as listings show them: only the columns they show (LISTED_FIELDS), with
    the author and the counts, in one query. Their tags, conditions and the authors' credentials
    are read for all the articles of a response at once, by articles.representation.ArticleSet.
    """
    return (
        selectors.public_articles()
        .only(*LISTED_FIELDS)
        .select_related("author")
        .annotate(
            comment_count=selectors.subquery_count(
                approved_comments().filter(article=OuterRef("pk")), "article"
            ),
            updated_at=F("last_published_at"),
        )
    )


def article_detail(slug):
    """The published article with this slug, with its medical reviewer and related articles."""
    # One published-articles queryset for both: its private-section check is one query.
    listing = articles()
    # The article is shown whole: every column, and its own tags and conditions (which the
    # related articles are found by).
    queryset = listing.defer(None).select_related("medical_reviewer").prefetch_related("tags", "conditions")
    article = selectors.article_by_slug(slug, queryset=queryset)
    if article is not None:
        article.related = related(article, listing)
    return article


def related(article, listing=None):
    """
    The first API_RELATED_ARTICLES related articles. They are ranked on ids alone, every
    candidate sharing a tag or condition, and only those few rows are then read whole.
    """
    ranked = selectors.related_articles(article, queryset=articles() if listing is None else listing)
    return list(ranked.filter(pk__in=ranked.values("pk")[: api_settings.API_RELATED_ARTICLES]))


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
