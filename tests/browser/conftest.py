"""
The browser tests: headless Chromium (Debian's `chromium` package, driven by Playwright for
Python; no browser download) against the project served by gunicorn, and the example shop page
(examples/shop/) served from a second origin. Skipped, with the reason, where Chromium is not
installed; .ci/run installs it.
"""

import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.hardening.live import REPOSITORY, LiveServer

from . import fake_app_proxy

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOP_DIRECTORY = REPOSITORY / "examples" / "shop"
# Where the example pages expect the CMS (`make run`), and its article.
EXAMPLE_API = "http://127.0.0.1:8000"
EXAMPLE_SLUG = "massage-for-knee-pain"
ARTIFACTS = REPOSITORY / "test-artifacts"

browser_test = [
    pytest.mark.live,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason="Chromium is not installed: apt-get install -y chromium (the README says more)",
    ),
]


class ShopHandler(SimpleHTTPRequestHandler):
    """
    The example shop (examples/shop/) as `python3 -m http.server` serves it, its pages pointed at
    the live CMS as a developer would point them (the one `clinic-api` meta tag), unless the
    page's address gives the CMS itself (`?api=`); and Shopify's app proxy under /apps/clinic/.
    """

    def __init__(self, *args, api, **kwargs):
        self.api = api
        super().__init__(*args, directory=str(SHOP_DIRECTORY), **kwargs)

    def do_GET(self):  # noqa: N802 - http.server's name
        if self.path.startswith(fake_app_proxy.PREFIX + "/"):
            return fake_app_proxy.forward(self, self.api)
        parts = urlsplit(self.path)
        path = Path(self.translate_path(self.path))  # http.server's own, kept inside the directory
        page = path / "index.html" if path.is_dir() else path
        if page.suffix != ".html" or "api" in parse_qs(parts.query) or not page.is_file():
            return super().do_GET()
        body = page.read_text().replace(EXAMPLE_API, self.api).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def do_POST(self):  # noqa: N802 - http.server's name
        if not self.path.startswith(fake_app_proxy.PREFIX + "/"):
            return self.send_error(405)
        return fake_app_proxy.forward(self, self.api)

    def log_message(self, *args):
        """Quiet."""


class Shop:
    """The example shop page on a port of its own: another origin than the CMS."""

    def __init__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), None)
        self.port = self.server.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"

    def serve(self, api):
        self.server.RequestHandlerClass = partial(ShopHandler, api=api)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="session")
def shop_and_cms(tmp_path_factory):
    shop = Shop()
    # The admin's preview panel opens the shop's preview route (FRONTEND_BASE_URL).
    cms = LiveServer(
        tmp_path_factory.mktemp("browser"),
        env={
            "CORS_ALLOWED_ORIGINS": shop.origin,
            "FRONTEND_BASE_URL": shop.origin,
            "SHOPIFY_APP_PROXY_SECRET": fake_app_proxy.SECRET,
        },
    )
    try:
        cms.start()
        cms.manage(
            "shell",
            "-c",
            "from tests.browser.content import every_block_article, levels_article; "
            "every_block_article(); levels_article()",
        )
        shop.serve(cms.url)
        yield shop, cms
    finally:
        shop.stop()
        cms.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


class Visit:
    """A browser page that records console errors and every request's origin."""

    def __init__(self, page):
        self.page = page
        self.errors = []
        self.origins = set()
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", lambda request: self.origins.add(origin_of(request.url)))


def origin_of(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture
def visit(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="en-CA")
    yield Visit(context.new_page())
    context.close()


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
