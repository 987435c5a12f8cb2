"""
Images fetched from Shopify's CDN for `--shop`, with no more trust than a browser would give.

Only `https` addresses on `cdn.shopify.com` or the shop's own domain are fetched; a redirect is
followed only to another such address; the answer must say it is an image (Content-Type) and be
at most IMAGE_MAX_BYTES, counted as it streams (a missing or false Content-Length cannot get a
larger file in), and Pillow must read it as one. Anything else raises MediaError with the reason,
which the import reports against the article.
"""

import io
from urllib.parse import urljoin, urlsplit

import requests
from PIL import Image as PillowImage

CDN_HOST = "cdn.shopify.com"
IMAGE_MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 3
TIMEOUT_SECONDS = 20
CHUNK_BYTES = 64 * 1024


class MediaError(Exception):
    pass


class ImageFetcher:
    def __init__(self, shop, *, session=None, max_bytes=None):
        self.hosts = {CDN_HOST, shop.lower()}
        self.session = session or requests.Session()
        self.max_bytes = max_bytes or IMAGE_MAX_BYTES

    def allowed(self, url):
        parts = urlsplit(url)
        return parts.scheme == "https" and (parts.hostname or "").lower() in self.hosts

    def fetch(self, url):
        """The image's bytes; MediaError saying why not."""
        if url.startswith("//"):
            url = f"https:{url}"
        for _ in range(MAX_REDIRECTS + 1):
            if not self.allowed(url):
                raise MediaError(f"{url} is not an https address on {CDN_HOST} or the shop's domain")
            try:
                response = self.session.get(url, stream=True, allow_redirects=False, timeout=TIMEOUT_SECONDS)
            except requests.RequestException as error:
                raise MediaError(f"{url} could not be fetched ({error.__class__.__name__})") from error
            with response:
                if response.is_redirect:
                    url = urljoin(url, response.headers.get("Location", ""))
                    continue
                return self.read(url, response)
        raise MediaError(f"{url} redirects more than {MAX_REDIRECTS} times")

    def read(self, url, response):
        if response.status_code != 200:
            raise MediaError(f"{url} answered {response.status_code}")
        kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if not kind.startswith("image/"):
            raise MediaError(f"{url} is not an image (Content-Type {kind or 'missing'})")
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise MediaError(f"{url} is larger than {self.max_bytes} bytes")
        data = bytearray()
        for chunk in response.iter_content(CHUNK_BYTES):
            data += chunk
            if len(data) > self.max_bytes:
                raise MediaError(f"{url} is larger than {self.max_bytes} bytes")
        check_image(url, bytes(data))
        return bytes(data)


def check_image(name, data):
    try:
        with PillowImage.open(io.BytesIO(data)) as image:
            image.verify()
    except Exception as error:  # noqa: BLE001 - Pillow raises many kinds for a file that is no image
        raise MediaError(f"{name} is not a readable image") from error
