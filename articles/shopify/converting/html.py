"""
An article's HTML read as its readers see it: block elements in order, with what editors'
tools wrap around them taken off.

Shopify's editor writes plain `<p>`, `<h2>`, lists. Pasting from Google Docs wraps the whole
body in `<b id="docs-internal-guid-..." style="font-weight:normal">`, paragraphs inside list
items and bold as `<span style="font-weight:700">`; Word adds `<span>`s, `<font>`s and empty
`<o:p>` tags. An inline element holding block elements is such a wrapper: it is unwrapped. Loose
inline content between blocks becomes one paragraph. Images and iframes are lifted out of the
element that holds them and follow it, so that they become blocks of their own.

`text_of` is the text a reader sees, with every block boundary (list item, table cell,
paragraph) a space: "Technique Pressure", never "TechniquePressure".
"""

import re

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment as HtmlComment
from bs4.element import Declaration, Doctype, ProcessingInstruction

CONTAINER_TAGS = {"div", "section", "article", "main", "header", "footer", "center", "body", "html", "figure"}
BLOCK_TAGS = {
    *CONTAINER_TAGS,
    *(f"h{level}" for level in range(1, 7)),
    "p",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "blockquote",
    "pre",
    "hr",
    "br",
    "figcaption",
    "img",
    "iframe",
    "video",
}
IGNORED_TAGS = {"meta", "script", "style", "link", "title", "head", "hr", "colgroup", "col", "noscript"}
MEDIA_TAGS = ("img", "iframe")
HEADING_LEVELS = {"h1": 2, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 5}
BOLD_PARAGRAPH_LEVEL = 6
BOLD_WEIGHT = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)", re.IGNORECASE)
NORMAL_WEIGHT = re.compile(r"font-weight\s*:\s*(normal|lighter|[1-4]00)", re.IGNORECASE)
SKIPPED_NODES = (HtmlComment, Declaration, Doctype, ProcessingInstruction)


def parse(html):
    """The body's block elements, in order (see the module's docstring)."""
    soup = BeautifulSoup(html or "", "html.parser")
    for paragraph in soup.select("li > p"):
        paragraph.insert_after(" ")
        paragraph.unwrap()
    return [lifted for element in top_level(soup, soup) for lifted in lift_media(element)]


def top_level(parent, soup):
    run = []
    for node in list(parent.children):
        if isinstance(node, SKIPPED_NODES):
            continue
        if isinstance(node, Tag) and (node.name in IGNORED_TAGS or is_wrapper(node)):
            yield from paragraph_of(run, soup)
            run = []
            if node.name not in IGNORED_TAGS:
                yield from top_level(node, soup)
        elif isinstance(node, Tag) and node.name in BLOCK_TAGS and node.name != "br":
            yield from paragraph_of(run, soup)
            run = []
            yield node
        else:
            run.append(node)
    yield from paragraph_of(run, soup)


def is_wrapper(tag):
    """A container, or an inline element holding block elements (Google Docs' <b>, Word's <span>)."""
    if tag.name in CONTAINER_TAGS:
        return True
    return (
        tag.name not in BLOCK_TAGS and tag.find(lambda child: child.name in BLOCK_TAGS - {"br"}) is not None
    )


def paragraph_of(nodes, soup):
    """Loose inline nodes as one <p>, when they show any text or hold an image."""
    if not any(is_shown(node) for node in nodes):
        return []
    paragraph = soup.new_tag("p")
    for node in nodes:
        paragraph.append(node.extract())
    return [paragraph]


def is_shown(node):
    if isinstance(node, NavigableString):
        return bool(node.strip())
    return bool(text_of(node)) or node.name in MEDIA_TAGS or node.find(MEDIA_TAGS) is not None


def lift_media(element):
    """The element without its images and iframes, then each of them (an emptied element is dropped)."""
    if element.name in MEDIA_TAGS:
        return [element]
    media = [node.extract() for node in element.find_all(MEDIA_TAGS)]
    kept = [element] if text_of(element) or element.name == "table" else []
    return kept + media


def text_of(element):
    """The text a reader sees, whitespace collapsed; every block boundary and line break is a space."""
    if isinstance(element, NavigableString):
        return " ".join(str(element).split())
    pieces = []
    collect_text(element, pieces)
    return " ".join("".join(pieces).split())


def collect_text(node, pieces):
    for child in node.children:
        if isinstance(child, SKIPPED_NODES):
            continue
        if isinstance(child, NavigableString):
            pieces.append(str(child))
        elif child.name in BLOCK_TAGS:
            pieces.append(" ")
            collect_text(child, pieces)
            pieces.append(" ")
        else:
            collect_text(child, pieces)


def heading_level(element):
    """2 for a section heading (h1, h2), 3 to 5 for h3 to h6, 6 for a bold-only paragraph, else None."""
    if element.name in HEADING_LEVELS:
        return HEADING_LEVELS[element.name] if text_of(element) else None
    if element.name == "p" and is_bold_only(element):
        return BOLD_PARAGRAPH_LEVEL
    return None


def is_bold_only(paragraph, max_length=120):
    """
    A short paragraph all in bold, no link, not a sentence ending in a full stop: an editor's
    heading ("When to see a doctor", "Who should avoid neck massage?"), not an emphasised line.
    """
    text = text_of(paragraph)
    if not text or len(text) > max_length or text.endswith(".") or paragraph.find(["a", "br"]):
        return False
    return all(is_bold(node) for node in paragraph.find_all(string=True) if node.strip())


def is_bold(node):
    for parent in node.parents:
        style = parent.get("style", "") if isinstance(parent, Tag) else ""
        if NORMAL_WEIGHT.search(style):
            return False
        if parent.name in ("b", "strong") or BOLD_WEIGHT.search(style):
            return True
        if parent.name == "p":
            return False
    return False


def html_text(html):
    """The text of an HTML fragment; plain text (a title, an address) is only collapsed."""
    if "<" not in (html or "") and "&" not in (html or ""):
        return " ".join((html or "").split())
    return text_of(BeautifulSoup(html, "html.parser"))
