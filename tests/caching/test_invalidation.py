"""
Every change readers could notice is visible on the next request: each test warms the cache,
makes one change, and reads through another client; changes nobody can see leave the stored
responses served. (tests/caching/test_processes.py makes changes in other processes.)
"""

import pytest
from wagtail.models import PageViewRestriction

from articles.models import ArticlePage, AuthorCredential
from moderation import services
from tests.factories import ArticleIndexPageFactory, ArticlePageFactory
from tests.moderation.factories import ApprovedCommentFactory, CommentFactory

pytestmark = pytest.mark.django_db

WARM = [
    "/api/v1/articles/",
    "/api/v1/articles/?technique=swedish",
    "/api/v1/articles/knee/",
    "/api/v1/articles/knee/comments/",
    "/api/v1/techniques/",
    "/api/v1/techniques/swedish/",
    "/api/v1/conditions/",
    "/api/v1/tags/",
]


@pytest.fixture
def warm(worker, article):
    for url in WARM:
        assert worker.get(url).status_code == 200
    return worker


def listed(client, url="/api/v1/articles/"):
    return client.get(url).json()["results"]


def reload(article):
    return ArticlePage.objects.get(pk=article.pk)


class TestPages:
    def test_publishing_a_new_version(self, warm, other_worker, article):
        page = reload(article)
        page.title = "Massage for sore knees"
        page.save_revision().publish()

        assert other_worker.get("/api/v1/articles/knee/").json()["title"] == "Massage for sore knees"
        assert listed(other_worker)[0]["title"] == "Massage for sore knees"

    def test_a_draft_changes_nothing_readers_see(
        self, warm, other_worker, article, django_assert_num_queries
    ):
        page = reload(article)
        page.title = "Work in progress"
        page.save_revision()

        with django_assert_num_queries(1):
            assert other_worker.get("/api/v1/articles/knee/").json()["title"] == "Massage for knee pain"

    def test_publishing_a_new_article(self, warm, other_worker, article):
        ArticlePageFactory(slug="hips")

        assert sorted(item["slug"] for item in listed(other_worker)) == ["hips", "knee"]

    def test_unpublishing(self, warm, other_worker, article):
        reload(article).unpublish()

        assert other_worker.get("/api/v1/articles/knee/").status_code == 404
        assert other_worker.get("/api/v1/articles/knee/comments/").status_code == 404
        assert listed(other_worker) == []
        assert other_worker.get("/api/v1/techniques/swedish/").json()["article_count"] == 0

    def test_moving(self, warm, other_worker, article):
        elsewhere = ArticleIndexPageFactory(
            slug="library", title="Library", parent=article.get_parent().get_parent()
        )
        reload(article).move(elsewhere, pos="last-child")

        assert "/library/knee/" in other_worker.get("/api/v1/articles/knee/").json()["url"]
        assert "/library/knee/" in listed(other_worker)[0]["url"]

    def test_deleting(self, warm, other_worker, article):
        reload(article).delete()

        assert other_worker.get("/api/v1/articles/knee/").status_code == 404
        assert listed(other_worker) == []

    def test_a_view_restriction(self, warm, other_worker, article):
        PageViewRestriction.objects.create(page=article.get_parent(), restriction_type="login")

        assert other_worker.get("/api/v1/articles/knee/").status_code == 404
        assert listed(other_worker) == []


