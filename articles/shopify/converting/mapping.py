"""
An article's HTML cut into body blocks (articles/blocks.py) by declarative rules (rules.py).

The body (read by html.py) is cut into sections at its headings: the shallowest heading level it
uses (h2, else h3..., else bold-only paragraphs) starts a section, and so does a deeper heading
whose wording asks for a block of its own ("When to see a doctor" as an h3 or a bold line). A
section whose heading matches a rule becomes that rule's structured block; one that matches no
rule, or whose shape does not fit its block (a benefits section without sub-headings or a list,
a list item holding a nested list), stays heading, paragraph, table, quote, image and video
blocks, with a warning: nothing of the text is ever dropped. Rich text keeps bold, italics,
links and nested lists. To teach the importer a new block type, add a builder to BUILDERS.
"""

import copy
from dataclasses import dataclass, field

import nh3
from django.core.exceptions import ValidationError
from django.utils.html import escape

from articles.blocks import ArticleBodyBlock, CauseKind, HeadingBlock, ImageBlock, Severity, Urgency
from articles.frontend.embeds import watch_url

from ..errors import describe
from .html import BOLD_WEIGHT, heading_level, parse, text_of
from .rules import CAUSE_KINDS, SEVERITIES, URGENCIES, choose, matching_rule, says_see_a_doctor

# Rich text keeps what the body's paragraph block offers editors (blocks.RICH_TEXT_FEATURES),
# in Wagtail's stored form (<b>, <i>); everything else is unwrapped to its text by nh3.
RICH_TEXT_TAGS = {"p", "b", "i", "a", "ul", "ol", "li", "sup", "br"}
RENAMED_TAGS = {"strong": "b", "em": "i"}
LIST_TAGS = ("ul", "ol")
BODY = ArticleBodyBlock()
HEADING_MAX_LENGTH = HeadingBlock.base_blocks["text"].field.max_length
ALT_MAX_LENGTH = ImageBlock.base_blocks["alt"].field.max_length
SENTENCE_END = ".!?"


class Unfit(Exception):
    """A section's shape does not fit the block its heading asks for; the message says why."""


@dataclass
class Section:
    heading: object  # the heading element, None for what comes before the first one
    elements: list = field(default_factory=list)

    @property
    def title(self):
        return text_of(self.heading) if self.heading is not None else ""


@dataclass
class Cut:
    """An article body as stream data (`[{"type", "value"}]`), and what the reader should know."""

    blocks: list
    warnings: list
    first_paragraph: str


def cut(html, library):
    """
    The body blocks of `html`. `library.technique(name, line)` returns the library technique's
    id and the item's `application` for a technique a list names; `library.image(src, alt)` the
    id of the image at `src`, or None when it cannot be had (the library says why).
    """
    cutter = Cutter(library)
    elements = parse(html)
    for section in sections(elements):
        cutter.add(section)
    first = next((text_of(el) for el in elements if el.name == "p" and heading_level(el) is None), "")
    return Cut(blocks=cutter.blocks, warnings=cutter.warnings, first_paragraph=first)


def sections(elements):
    levels = [heading_level(element) for element in elements]
    top = min((level for level in levels if level is not None), default=None)
    current = Section(heading=None)
    found = [current]
    for element, level in zip(elements, levels, strict=True):
        if level is not None and (level == top or splits(element)):
            current = Section(heading=element)
            found.append(current)
        else:
            current.elements.append(element)
    return found


def splits(heading):
    rule = matching_rule(text_of(heading))
    return rule is not None and rule.splits


class Cutter:
    """Blocks of the sections added, in order, with the warnings met on the way."""

    def __init__(self, library):
        self.library = library
        self.blocks = []
        self.warnings = []

    def add(self, section):
        rule = matching_rule(section.title) if section.heading is not None else None
        if rule is None:
            self.blocks += self.plain(section)
            return
        try:
            self.blocks += [validated(raw) for raw in BUILDERS[rule.block_type](self, section)]
        except Unfit as reason:
            self.warnings.append(
                f"the section {section.title!r} reads as {rule.block_type} but {reason}: "
                "it was kept as a heading and paragraphs"
            )
            self.blocks += self.plain(section)

    def plain(self, section):
        """A section as it reads: its heading, then its elements."""
        heading = [heading_block(section.title, "h2")] if section.heading is not None else []
        return heading + self.loose(section.elements)

    def loose(self, elements):
        """Elements outside a structured block, each as the block that shows it best."""
        blocks = []
        for element in elements:
            text = text_of(element)
            if heading_level(element) is not None:
                blocks.append(heading_block(text, "h3"))
            elif element.name in LOOSE_BUILDERS:
                blocks += LOOSE_BUILDERS[element.name](self, element)
            elif element.name == "p" and says_see_a_doctor(text) and not element.find("a"):
                blocks.append(warning_value("", text))
            elif html := rich_text(element):
                blocks.append(block("paragraph", html))
        return blocks

    def image(self, element):
        src, alt = element.get("src", ""), " ".join(element.get("alt", "").split())
        image_id = self.library.image(src, alt) if src else None
        if image_id is None:
            return []
        if not alt:
            self.warnings.append(f"the image {src} has no alt text: describe it in the admin")
        return [block("image", {"image": image_id, "alt": alt[:ALT_MAX_LENGTH], "caption": ""})]

    def iframe(self, element):
        url = watch_url(element.get("src", ""))
        if url is None:
            self.warnings.append(f"an embedded frame was left out ({element.get('src', '')})")
            return []
        return [block("embed", url)]


