"""`import_shopify --shop`: the live store through a local fake of the GraphQL Admin API."""

import json
import re
import threading

import pytest
import requests
from django.core.management import CommandError
from wagtail.contrib.redirects.models import Redirect

from articles.models import ArticlePage
from articles.shopify.reading import graphql
from articles.shopify.reading.graphql import ShopifyAPIError, ShopifyClient, fetch_export
from articles.shopify.reading.media import ImageFetcher, MediaError
from moderation.models import Comment

from .conftest import DATA, image_bytes, import_shopify
from .fake_shopify import TOKEN, FakeCdn, FakeShopify, article_node, comment_node, gid

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
        blogs=[
            {"id": gid("Blog", NEWS), "handle": "news", "title": "News"},
            {"id": gid("Blog", OFFERS), "handle": "offers", "title": "Offers"},
        ],
        articles=articles,
        comments=comments,
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SHOPIFY_GRAPHQL_URL = server.url
    yield server
    server.shutdown()
    server.server_close()


KNEE_IMAGE = "https://cdn.shopify.com/s/files/1/0001/articles/knee-massage.png?v=1709658000"
DESK_IMAGE = "https://cdn.shopify.com/s/files/1/0001/files/desk.jpg"
CDN_FILES = {
    KNEE_IMAGE: (200, {"Content-Type": "image/png"}, image_bytes("knee-massage.png")),
    DESK_IMAGE: (200, {"Content-Type": "image/jpeg"}, image_bytes("desk.jpg")),
}


@pytest.fixture(autouse=True)
def cdn(monkeypatch):
    """Shopify's CDN, faked for every session the import opens: no test reaches the internet."""
    fake = FakeCdn(dict(CDN_FILES))
    session_class = requests.Session

    def session():
        opened = session_class()
        opened.mount("https://cdn.shopify.com/", fake)
        opened.mount(f"https://{SHOP}/", fake)
        return opened

    monkeypatch.setattr(requests, "Session", session)
    return fake


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr(graphql, "PAGE_SIZE", 2)


class Sleeps(list):
    def __call__(self, seconds):
        self.append(seconds)


def test_every_page_of_articles_and_comments_is_read_with_its_cursor(shopify):
    export = fetch_export(ShopifyClient(SHOP, TOKEN, sleep=Sleeps()), ["news"])

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

    export = fetch_export(ShopifyClient(SHOP, TOKEN, sleep=sleeps), ["news"])

    assert len(export.articles) == 3
    blog_queries = [operation for operation, _ in shopify.requests].count("Blogs")
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

    fetch_export(ShopifyClient(SHOP, TOKEN, sleep=sleeps), ["news"])

    assert sleeps and all(seconds == pytest.approx(8 / 50) for seconds in sleeps)


def test_refusals_past_the_attempts_stop_with_an_error(shopify):
    shopify.refusals = ["429"] * graphql.MAX_ATTEMPTS

    with pytest.raises(ShopifyAPIError, match="after 5 attempts"):
        fetch_export(ShopifyClient(SHOP, TOKEN, sleep=Sleeps()), ["news"])


def test_the_command_imports_the_store(shopify, blog, monkeypatch):
    monkeypatch.setenv("SHOPIFY_ACCESS_TOKEN", TOKEN)
    monkeypatch.setattr(graphql, "BACKOFF_SECONDS", 0.01)
    shopify.refusals = ["throttled"]

    output = import_shopify(shop=SHOP, blog=["news"])

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


def test_internal_server_errors_and_5xx_are_retried_on_the_same_cursor(shopify, monkeypatch):
    monkeypatch.setattr(graphql, "BACKOFF_SECONDS", 0.01)
    # Blogs, the first page of articles, then the second page is refused twice.
    shopify.refusals = [None, None, "internal", "502"]
    sleeps = Sleeps()

    export = fetch_export(ShopifyClient(SHOP, TOKEN, sleep=sleeps), ["news"])

    assert len(export.articles) == 3
    cursors = [variables["after"] for operation, variables in shopify.requests if operation == "Articles"]
    assert cursors == [None, "2", "2", "2"]
    assert sleeps[:2] == [pytest.approx(0.01), pytest.approx(0.02)]