class TestSnippets:
    def test_renaming_a_technique(self, warm, other_worker, article, technique):
        technique.name = "Deep tissue"
        technique.slug = "deep-tissue"
        technique.save()

        assert listed(other_worker)[0]["techniques"] == [{"slug": "deep-tissue", "name": "Deep tissue"}]
        assert listed(other_worker, "/api/v1/articles/?technique=swedish") == []
        assert len(listed(other_worker, "/api/v1/articles/?technique=deep-tissue")) == 1
        assert other_worker.get("/api/v1/techniques/").json()["results"][0]["name"] == "Deep tissue"
        body = other_worker.get("/api/v1/articles/knee/").json()["body"]
        assert body[0]["value"]["items"][0]["technique"]["name"] == "Deep tissue"

    def test_renaming_a_condition(self, warm, other_worker, article):
        condition = article.conditions.get()
        condition.name = "Runner's knee"
        condition.save()

        assert other_worker.get("/api/v1/articles/knee/").json()["conditions"][0]["name"] == "Runner's knee"
        assert listed(other_worker)[0]["conditions"][0]["name"] == "Runner's knee"
        assert other_worker.get("/api/v1/conditions/").json()["results"][0]["name"] == "Runner's knee"

    def test_renaming_an_author(self, warm, other_worker, article):
        author = article.author
        author.name = "Grace Hopper"
        author.save()

        assert other_worker.get("/api/v1/articles/knee/").json()["author"]["name"] == "Grace Hopper"
        assert listed(other_worker)[0]["author"]["name"] == "Grace Hopper"

    def test_an_author_gaining_a_credential(self, warm, other_worker, article):
        AuthorCredential.objects.create(author=article.author, abbreviation="RMT")

        assert (
            other_worker.get("/api/v1/articles/knee/").json()["author"]["credentials"][0]["abbreviation"]
            == "RMT"
        )

    def test_editing_a_clinic(self, worker, other_worker, article, clinic_article):
        assert worker.get("/api/v1/articles/clinic/").status_code == 200
        clinic = clinic_article.clinic
        clinic.city = "Calgary"
        clinic.save()

        body = other_worker.get("/api/v1/articles/clinic/").json()["body"]
        assert "Calgary" in str(body[-1]["value"]["location"])

    def test_editing_an_image(self, warm, other_worker, article):
        image = article.hero_image
        image.description = "A knee being massaged"
        image.save()

        assert (
            other_worker.get("/api/v1/articles/knee/").json()["hero_image"]["alt"] == "A knee being massaged"
        )
        assert listed(other_worker)[0]["hero_image"]["alt"] == "A knee being massaged"

    def test_deleting_a_technique(self, warm, other_worker, article, technique):
        technique.delete()

        assert listed(other_worker)[0]["techniques"] == []
        assert other_worker.get("/api/v1/techniques/").json()["count"] == 0

    def test_a_snippet_no_article_uses_leaves_articles_stored(
        self, warm, other_worker, article, django_assert_num_queries
    ):
        from tests.factories import AuthorFactory

        unused = AuthorFactory()
        unused.name = "Someone else"
        unused.save()

        with django_assert_num_queries(1):
            other_worker.get("/api/v1/articles/knee/")


class TestComments:
    def test_approving(self, warm, other_worker, article, moderator):
        pending = CommentFactory(article=article, body="Pending one.")
        services.comment_moderate(comment_id=pending.pk, action="approve", actor=moderator)

        results = other_worker.get("/api/v1/articles/knee/comments/").json()["results"]
        assert [comment["id"] for comment in results][-1] == pending.pk
        assert other_worker.get("/api/v1/articles/knee/").json()["comment_count"] == 2
        assert listed(other_worker)[0]["comment_count"] == 2

    def test_removing(self, warm, other_worker, article, moderator):
        comment = article.comments.get()
        services.comment_moderate(comment_id=comment.pk, action="remove", actor=moderator)

        assert other_worker.get("/api/v1/articles/knee/comments/").json()["results"] == []
        assert listed(other_worker)[0]["comment_count"] == 0

    def test_editing(self, warm, other_worker, article, moderator):
        comment = article.comments.get()
        services.comment_edit(comment_id=comment.pk, body="It helped a lot.", actor=moderator)

        results = other_worker.get("/api/v1/articles/knee/comments/").json()["results"]
        assert "It helped a lot." in str(results)

    def test_a_new_pending_comment_leaves_everything_stored(
        self, warm, other_worker, article, django_assert_num_queries
    ):
        CommentFactory(article=article)

        with django_assert_num_queries(1):
            other_worker.get("/api/v1/articles/knee/comments/")

    def test_a_related_articles_count_is_fresh_in_another_detail(self, worker, other_worker, article):
        neighbour = ArticlePageFactory(slug="hips")
        neighbour.conditions.add(article.conditions.get())
        neighbour.save_revision().publish()
        assert worker.get("/api/v1/articles/hips/").json()["related"][0]["comment_count"] == 1

        ApprovedCommentFactory(article=article)

        assert other_worker.get("/api/v1/articles/hips/").json()["related"][0]["comment_count"] == 2

    @pytest.mark.parametrize("action", ["reject", "spam"])
    def test_moderating_a_comment_never_published_leaves_everything_stored(
        self, warm, other_worker, article, moderator, action, django_assert_num_queries
    ):
        pending = CommentFactory(article=article)
        services.comment_moderate(comment_id=pending.pk, action=action, actor=moderator)

        with django_assert_num_queries(1):
            other_worker.get("/api/v1/articles/knee/comments/")
