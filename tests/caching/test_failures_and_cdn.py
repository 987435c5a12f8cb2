"""Without a reachable cache the API answers from the database; a CDN is purged on each change."""

import socket

import pytest
from django.core.cache import caches

from articles.models import ArticlePage
from cms.settings.base import cache_from_env
from moderation import services
from tests.moderation.factories import CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable_cache(settings, monkeypatch):
    """
    The production cache layout (cms/settings/base.py) pointed at a local port nobody listens
    on: the site's cache treats a failure as a miss, the throttles' raises (they fail open).
    """
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{port}/0")
    settings.CACHES = cache_from_env()
    yield
    for alias in settings.CACHES:
        caches[alias].close()


class TestUnreachableCache:
    @pytest.mark.parametrize(
        "url",
        ["/api/v1/articles/", "/api/v1/articles/knee/", "/api/v1/articles/knee/comments/", "/api/v1/tags/"],
    )
    def test_public_reads_answer_from_the_database(self, worker, article, unreachable_cache, url):
        first, second = worker.get(url), worker.get(url)

        assert first.status_code == second.status_code == 200
        assert first["ETag"] == second["ETag"]
        assert first.content == second.content

    def test_changes_still_go_through(self, worker, article, unreachable_cache, moderator):
        page = ArticlePage.objects.get(pk=article.pk)
        page.title = "Retitled"
        page.save_revision().publish()
        comment = CommentFactory(article=article)
        services.comment_moderate(comment_id=comment.pk, action="approve", actor=moderator)

        detail = worker.get("/api/v1/articles/knee/").json()
        assert (detail["title"], detail["comment_count"]) == ("Retitled", 2)


def api_urls(*paths):
    return {f"https://api.shop.example/api/v1/{path}" for path in paths}


TAXONOMIES = ("techniques/", "conditions/", "tags/")


class TestCdnPurge:
    def test_publishing_purges_the_article_the_listing_and_the_taxonomies(
        self, article, cdn, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            ArticlePage.objects.get(pk=article.pk).save_revision().publish()

        assert api_urls("articles/", "articles/knee/", "articles/knee/comments/", *TAXONOMIES) <= set(cdn)

    def test_approving_a_comment_purges_its_article_and_the_listing(
        self, article, cdn, moderator, django_capture_on_commit_callbacks
    ):
        comment = CommentFactory(article=article)

        with django_capture_on_commit_callbacks(execute=True):
            services.comment_moderate(comment_id=comment.pk, action="approve", actor=moderator)

        assert set(cdn) == api_urls("articles/", "articles/knee/", "articles/knee/comments/")

    def test_a_new_pending_comment_purges_nothing(self, article, cdn, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            CommentFactory(article=article)

        assert cdn == []

    def test_editing_a_technique_purges_the_articles_using_it_and_the_technique(
        self, article, technique, cdn, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            technique.summary = "Long strokes."
            technique.save()

        assert set(cdn) == api_urls(
            "articles/", "articles/knee/", "articles/knee/comments/", *TAXONOMIES, "techniques/swedish/"
        )

    def test_editing_an_author_purges_the_articles_using_it(
        self, article, cdn, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            article.author.job_title = "Physiotherapist"
            article.author.save()

        assert set(cdn) == api_urls("articles/", "articles/knee/", "articles/knee/comments/")

    def test_nothing_is_purged_before_the_commit(self, article, cdn, moderator):
        comment = CommentFactory(article=article)
        services.comment_moderate(comment_id=comment.pk, action="approve", actor=moderator)

        assert cdn == []
