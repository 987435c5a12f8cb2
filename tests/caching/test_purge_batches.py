"""
CDN purges are batched: a request or a command sends one purge request per CDN, for everything it
committed, once it has committed; nothing is sent inside a transaction or for a dry run. These
tests commit for real (transaction=True): the batching is about what happens at commit.
"""

from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.urls import reverse

from articles.models import ArticlePage
from tests.factories import blog_index
from tests.importer.conftest import EXPORT, import_shopify
from tests.moderation.conftest import token_client
from tests.moderation.factories import CommentFactory, ModeratorFactory

# Wagtail's root page and default site, which migrations create, are restored after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def admin_bulk_url(action, comments):
    query = urlencode([("id", comment.pk) for comment in comments])
    return f"{reverse('wagtail_bulk_action', args=['moderation', 'comment', action])}?{query}"


def test_approving_500_comments_in_the_admin_is_one_purge_request(client, article, cdn_batches):
    comments = CommentFactory.create_batch(500, article=article)
    client.force_login(ModeratorFactory())

    response = client.post(admin_bulk_url("approve", comments), {"reason": "Fine"})

    assert response.status_code == 302
    assert article.comments.filter(status="approved").count() == 501
    assert len(cdn_batches) == 1
    assert cdn_batches[0]["in_transaction"] is False
    assert "https://api.shop.example/api/v1/articles/knee/comments/" in cdn_batches[0]["urls"]


def test_the_moderation_apis_bulk_action_is_one_purge_request(article, cdn_batches):
    api_moderator = token_client(ModeratorFactory())
    comments = CommentFactory.create_batch(100, article=article)

    response = api_moderator.post(
        reverse("api:moderation-comment-bulk"),
        {"action": "approve", "ids": [comment.pk for comment in comments]},
        format="json",
    )

    assert response.status_code == 200
    assert [batch["in_transaction"] for batch in cdn_batches] == [False]


def test_a_page_published_in_a_transaction_is_purged_once_it_commits(article, cdn_batches):
    with transaction.atomic():
        page = ArticlePage.objects.get(pk=article.pk)
        page.title = "Retitled"
        page.save_revision().publish()
        assert cdn_batches == []

    assert {batch["in_transaction"] for batch in cdn_batches} == {False}
    purged = {url for batch in cdn_batches for url in batch["urls"]}
    # The API's URLs, and the page's own as Wagtail's frontend_cache app would purge them.
    assert {"https://api.shop.example/api/v1/articles/knee/", "http://localhost/blog/knee/"} <= purged


def test_a_rolled_back_publication_purges_nothing(article, cdn_batches):
    with pytest.raises(RuntimeError), transaction.atomic():
        page = ArticlePage.objects.get(pk=article.pk)
        page.save_revision().publish()
        raise RuntimeError

    assert cdn_batches == []


def test_an_import_is_one_purge_request_and_its_dry_run_none(cdn_batches):
    blog_index()
    cdn_batches.clear()
    import_shopify(*EXPORT, dry_run=True)
    assert cdn_batches == []

    import_shopify(*EXPORT)

    assert len(cdn_batches) == 1
    assert cdn_batches[0]["in_transaction"] is False
    assert "https://api.shop.example/api/v1/articles/massage-for-knee-pain/" in cdn_batches[0]["urls"]


def test_a_request_queues_its_purge_for_the_worker_and_waits_for_no_cdn(article, cdn_batches, deferred_tasks):
    api_moderator = token_client(ModeratorFactory())
    comment = CommentFactory(article=article)

    response = api_moderator.post(
        reverse("api:moderation-comment-bulk"), {"action": "approve", "ids": [comment.pk]}, format="json"
    )

    assert response.status_code == 200
    assert cdn_batches == []
    [queued] = [result for result in deferred_tasks.results if result.task.name == "purge_urls"]
    assert "https://api.shop.example/api/v1/articles/knee/comments/" in queued.args[0]
