"""
The content API's reads: published articles from articles.selectors, plus what only the API
adds (comment counts, which belong to moderation, and the related articles of a detail).
"""

from django.db.models import Count, F, OuterRef
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

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
    "next_review_due",
    "hero_image",
    "body_technique_ids",
    "body_word_count",
    "reading_age",
    "author__name",
    "author__job_title",
)


# The columns of an article's detail (ArticleSerializer, its JSON-LD): the listed ones, the body,
# what its <head> shows, and its people's, whose credentials are read apart.
DETAIL_FIELDS = (
    *LISTED_FIELDS,
    "last_published_at",
    "body",
    "body_readability",
    "seo_title",
    "search_description",
    "social_image",
    "comments_enabled",
    "author__profile_url",
    "medical_reviewer__name",
    "medical_reviewer__job_title",
    "medical_reviewer__profile_url",
)


def listed(queryset):
    """Articles of `queryset` as listings read them: only LISTED_FIELDS, with the author."""
    return queryset.only(*LISTED_FIELDS).select_related("author").annotate(updated_at=F("last_published_at"))


def with_comment_counts(queryset):
    """Articles of `queryset`, each with `comment_count`: its approved comments."""
    return queryset.annotate(
        comment_count=selectors.subquery_count(approved_comments().filter(article=OuterRef("pk")))
    )


def articles():
    """
    Published articles as listings show them: only the columns they show (LISTED_FIELDS), with
    the author and the counts, in one query. Their tags, conditions and the authors' credentials
    are read for all the articles of a response at once, by
    articles.frontend.representation.ArticleSet.
    """
    return listed(with_comment_counts(selectors.public_articles()))


def article_detail(slug):
    """
    The published article with this slug, with its medical reviewer, related articles and
    comment counts, or None. Comment counts are read for all of them in one query afterwards:
    a correlated count in each query costs more to build than the database takes to run it.
    """
    # One published-articles queryset for both: its private-section check is one query.
    published = selectors.public_articles()
    whole = (
        published.only(*DETAIL_FIELDS)
        .select_related("author", "medical_reviewer")
        .annotate(updated_at=F("last_published_at"))
    )
    article = selectors.article_by_slug(slug, queryset=whole)
    if article is None:
        return None
    article.related = selectors.related_to_saved_article(
        article.pk, api_settings.API_RELATED_ARTICLES, queryset=listed(published)
    )
    counts = comment_counts([article.pk, *(related.pk for related in article.related)])
    for shown in (article, *article.related):
        shown.comment_count = counts.get(shown.pk, 0)
    return article


def related(article):
    """The first API_RELATED_ARTICLES related articles of `article` (a draft's, for a preview)."""
    return selectors.related_articles(article, api_settings.API_RELATED_ARTICLES, queryset=articles())


def comment_counts(ids):
    """{article id: approved comments} of the articles with these ids (those with any)."""
    counted = approved_comments().filter(article__in=ids).order_by().values("article")
    return dict(counted.annotate(n=Count("*")).values_list("article", "n"))


def redirect_from(path):
    """
    The redirect an old address (a Shopify blog URL) leads to, from Wagtail's redirects (managed
    in the admin; the Shopify import creates them), with the public page it names, or None:
    no redirect, or one to a page readers cannot see.
    """
    site = Site.objects.filter(is_default_site=True).first()
    redirects = Redirect.get_for_site(site).select_related("redirect_page")
    redirect = redirects.filter(old_path=Redirect.normalise_path(path)).first()
    if redirect is None:
        return None
    if redirect.redirect_page_id is None:
        return redirect if redirect.redirect_link else None
    return redirect if selectors.public_pages().filter(pk=redirect.redirect_page_id).exists() else None


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
