"""
The content API's reads: published articles from articles.selectors, plus what only the API
adds (comment counts, which belong to moderation, and the related articles of a detail).
"""

from django.db.models import Count, F, OuterRef

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


def article_ids():
    """
    Published articles as the listing filters and orders them, with their comment counts. Their
    JSON is read by id (api.content.stored): the listing's page is `(id, comment_count)` rows.
    """
    return with_comment_counts(selectors.public_articles())


def articles():
    """
    Published articles as listings show them: only the columns they show (LISTED_FIELDS), with
    the author and the counts, in one query. Their tags, conditions and the authors' credentials
    are read for all the articles of a response at once, by articles.representation.ArticleSet.
    """
    return listed(article_ids())


def summary_rows(ids):
    """The articles with these ids as their listed JSON is built from (published or not)."""
    return listed(ArticlePage.objects.filter(pk__in=ids))


def whole_article(pk):
    """The article `pk` as its detail JSON is built from (published or not), or None."""
    queryset = ArticlePage.objects.filter(pk=pk).annotate(updated_at=F("last_published_at"))
    queryset = queryset.select_related("author", "medical_reviewer")
    return queryset.prefetch_related("tags", "conditions").first()


def article_detail(slug):
    """(id, comment count) of the published article with this slug, or None."""
    return selectors.article_by_slug(slug, queryset=article_ids().values_list("pk", "comment_count"))


def related_ids(article_id):
    """The ids of the first API_RELATED_ARTICLES published articles related to the stored article."""
    return first_ids(selectors.related_to_stored_article(article_id))


def comment_counts(ids):
    """{article id: approved comments} of the articles with these ids (those with any)."""
    counted = approved_comments().filter(article__in=ids).order_by().values("article")
    return dict(counted.annotate(n=Count("*")).values_list("article", "n"))


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