def table_blocks(cutter, table):
    """A table as a table block: each row's cells as text, a header row when the source has one."""
    rows = []
    for row in table.find_all("tr"):
        cells = []
        for cell in row.find_all(["td", "th"], recursive=False):
            cells += [text_of(cell)] + [""] * (span(cell) - 1)
        rows.append(cells)
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    width = max(map(len, rows))
    first = table.find("tr")
    header = first is not None and (first.find_parent("thead") is not None or not first.find("td"))
    caption = table.find("caption")
    return [
        block(
            "table",
            {
                "data": [row + [""] * (width - len(row)) for row in rows],
                "table_header_choice": "row" if header else "neither",
                "first_row_is_table_header": header,
                "first_col_is_header": False,
                "table_caption": text_of(caption) if caption else "",
            },
        )
    ]


def span(cell):
    colspan = str(cell.get("colspan", "1"))
    return min(int(colspan), 50) if colspan.isdigit() and int(colspan) > 0 else 1


def quote_blocks(cutter, quote):
    """A blockquote as a quote; a closing <cite>/<footer> or "— Name" line is the attribution."""
    quote = copy.copy(quote)
    source = quote.find(["cite", "footer"])
    attribution = text_of(source.extract()) if source else ""
    lines = [text_of(el) for el in quote.find_all(["p", "li"]) if text_of(el)] or [text_of(quote)]
    if not attribution and len(lines) > 1 and lines[-1][:1] in "—–-":
        attribution = lines.pop().lstrip("—–- ")
    if not any(lines):
        return []
    return [block("quote", {"text": "\n\n".join(lines), "attribution": attribution[:150]})]


LOOSE_BUILDERS = {
    "table": table_blocks,
    "blockquote": quote_blocks,
    "img": Cutter.image,
    "iframe": Cutter.iframe,
}


def split_item(text):
    """A list item's "Name: what it says" as (name, detail); ("text", "") without a colon."""
    name, colon, detail = text.partition(":")
    if colon and name.strip() and detail.strip():
        return name.strip(), detail.strip()
    return text, ""


def split_sentences(text):
    """The first sentence, and the rest."""
    for index, char in enumerate(text):
        if char in SENTENCE_END and text[index + 1 : index + 2] == " ":
            return text[: index + 1], text[index + 2 :]
    return text, ""


def rich_text(element):
    """An element as a paragraph block's rich text, or "" when it shows no text."""
    if not text_of(element):
        return ""
    element = copy.copy(element)
    for tag in element.find_all(True):
        style = tag.get("style", "")
        if tag.name in RENAMED_TAGS:
            tag.name = RENAMED_TAGS[tag.name]
        elif tag.name == "span" and BOLD_WEIGHT.search(style):
            tag.name = "b"
        elif tag.name == "span" and "italic" in style:
            tag.name = "i"
        if tag.name not in RICH_TEXT_TAGS:
            tag.insert_before(" ")
            tag.insert_after(" ")
    if element.name in ("p", *LIST_TAGS):
        html = str(element)
    else:
        inner = element.decode_contents()
        html = inner if element.find(["p", *LIST_TAGS]) else f"<p>{inner}</p>"
    return nh3.clean(
        html,
        tags=RICH_TEXT_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
    )


# --- Blocks ---


def block(block_type, value):
    return {"type": block_type, "value": value}


def validated(raw):
    """`raw` if its block accepts it as the admin would (Block.clean), else Unfit."""
    child = BODY.child_blocks[raw["type"]]
    try:
        child.clean(child.to_python(raw["value"]))
    except ValidationError as error:
        raise Unfit(f"the block refused it ({describe(error)})") from error
    return raw


def heading_block(text, level):
    if len(text) > HEADING_MAX_LENGTH:
        return block("paragraph", f"<p><b>{escape(text)}</b></p>")
    return block("heading", {"text": text, "level": level})


