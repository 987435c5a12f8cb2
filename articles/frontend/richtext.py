"""
Rich text for the frontend.

Wagtail stores rich text as "database HTML": `<a linktype="page" id="3">`. Its `expand_db_html`
turns that into this server's URLs, one query per text; Wagtail's APIs return it unexpanded.
`FrontendRichText` expands with Wagtail's rewriters, but:

- page links point at the frontend (frontend_url), and only to pages readers may see: a link to
  a draft or private page loses its href rather than leak the page's address;
- document links are absolute URLs on this server;
- embedded images are `<img>` tags with the response's renditions (absolute URLs, `srcset`);
- the pages, documents and images of every text in a response are fetched once, up front,
  from the references the response's blocks report (`Block.extract_references`);
- the editor's internals are dropped: the `data-block-key` attributes Draftail writes on every
  paragraph, heading and list item to track its blocks mean nothing to a frontend.
"""

import re

from django.utils.html import escape, format_html
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.rich_text import extract_references_from_rich_text, features
from wagtail.rich_text.rewriters import EmbedRewriter, LinkRewriter, MultiRuleRewriter

from .addresses import absolute_url, frontend_url
from .images import ImageSet

# Wagtail's converter writes attributes double-quoted and escapes quotes in text, so this only
# ever matches an attribute.
EDITOR_BLOCK_KEYS = re.compile(r'\s+data-block-key="[^"]*"')


class FrontendRichText:
    """
    Expands database HTML whose linked pages and documents are among the given ids, and whose
    embedded images are in `images` (an ImageSet).
    """

    def __init__(self, page_ids=(), document_ids=(), images=None, request=None):
        self.request = request
        self._pages = self._fetch_pages(page_ids)
        self._documents = self._fetch_documents(document_ids)
        self._images = images if images is not None else ImageSet([])
        link_rules = {
            linktype: handler.expand_db_attributes_many
            for linktype, handler in features.get_link_types().items()
        }
        link_rules.update(page=self._page_links, document=self._document_links)
        embed_rules = {
            embedtype: handler.expand_db_attributes_many
            for embedtype, handler in features.get_embed_types().items()
        }
        embed_rules.update(image=self._image_embeds)
        self._rewriter = MultiRuleRewriter(
            [LinkRewriter(bulk_rules=link_rules), EmbedRewriter(bulk_rules=embed_rules)]
        )

    @classmethod
    def for_source(cls, source, request=None):
        """An expander for one text on its own (a block represented outside a response)."""
        ids = {"page": set(), "document": set(), "image": set()}
        for model, object_id, _path, _content_path in extract_references_from_rich_text(source):
            if issubclass(model, get_document_model()):
                ids["document"].add(object_id)
            elif issubclass(model, get_image_model()):
                ids["image"].add(object_id)
            else:
                ids["page"].add(object_id)
        return cls(ids["page"], ids["document"], ImageSet.fetch(ids["image"]), request)

    def expand(self, source):
        return self._rewriter(EDITOR_BLOCK_KEYS.sub("", source or ""))

    def _fetch_pages(self, ids):
        # Imported here: selectors imports the models, which import the blocks, which import this.
        from ..selectors import public_pages

        ids = {str(pk) for pk in ids}
        if not ids:
            return {}
        return {str(page.pk): page for page in public_pages().filter(pk__in=ids)}

    def _fetch_documents(self, ids):
        ids = {str(pk) for pk in ids}
        if not ids:
            return {}
        return {str(doc.pk): doc for doc in get_document_model().objects.filter(pk__in=ids)}

    def _page_links(self, attrs_list):
        return [self._anchor(self._page_url(attrs.get("id"))) for attrs in attrs_list]

    def _page_url(self, pk):
        page = self._pages.get(str(pk))
        return frontend_url(page, self.request) if page is not None else None

    def _document_links(self, attrs_list):
        links = []
        for attrs in attrs_list:
            document = self._documents.get(str(attrs.get("id")))
            links.append(self._anchor(absolute_url(document.url) if document else None))
        return links

    def _image_embeds(self, attrs_list):
        return [
            self._img(
                self._images.represent(attrs.get("id"), alt=attrs.get("alt", "")), attrs.get("format", "")
            )
            for attrs in attrs_list
        ]

    @staticmethod
    def _img(image, image_format):
        """The largest rendition as `src`, all of them in `srcset`; Wagtail's format as a class."""
        if image is None:
            return '<img alt="">'
        renditions = {rendition["width"]: rendition for rendition in image["renditions"].values()}.values()
        largest = max(renditions, key=lambda rendition: rendition["width"])
        return format_html(
            '<img alt="{}" class="richtext-image {}" src="{}" srcset="{}" width="{}" height="{}">',
            image["alt"],
            image_format,
            largest["url"],
            ", ".join(f"{rendition['url']} {rendition['width']}w" for rendition in renditions),
            largest["width"],
            largest["height"],
        )

    @staticmethod
    def _anchor(href):
        return f'<a href="{escape(href)}">' if href else "<a>"


def rich_text_api_representation(value, context):
    """
    A RichText block value as frontend HTML. The response's expander comes in
    `context["rich_text"]`; without one the text is expanded on its own.
    """
    context = context or {}
    source = getattr(value, "source", value) or ""
    expander = context.get("rich_text") or FrontendRichText.for_source(source, context.get("request"))
    return expander.expand(source)
