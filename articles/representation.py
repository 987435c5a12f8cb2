"""
What a response about several articles needs besides the article rows, fetched in bulk.

An article's JSON refers to other objects: the techniques its body recommends, images (hero,
social, image blocks), pages and documents linked from rich text, clinics. Read one article at a
time, each costs queries per article and per block. `ArticleSet` reads every body of a response
first (the raw JSON, or Wagtail's `bulk_to_python` for bodies shown in full), collects what
they refer to and fetches each kind once: the same number of queries for 1 article or 100.
"""

import math
import re
from collections import defaultdict

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from .conf import articles_settings
from .images import ImageSet
from .models import ArticlePage, Technique
from .richtext import FrontendRichText

BODY_BLOCK = ArticlePage._meta.get_field("body").stream_block
# An HTML tag, dropped to count the words of rich text: a tenth of the cost of Django's
# strip_tags (an HTML parser), which dominated a listing's time, for the same count.
TAG = re.compile(r"<[^>]*>")


class ArticleSet:
    """
    The articles of one response. `full` are those shown whole (body, SEO image, JSON-LD); the
    others are listed (hero image, techniques, reading time).
    """

    def __init__(self, articles, *, full=(), request=None):
        self.request = request
        articles, full = list(articles), list(full)
        # The raw JSON of the bodies this response shows: the published content for a page row,
        # the draft for a preview. Techniques and reading time come from it without a query.
        self._raw = {article.pk: list(article.body.raw_data) for article in articles + full}
        bodies = BODY_BLOCK.bulk_to_python([self._raw[article.pk] for article in full])
        self._bodies = {article.pk: body for article, body in zip(full, bodies, strict=True)}
        references = self._references(self._bodies.values())
        # Bodies shown whole have their techniques already (bulk_to_python fetched them).
        self._techniques = chosen_techniques(self._bodies.values())
        missing = {pk for raw in self._raw.values() for pk in technique_ids(raw)} - self._techniques.keys()
        self._techniques.update(Technique.objects.in_bulk(missing) if missing else {})
        image_ids = {a.hero_image_id for a in articles + full} | {a.social_image_id for a in full}
        self.images = ImageSet.fetch(image_ids | references[get_image_model()], request)
        self.rich_text = FrontendRichText(
            references[Page], references[get_document_model()], self.images, request
        )

    def covers(self, articles, full=()):
        """Whether this set was prepared for these articles (and these shown whole)."""
        return {a.pk for a in articles} <= set(self._raw) and {a.pk for a in full} <= set(self._bodies)

    @property
    def block_context(self):
        """The context blocks' get_api_representation() reads the prefetched objects from."""
        return {"request": self.request, "images": self.images, "rich_text": self.rich_text}

    def body(self, article):
        """The article's body as blocks (StreamValue); only for articles shown whole."""
        return self._bodies[article.pk]

    def techniques(self, article):
        """The library techniques the body recommends, in order, without repeats."""
        found = (self._techniques.get(pk) for pk in technique_ids(self._raw[article.pk]))
        return [technique for technique in found if technique is not None]

    def reading_time_minutes(self, article):
        words = len(f"{article.title} {article.summary}".split()) + sum(
            len(TAG.sub("", text).split()) for text in stream_texts(self._raw[article.pk])
        )
        return max(1, math.ceil(words / articles_settings.ARTICLES_WORDS_PER_MINUTE))

    @staticmethod
    def _references(bodies):
        """Ids of the objects the bodies refer to, by model (concrete base class for pages)."""
        references = defaultdict(set)
        for body in bodies:
            for model, pk, _path, _content_path in BODY_BLOCK.extract_references(body):
                key = Page if issubclass(model, Page) else model
                references[key].add(pk)
        return references


def chosen_techniques(bodies):
    """{pk: Technique} of the techniques blocks of bodies already converted to blocks."""
    return {
        item["technique"].pk: item["technique"]
        for body in bodies
        for block in body
        if block.block_type == "techniques"
        for item in block.value["items"]
        if item["technique"] is not None
    }


def technique_ids(raw_stream):
    """Ids of the techniques a body's raw JSON recommends, in order, without repeats."""
    ids = []
    for block in raw_stream:
        if block["type"] != "techniques":
            continue
        for item in list_items(block["value"].get("items", [])):
            pk = item.get("technique")
            if pk is not None and pk not in ids:
                ids.append(pk)
    return ids


def list_items(raw_list):
    """A ListBlock's raw items: `{"type": "item", "value": ..., "id": ...}` or (older) bare values."""
    return [
        item["value"] if isinstance(item, dict) and item.get("type") == "item" and "value" in item else item
        for item in raw_list
    ]


def stream_texts(raw):
    """Every text a body's raw JSON holds, skipping block types and ids."""
    if isinstance(raw, str):
        yield raw
    elif isinstance(raw, list):
        for item in raw:
            yield from stream_texts(item)
    elif isinstance(raw, dict):
        for key, value in raw.items():
            if key not in ("type", "id"):
                yield from stream_texts(value)