def warning_value(heading, text):
    urgency = choose(URGENCIES, text, Urgency.URGENT)
    return block("warning", {"urgency": urgency, "heading": heading, "text": text})


def list_section(section):
    """(intro, item texts, the elements after the list) of a section: [a paragraph], a list, ..."""
    index = next((i for i, el in enumerate(section.elements) if el.name in LIST_TAGS), None)
    if index is None:
        raise Unfit("it has no list")
    before = section.elements[:index]
    if len(before) > 1 or any(el.name != "p" or heading_level(el) for el in before):
        raise Unfit("more than one paragraph comes before its list")
    items = section.elements[index].find_all("li", recursive=False)
    if any(item.find(LIST_TAGS) for item in items):
        raise Unfit("an item holds a nested list")
    return (
        (text_of(before[0]) if before else ""),
        [text_of(li) for li in items],
        section.elements[index + 1 :],
    )


def section_value(section, intro, items):
    return {"heading": section.title, "intro": intro, "items": items}


def causes_blocks(cutter, section):
    intro, items, rest = list_section(section)
    causes = [
        {"name": name, "description": detail, "kind": choose(CAUSE_KINDS, text, CauseKind.OTHER)}
        for text in items
        for name, detail in [split_item(text)]
    ]
    return [block("causes", section_value(section, intro, causes)), *cutter.loose(rest)]


def contraindications_blocks(cutter, section):
    intro, items, rest = list_section(section)
    cases = [
        {"condition": name, "severity": choose(SEVERITIES, text, Severity.AVOID), "guidance": detail}
        for text in items
        for name, detail in [split_item(text)]
    ]
    return [block("contraindications", section_value(section, intro, cases)), *cutter.loose(rest)]


def care_plan_blocks(cutter, section):
    intro, items, rest = list_section(section)
    steps = [{"title": name, "description": detail} for name, detail in map(split_item, items)]
    return [block("care_plan", section_value(section, intro, steps)), *cutter.loose(rest)]


def techniques_blocks(cutter, section):
    intro, items, rest = list_section(section)
    entries = []
    for name, line in map(split_item, items):
        if not line:
            raise Unfit(f"the item {name!r} does not say what the technique does (Name: what it does)")
        pk, application = cutter.library.technique(name, line)
        entries.append({"technique": pk, "application": application})
    return [block("techniques", section_value(section, intro, entries)), *cutter.loose(rest)]


def benefits_blocks(cutter, section):
    """Each sub-heading with its paragraphs is a benefit: the first sentence explains, the rest says why."""
    if not any(heading_level(el) for el in section.elements):
        intro, items, rest = list_section(section)
        benefits = []
        for name, detail in map(split_item, items):
            if not detail:
                raise Unfit(f"the item {name!r} does not say what the benefit is (Title: explanation)")
            benefits.append({"title": name, "explanation": detail, "mechanism": ""})
        return [block("benefits", section_value(section, intro, benefits)), *cutter.loose(rest)]
    intro, groups = [], []
    for element in section.elements:
        if heading_level(element):
            groups.append((text_of(element), []))
        elif element.name == "p":
            (groups[-1][1] if groups else intro).append(text_of(element))
        else:
            raise Unfit(f"a <{element.name}> sits among its sub-headings")
    if len(intro) > 1:
        raise Unfit("more than one paragraph comes before its first sub-heading")
    benefits = []
    for title, paragraphs in groups:
        explanation, mechanism = split_sentences(" ".join(paragraphs))
        benefits.append({"title": title, "explanation": explanation, "mechanism": mechanism})
    return [block("benefits", section_value(section, " ".join(intro), benefits))]


def warning_blocks(cutter, section):
    """
    Paragraphs and lists as the callout's lines (a list item is a "• " line), up to the first
    element that is neither or holds a link ("Read how to book..."): that and the rest follow it.
    """
    lines, elements = [], section.elements
    while elements and is_warning_line(elements[0]):
        element, elements = elements[0], elements[1:]
        if element.name in LIST_TAGS:
            lines.append("\n".join(f"• {text_of(item)}" for item in element.find_all("li")))
        else:
            lines.append(text_of(element))
    if not lines:
        raise Unfit("no paragraph or list follows its heading")
    return [warning_value(section.title, "\n\n".join(lines)), *cutter.loose(elements)]


def is_warning_line(element):
    if element.find("a") or heading_level(element):
        return False
    return element.name == "p" or (element.name in LIST_TAGS and not element.find(LIST_TAGS))


BUILDERS = {
    "causes": causes_blocks,
    "benefits": benefits_blocks,
    "techniques": techniques_blocks,
    "contraindications": contraindications_blocks,
    "care_plan": care_plan_blocks,
    "warning": warning_blocks,
}