def test_an_article_that_fails_is_reported_and_the_run_goes_on(shopify, blog, monkeypatch):
    monkeypatch.setenv("SHOPIFY_ACCESS_TOKEN", TOKEN)
    news = shopify.articles[gid("Blog", NEWS)]
    news[1] = {**news[1], "title": None}

    output = import_shopify(shop=SHOP, blog=["news"])

    assert "/blogs/news/massage-for-lower-back-pain\n  Error: not imported: " in output
    assert "'title' is missing" in output
    assert set(ArticlePage.objects.values_list("slug", flat=True)) == {
        "massage-for-knee-pain",
        "desk-neck-tension",
    }


def test_the_store_gives_every_blog_its_seo_fields_redirects_and_cdn_images(shopify, blog, monkeypatch, cdn):
    monkeypatch.setenv("SHOPIFY_ACCESS_TOKEN", TOKEN)
    knee = shopify.articles[gid("Blog", NEWS)][0]
    knee["titleTag"] = {"value": "Knee pain massage | ABD Naturals"}
    knee["descriptionTag"] = {"value": "How massage eases knee pain."}
    shopify.redirects = [{"path": "/blogs/news/knee-pain", "target": "/blogs/news/massage-for-knee-pain"}]

    import_shopify(shop=SHOP)

    page = ArticlePage.objects.get(slug="massage-for-knee-pain")
    assert (page.seo_title, page.search_description) == (
        "Knee pain massage | ABD Naturals",
        "How massage eases knee pain.",
    )
    assert page.hero_image.description == "A therapist massaging a client's knee"
    assert ArticlePage.objects.filter(slug="spring-sale").exists()
    assert Redirect.objects.get(old_path="/blogs/news/knee-pain").redirect_page_id == page.pk
    desk = ArticlePage.objects.get(slug="desk-neck-tension").get_latest_revision_as_object()
    assert [child.value["alt"] for child in desk.body if child.block_type == "image"] == ["A desk"]
    assert set(cdn.requested) == {KNEE_IMAGE, DESK_IMAGE}


class TestCdnImages:
    """What the fetcher refuses to download, and why it says so."""

    def fetcher(self, files, **options):
        session = requests.Session()
        fake = FakeCdn(files)
        for prefix in ("https://", "https://cdn.shopify.com/", f"https://{SHOP}/"):
            session.mount(prefix, fake)
        return ImageFetcher(SHOP, session=session, **options)

    def test_an_image_on_the_cdn_or_the_shops_domain_is_fetched(self):
        own = f"https://{SHOP}/cdn/shop/files/logo.png"
        fetcher = self.fetcher(
            {**CDN_FILES, own: (200, {"Content-Type": "image/png"}, image_bytes("logo.png"))}
        )

        assert fetcher.fetch(KNEE_IMAGE) == CDN_FILES[KNEE_IMAGE][2]
        assert fetcher.fetch(own)

    @pytest.mark.parametrize(
        "url, files, reason",
        [
            ("http://cdn.shopify.com/a.png", {}, "is not an https address on cdn.shopify.com"),
            ("https://images.example.com/a.png", {}, "is not an https address on cdn.shopify.com"),
            (
                "https://cdn.shopify.com/a.png",
                {"https://cdn.shopify.com/a.png": (302, {"Location": "https://evil.example/a.png"}, b"")},
                "https://evil.example/a.png is not an https address",
            ),
            (
                "https://cdn.shopify.com/a.png",
                {"https://cdn.shopify.com/a.png": (200, {"Content-Type": "text/html"}, b"<html>")},
                "is not an image (Content-Type text/html)",
            ),
            (
                "https://cdn.shopify.com/a.png",
                {"https://cdn.shopify.com/a.png": (200, {"Content-Type": "image/png"}, b"not a png")},
                "is not a readable image",
            ),
            ("https://cdn.shopify.com/gone.png", {}, "answered 404"),
        ],
    )
    def test_what_is_refused(self, url, files, reason):
        with pytest.raises(MediaError, match=re.escape(reason)):
            self.fetcher(files).fetch(url)

    def test_a_file_larger_than_the_cap_is_refused_even_without_its_length(self):
        big = image_bytes("big.png") * 50
        files = {KNEE_IMAGE: (200, {"Content-Type": "image/png", "Content-Length": "10"}, big)}

        with pytest.raises(MediaError, match="is larger than 1000 bytes"):
            self.fetcher(files, max_bytes=1000).fetch(KNEE_IMAGE)
