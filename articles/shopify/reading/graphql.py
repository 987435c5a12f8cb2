"""
A live store read through Shopify's GraphQL Admin API, into the shape the files give (source.py).

Shopify limits a client by query cost: each answer reports, in `extensions.cost`, what the query
cost and how many points are left (`throttleStatus`), and the points come back at `restoreRate`
per second. The client waits before a query would overdraw them, retries a THROTTLED or
INTERNAL_SERVER_ERROR answer, a 429 and a 5xx with growing waits (a bounded number of times) on
the same cursor, and pages with `pageInfo` cursors. An article whose record does not pass the
checks is left out and reported (Export.problems); the others go on. `sleep` is injectable so
that tests do not wait.
"""

import re
import time

import requests

from articles.conf import articles_settings

from .source import Export, SourceError, parse_export

SHOP_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*\.myshopify\.com$")
PAGE_SIZE = 50
MAX_ATTEMPTS = 5
BACKOFF_SECONDS = 1.0
TIMEOUT_SECONDS = 30

# Codes of GraphQL errors that a later attempt may not get.
RETRIED_CODES = {"THROTTLED", "INTERNAL_SERVER_ERROR"}

BLOGS_QUERY = """
query Blogs($first: Int!, $after: String) {
  blogs(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { id handle title } }
}
"""
ARTICLES_QUERY = """
query Articles($blog: ID!, $first: Int!, $after: String) {
  blog(id: $blog) {
    articles(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id handle title author { name } body summary tags publishedAt isPublished
        image { url altText width height }
        titleTag: metafield(namespace: "global", key: "title_tag") { value }
        descriptionTag: metafield(namespace: "global", key: "description_tag") { value }
      }
    }
  }
}
"""
COMMENTS_QUERY = """
query Comments($first: Int!, $after: String) {
  comments(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id body bodyHtml author { name email } ip userAgent status createdAt publishedAt
      article { id }
    }
  }
}
"""


REDIRECTS_QUERY = """
query Redirects($first: Int!, $after: String) {
  urlRedirects(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { path target } }
}
"""


class ShopifyAPIError(Exception):
    pass


def numeric_id(gid):
    """gid://shopify/Article/123 as 123."""
    return int(gid.rsplit("/", 1)[-1])


class ShopifyClient:
    def __init__(self, shop, token, *, sleep=time.sleep, session=None):
        if not SHOP_NAME.match(shop or ""):
            raise ShopifyAPIError(f"--shop must be the store's NAME.myshopify.com address, not {shop!r}.")
        self.url = articles_settings.SHOPIFY_GRAPHQL_URL.format(
            shop=shop, version=articles_settings.SHOPIFY_API_VERSION
        )
        self.headers = {"X-Shopify-Access-Token": token, "Content-Type": "application/json"}
        self.sleep = sleep
        self.session = session or requests.Session()
        self.wait = 0.0  # seconds to let the cost budget refill before the next query

    def execute(self, query, variables):
        """The `data` of one query, after waiting out the rate limit and retrying what may pass."""
        for attempt in range(MAX_ATTEMPTS):
            if self.wait:
                self.sleep(self.wait)
                self.wait = 0.0
            answer = self._post(query, variables, attempt)
            if answer is None:
                continue
            self._plan_wait(answer.get("extensions", {}).get("cost"))
            errors = answer.get("errors") or []
            if any(error.get("extensions", {}).get("code") in RETRIED_CODES for error in errors):
                # THROTTLED: until the points cover the query (_plan_wait); else a growing wait.
                self.wait = self.wait or backoff(attempt)
                continue
            if errors:
                raise ShopifyAPIError("; ".join(error.get("message", str(error)) for error in errors))
            return answer["data"]
        raise ShopifyAPIError(f"Shopify kept refusing the query after {MAX_ATTEMPTS} attempts.")

    def _post(self, query, variables, attempt):
        """The JSON answer, or None after scheduling a retry (429, 5xx, no connection)."""
        try:
            response = self.session.post(
                self.url,
                json={"query": query, "variables": variables},
                headers=self.headers,
                timeout=TIMEOUT_SECONDS,
            )
        except requests.RequestException:
            self.wait = backoff(attempt)
            return None
        if response.status_code == 429 or response.status_code >= 500:
            self.wait = float(response.headers.get("Retry-After") or backoff(attempt))
            return None
        if response.status_code != 200:
            raise ShopifyAPIError(f"Shopify answered {response.status_code}: {response.text[:200]}")
        return response.json()

    def _plan_wait(self, cost):
        """Wait, before the next query, until the points left cover what this one cost."""
        if not cost:
            return
        status = cost["throttleStatus"]
        missing = cost["requestedQueryCost"] - status["currentlyAvailable"]
        if missing > 0:
            self.wait = max(self.wait, missing / status["restoreRate"])

    def nodes(self, query, variables, path):
        """Every node of the connection at `path` in the answers, page after page."""
        cursor = None
        while True:
            data = self.execute(query, {**variables, "first": PAGE_SIZE, "after": cursor})
            for key in path:
                data = data[key]
            yield from data["nodes"]
            if not data["pageInfo"]["hasNextPage"]:
                return
            cursor = data["pageInfo"]["endCursor"]


