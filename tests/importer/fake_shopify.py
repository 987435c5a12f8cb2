"""
A local fake of Shopify's GraphQL Admin API for the importer's tests: an HTTP server on a free
loopback port that answers the queries articles/shopify/reading/graphql.py sends, in pages, with
the cost extension Shopify sends, and that can refuse the first requests (429, 502, THROTTLED,
INTERNAL_SERVER_ERROR). FakeCdn stands for Shopify's CDN: a requests transport adapter that
answers image addresses from a dict, so no test leaves the machine.
"""

import json
import re
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests
from requests.adapters import BaseAdapter

TOKEN = "shpat_test_token"
OPERATION = re.compile(r"query\s+(\w+)")


def gid(kind, number):
    return f"gid://shopify/{kind}/{number}"


class FakeShopify(ThreadingHTTPServer):
    def __init__(self, *, blogs, articles, comments, redirects=(), refusals=()):
        super().__init__(("127.0.0.1", 0), FakeShopifyHandler)
        self.blogs = blogs  # [{"id", "handle", "title"}]
        self.articles = articles  # {blog gid: [article nodes]}
        self.comments = comments  # [comment nodes]
        self.redirects = list(redirects)  # [{"path", "target"}]
        # "429", "502", "throttled" or "internal", answered to the first requests
        self.refusals = list(refusals)
        self.requests = []  # (operation, variables) of every request received

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}/admin/api/{{version}}/graphql.json"

    def answer(self, operation, variables):
        if operation == "Blogs":
            return {"blogs": page(self.blogs, variables)}
        if operation == "Articles":
            return {"blog": {"articles": page(self.articles.get(variables["blog"], []), variables)}}
        if operation == "Redirects":
            return {"urlRedirects": page(self.redirects, variables)}
        return {"comments": page(self.comments, variables)}


def page(nodes, variables):
    """One page of a connection; the cursor is the index of the next node."""
    start = int(variables.get("after") or 0)
    end = start + variables["first"]
    return {
        "nodes": nodes[start:end],
        "pageInfo": {"hasNextPage": end < len(nodes), "endCursor": str(end)},
    }


def cost(available=990):
    return {
        "requestedQueryCost": 10,
        "actualQueryCost": 10,
        "throttleStatus": {"maximumAvailable": 1000.0, "currentlyAvailable": available, "restoreRate": 50.0},
    }


class FakeShopifyHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        operation = OPERATION.search(request["query"]).group(1)
        self.server.requests.append((operation, request["variables"]))
        if self.headers.get("X-Shopify-Access-Token") != TOKEN:
            return self.reply(401, {"errors": "[API] Invalid API key or access token"})
        refusal = self.server.refusals.pop(0) if self.server.refusals else None
        if refusal == "429":
            return self.reply(429, {"errors": "Exceeded 2 calls per second"}, {"Retry-After": "0.5"})
        if refusal == "502":
            return self.reply(502, {"errors": "Bad gateway"})
        if refusal == "throttled":
            throttled = {"message": "Throttled", "extensions": {"code": "THROTTLED"}}
            return self.reply(200, {"errors": [throttled], "extensions": {"cost": cost(available=5)}})
        if refusal == "internal":
            internal = {
                "message": "Internal error. Looks like something went wrong on our end.",
                "extensions": {"code": "INTERNAL_SERVER_ERROR", "requestId": "b7a1c2d3-0000"},
            }
            return self.reply(200, {"errors": [internal]})
        self.reply(
            200, {"data": self.server.answer(operation, request["variables"]), "extensions": {"cost": cost()}}
        )

    def reply(self, status, body, headers=None):
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


def article_node(record):
    """An article of the export files as the GraphQL API gives it."""
    image = record.get("image")
    return {
        "id": gid("Article", record["id"]),
        "handle": record["handle"],
        "title": record["title"],
        "author": {"name": record["author"]},
        "body": record["body_html"],
        "summary": record.get("summary_html"),
        "tags": [tag.strip() for tag in record["tags"].split(",") if tag.strip()],
        "publishedAt": record["published_at"],
        "isPublished": record["published"],
        "image": {"url": image["src"], "altText": image["alt"], "width": 4, "height": 3} if image else None,
        "titleTag": None,
        "descriptionTag": None,
    }


def comment_node(record):
    return {
        "id": gid("Comment", record["id"]),
        "body": record["body"],
        "bodyHtml": record["body_html"],
        "author": {"name": record["author"], "email": record["email"]},
        "ip": record["ip"],
        "userAgent": record["user_agent"],
        "status": record["status"].upper(),
        "createdAt": record["created_at"],
        "publishedAt": record["published_at"],
        "article": {"id": gid("Article", record["article_id"])},
    }


class FakeCdn(BaseAdapter):
    """
    Shopify's CDN for `requests`: `files` maps an address to (status, headers, body). Mount it on a
    session for https://cdn.shopify.com/ (and the shop's domain); `requested` lists what was asked.
    """

    def __init__(self, files):
        super().__init__()
        self.files = files
        self.requested = []

    def send(self, request, **kwargs):
        self.requested.append(request.url)
        status, headers, body = self.files.get(
            request.url, (404, {"Content-Type": "text/html"}, b"Not found")
        )
        response = requests.Response()
        response.status_code = status
        response.headers.update({"Content-Length": str(len(body)), **headers})
        response.raw = _Body(body)
        response.url = request.url
        response.request = request
        return response

    def close(self):
        pass


class _Body:
    """The raw stream a Response reads its content from."""

    def __init__(self, data):
        self.data = data

    def stream(self, chunk_size, decode_content=False):
        for start in range(0, len(self.data), chunk_size):
            yield self.data[start : start + chunk_size]

    def read(self, *args, **kwargs):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass

    def release_conn(self):
        pass
