"""`import_shopify --shop`: the live store through a local fake of the GraphQL Admin API."""

import json
import threading

import pytest
from django.core.management import CommandError

from articles.models import ArticlePage
from articles.shopify import graphql
from articles.shopify.graphql import ShopifyAPIError, ShopifyClient, fetch_export
from moderation.models import Comment

from .conftest import DATA, import_shopify
from .fake_shopify import TOKEN, FakeShopify, article_node, comment_node, gid

SHOP = "abd-naturals.myshopify.com"
NEWS, OFFERS = 241253187, 241253999


def export_nodes():
    """The export files' records as the API's nodes, by blog."""
    articles = json.loads((DATA / "articles.json").read_text())["articles"]
    comments = json.loads((DATA / "comments.json").read_text())["comments"]
    by_blog = {}
    for record in articles:
        by_blog.setdefault(gid("Blog", record["blog_id"]), []).append(article_node(record))
    return by_blog, [comment_node(record) for record in comments]


@pytest.fixture
def shopify(settings):
    """The fake store, serving two articles or comments per page; settings point the client at it."""
    articles, comments = export_nodes()
    server = FakeShopify(
        blogs=[{"id": gid("Blog", NEWS), "handle": "news"}, {"id": gid("Blog", OFFERS), "handle": "offers"}],
        articles=articles,
        comments=comments,
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SHOPIFY_GRAPHQL_URL = server.url
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr(graphql, "PAGE_SIZE", 2)


class Sleeps(list):
    def __call__(self, seconds):
        self.append(seconds)


def test_every_page_of_articles_and_comments_is_read_with_its_cursor(shopify):
    export = fetch_export(ShopifyClient(SHOP, TOKEN, sleep=Sleeps()), "news")

    assert [article.handle for article in export.articles] == [
        "massage-for-knee-pain",
        "massage-for-lower-back-pain",
        "desk-neck-tension",
    ]
    # Comments of the offers blog's article are not this blog's.
    assert sorted(comment.status for comment in export.comments) == [
        "published",
        "removed",
        "spam",
        "unapproved",
    ]
    article_pages = [
        variables["after"] for operation, variables in shopify.requests if operation == "Articles"
    ]
    comment_pages = [
        variables["after"] for operation, variables in shopify.requests if operation == "Comments"
    ]
    assert article_pages == [None, "2"]
    assert comment_pages == [None, "2", "4"]


def test_a_429_and_a_throttled_answer_are_waited_out_and_retried(shopify):
    shopify.refusals = ["429", "throttled"]
    sleeps = Sleeps()

    export = fetch_export(ShopifyClient(SHOP, TOKEN, sleep=sleeps), "news")

    assert len(export.articles) == 3
    blog_queries = [operation for operation, _ in shopify.requests].count("Blog")
    assert blog_queries == 3  # refused twice, answered the third time
    # The 429's Retry-After, then until the 5 points left cover the 10 the query costs (50/s).
    assert sleeps == [0.5, pytest.approx(0.1)]


def test_an_answer_that_leaves_too_few_points_waits_before_the_next_query(shopify, monkeypatch):
    monkeypatch.setattr(
        "tests.importer.fake_shopify.cost",
        lambda available=2: {
            "requestedQueryCost": 10,
            "throttleStatus": {"maximumAvailable": 1000.0, "currentlyAvailable": 2, "restoreRate": 50.0},
        },
    )
    sleeps = Sleeps()

    fetch_export(ShopifyClient(SHOP, TOKEN, sleep=sleeps), "news")

    assert sleeps and all(seconds == pytest.approx(8 / 50) for seconds in sleeps)


def test_refusals_past_the_attempts_stop_with_an_error(shopify):
    shopify.refusals = ["429"] * graphql.MAX_ATTEMPTS

    with pytest.raises(ShopifyAPIError, match="after 5 attempts"):
        fetch_export(ShopifyClient(SHOP, TOKEN, sleep=Sleeps()), "news")


def test_the_command_imports_the_store(shopify, blog, monkeypatch):
    monkeypatch.setenv("SHOPIFY_ACCESS_TOKEN", TOKEN)
    monkeypatch.setattr(graphql, "BACKOFF_SECONDS", 0.01)
    shopify.refusals = ["throttled"]

    output = import_shopify(shop=SHOP)

    assert set(ArticlePage.objects.values_list("slug", flat=True)) == {
        "massage-for-knee-pain",
        "massage-for-lower-back-pain",
        "desk-neck-tension",
    }
    assert Comment.objects.count() == 4
    assert "created" in output


def test_a_missing_token_or_a_wrong_one_is_refused(shopify, blog, monkeypatch):
    monkeypatch.delenv("SHOPIFY_ACCESS_TOKEN", raising=False)
    with pytest.raises(CommandError, match="SHOPIFY_ACCESS_TOKEN"):
        import_shopify(shop=SHOP)

    monkeypatch.setenv("SHOPIFY_ACCESS_TOKEN", "wrong")
    with pytest.raises(CommandError, match="401"):
        import_shopify(shop=SHOP)
    assert not ArticlePage.objects.exists()


@pytest.mark.parametrize(
    "shop", ["abd-naturals.com", "https://abd-naturals.myshopify.com", "x.myshopify.com/admin"]
)
def test_a_shop_that_is_not_a_myshopify_address_is_refused(shop, blog, monkeypatch):
    monkeypatch.setenv("SHOPIFY_ACCESS_TOKEN", TOKEN)

    with pytest.raises(CommandError, match="NAME.myshopify.com"):
        import_shopify(shop=shop)