def backoff(attempt):
    return BACKOFF_SECONDS * 2**attempt


def fetch_export(client, blogs=None):
    """
    The articles of `blogs` (handles; every blog of the store when None), their comments and the
    store's URL redirects, checked as a file would be (source.parse_export).
    """
    found = [
        blog for blog in client.nodes(BLOGS_QUERY, {}, ("blogs",)) if not blogs or blog["handle"] in blogs
    ]
    missing = set(blogs or ()) - {blog["handle"] for blog in found}
    if missing:
        raise SourceError(f"The store has no blog with the handle {', '.join(sorted(missing))!r}.")
    export = Export()
    export.extend(
        parse_export(
            {
                "blogs": [
                    {"id": numeric_id(b["id"]), "handle": b["handle"], "title": b["title"]} for b in found
                ]
            },
            f"{client.url} blogs",
        )
    )
    for blog in found:
        for node in client.nodes(ARTICLES_QUERY, {"blog": blog["id"]}, ("blog", "articles")):
            add_article(export, node, blog, client.url)
    ids = {article.id for article in export.articles}
    comments = [comment_record(node) for node in client.nodes(COMMENTS_QUERY, {}, ("comments",))]
    export.extend(
        parse_export({"comments": [c for c in comments if c["article_id"] in ids]}, f"{client.url} comments")
    )
    redirects = list(client.nodes(REDIRECTS_QUERY, {}, ("urlRedirects",)))
    export.extend(parse_export({"redirects": redirects}, f"{client.url} redirects"))
    return export


def add_article(export, node, blog, url):
    """One article and its SEO metafields into `export`; a record that fails its checks is reported."""
    record = article_record(node, numeric_id(blog["id"]))
    try:
        export.extend(parse_export({"articles": [record]}, f"{url} blog {blog['handle']}"))
    except SourceError as error:
        export.problems.append((f"/blogs/{blog['handle']}/{node.get('handle', '')}", str(error)))
        return
    metafields = [
        {
            "owner_id": record["id"],
            "namespace": "global",
            "key": key,
            "value": (node.get(field) or {}).get("value"),
        }
        for field, key in (("titleTag", "title_tag"), ("descriptionTag", "description_tag"))
        if (node.get(field) or {}).get("value")
    ]
    export.extend(parse_export({"metafields": metafields}, f"{url} metafields"))


def article_record(node, blog_id):
    image = node.get("image")
    return {
        "id": numeric_id(node["id"]),
        "blog_id": blog_id,
        "title": node.get("title"),
        "handle": node.get("handle"),
        "author": (node.get("author") or {}).get("name") or "",
        "body_html": node.get("body") or "",
        "summary_html": node.get("summary") or "",
        "tags": node.get("tags") or [],
        "published": bool(node.get("isPublished")),
        "published_at": node.get("publishedAt"),
        "image": {"src": image["url"], "alt": image.get("altText") or ""} if image else None,
    }


def comment_record(node):
    author = node.get("author") or {}
    return {
        "id": numeric_id(node["id"]),
        "article_id": numeric_id(node["article"]["id"]),
        "body": node.get("body") or "",
        "author": author.get("name") or "",
        "email": author.get("email") or "",
        "ip": node.get("ip") or "",
        "user_agent": node.get("userAgent") or "",
        "status": (node.get("status") or "").lower(),
        "created_at": node.get("createdAt"),
    }
