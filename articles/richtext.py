"""
Rich text for the frontend.

Wagtail stores rich text as "database HTML": `<a linktype="page" id="3">`. Its `expand_db_html`
turns that into this server's URLs, one query per text; Wagtail's APIs return it unexpanded.
`FrontendRichText` expands with Wagtail's rewriters, but:

- page links point at the frontend (frontend_url), and only to pages readers may see: a link to
  a draft or private page loses its href rather than leak the page's address;
- document links are absolute URLs on this server;
- the pages and documents of every text in a response are fetched once, up front, from the
  references the response's blocks report (`Block.extract_references`).
"""

from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.rich_text import extract_references_from_rich_text, features
from wagtail.rich_text.rewriters import EmbedRewriter, LinkRewriter, MultiRuleRewriter

from .frontend import absolute_url, frontend_url


class FrontendRichText:
    """Expands database HTML whose linked pages and documents are among the given ids."""

    def __init__(self, page_ids=(), document_ids=(), request=None):
        self.request = request
        self._pages = self._fetch_pages(page_ids)
        self._documents = self._fetch_documents(document_ids)
        link_rules = {
            linktype: handler.expand_db_attributes_many
            for linktype, handler in features.get_link_types().items()
        }
        link_rules.update(page=self._page_links, document=self._document_links)
        embed_rules = {
            embedtype: handler.expand_db_attributes_many
            for embedtype, handler in features.get_embed_types().items()
        }
        self._rewriter = MultiRuleRewriter(
            [LinkRewriter(bulk_rules=link_rules), EmbedRewriter(bulk_rules=embed_rules)]
        )

    @classmethod
    def for_source(cls, source, request=None):
        """An expander for one text on its own (a block represented outside a response)."""
        page_ids, document_ids = set(), set()
        for model, object_id, _path, _content_path in extract_references_from_rich_text(source):
            if issubclass(model, get_document_model()):
                document_ids.add(object_id)
            else:
                page_ids.add(object_id)
        return cls(page_ids, document_ids, request)

    def expand(self, source):
        return self._rewriter(source or "")

    def _fetch_pages(self, ids):
        # Imported here: selectors imports the models, which import the blocks, which import this.
        from .selectors import public_pages

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
            links.append(self._anchor(absolute_url(document.url, self.request) if document else None))
        return links

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
