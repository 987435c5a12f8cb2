"""
An article's HTML cut into body blocks (articles/blocks.py) by declarative rules.

The body is cut into sections at its `h2` headings. A section whose heading holds one of a
rule's keywords (SECTION_RULES, first match wins) becomes that rule's structured block; the
wording tables below choose a cause's kind, a contraindication's severity and a warning's
urgency. A section that matches no rule, or whose shape does not fit its block (a benefits
section without sub-headings or a list, say), stays `heading` and `paragraph` blocks, with a
warning: nothing of the text is ever dropped. To teach the importer a new kind of section, add a
row to SECTION_RULES, and a builder to BUILDERS for a new block type.
"""

import copy
import re
from dataclasses import dataclass, field

import nh3
from bs4 import BeautifulSoup, NavigableString
from bs4.element import Comment as HtmlComment
from django.core.exceptions import ValidationError
from django.utils.html import escape

from articles.blocks import ArticleBodyBlock, CauseKind, HeadingBlock, Severity, Urgency


@dataclass(frozen=True)
class Rule:
    block_type: str
    keywords: tuple


SECTION_RULES = (
    Rule(
        "contraindications",
        ("not be appropriate", "not appropriate", "contraindicat", "when to avoid", "not recommended"),
    ),
    Rule("warning", ("see a doctor", "see your doctor", "when to seek", "red flag")),
    Rule("care_plan", ("management plan", "care plan", "combin", "alongside")),
    Rule("techniques", ("types of massage", "technique", "kinds of massage", "modalities")),
    Rule("causes", ("cause", "why does", "risk factor")),
    Rule("benefits", ("helps", "benefit", "how massage")),
)

# A paragraph (outside a list) saying one of these becomes a `warning` block.
WARNING_PHRASES = (
    "see a doctor",
    "see your doctor",
    "medical evaluation",
    "seek medical",
    "medical attention",
    "consult a doctor",
    "consult your doctor",
    "call 911",
)

# Wording to a choice: the first row with a keyword in the text wins, else the default.
CAUSE_KINDS = (
    (CauseKind.BIOMECHANICAL, ("imbalance", "posture", "mechanics", "alignment", "gait", "footwear")),
    (CauseKind.DEGENERATIVE, ("arthritis", "degenerat", "wear and tear")),
    (CauseKind.INJURY, ("injur", "strain", "sprain", "tear", "trauma", "sport", "overuse")),
    (CauseKind.MUSCULAR, ("muscle", "muscular", "tension", "tight", "knot")),
)
# The most serious first; wording that says none of these gets the safest severity, avoid.
SEVERITIES = (
    (Severity.AVOID, ("fracture", "acute", "swelling", "redness", "fever", "infection", "clot", "thromb")),
    (Severity.CLEARANCE, ("clearance", "surgery", "pregnan", "cancer", "heart", "medication")),
    (Severity.MODIFY, ("flare", "sensitiv", "bruis", "varicose", "modif", "gentle")),
)
URGENCIES = (
    (Urgency.EMERGENCY, ("911", "emergency", "immediately", "right away")),
    (Urgency.ROUTINE, ("next appointment", "mention it", "let your therapist know")),
)

# Rich text keeps what the body's paragraph block offers editors (blocks.RICH_TEXT_FEATURES),
# in Wagtail's stored form (<b>, <i>); everything else is unwrapped to its text by nh3.
RICH_TEXT_TAGS = {"p", "b", "i", "a", "ul", "ol", "li", "sup", "br"}
RENAMED_TAGS = {"strong": "b", "em": "i"}
CONTAINER_TAGS = {"div", "section", "article", "main", "header", "footer"}
IGNORED_TAGS = {"br", "hr", "meta", "script", "style", "link"}
LIST_TAGS = ("ul", "ol")
SUB_HEADING_TAGS = ("h3", "h4", "h5", "h6")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
BODY = ArticleBodyBlock()
HEADING_MAX_LENGTH = HeadingBlock.base_blocks["text"].field.max_length


class Unfit(Exception):
    """A section's shape does not fit the block its heading asks for; the message says why."""


@dataclass
class Section:
    heading: object  # the h2 Tag, None for what comes before the first one
    elements: list = field(default_factory=list)

    @property
    def title(self):
        return text_of(self.heading) if self.heading else ""


@dataclass
class Cut:
    """An article body as stream data (`[{"type", "value"}]`), and what the reader should know."""

    blocks: list
    warnings: list
    first_paragraph: str


def cut(html, technique):
    """
    The body blocks of `html`. `technique(name, line)` returns the library technique's id and
    the item's `application` for a technique a list names (importer.py finds or creates it).
    """
    elements = list(top_level(BeautifulSoup(html or "", "html.parser")))
    warnings = [
        f"an image in the body was left out ({image.get('src', '')})"
        for element in elements
        for image in images_in(element)
    ]
    blocks = []
    for section in sections(elements):
        rule = matching_rule(section.title)
        if rule is None:
            blocks += plain(section)
            continue
        try:
            blocks += [validated(block) for block in BUILDERS[rule.block_type](section, technique)]
        except Unfit as reason:
            warnings.append(
                f"the section {section.title!r} reads as {rule.block_type} but {reason}: "
                "it was kept as a heading and paragraphs"
            )
            blocks += plain(section)
    first = next((text_of(el) for el in elements if el.name == "p" and text_of(el)), "")
    return Cut(blocks=blocks, warnings=warnings, first_paragraph=first)


# --- Reading the HTML ---


def top_level(parent):
    """The body's block elements in order, looking inside wrappers; loose text becomes a <p>."""
    for node in parent.children:
        if isinstance(node, HtmlComment):
            continue
        if isinstance(node, NavigableString):
            if node.strip():
                paragraph = BeautifulSoup("<p></p>", "html.parser").p
                paragraph.string = node.strip()
                yield paragraph
        elif node.name in CONTAINER_TAGS:
            yield from top_level(node)
        elif node.name not in IGNORED_TAGS:
            yield node


def images_in(element):
    return [element] if element.name == "img" else element.find_all("img")


def sections(elements):
    current = Section(heading=None)
    found = [current]
    for element in elements:
        if element.name in ("h1", "h2"):
            current = Section(heading=element)
            found.append(current)
        else:
            current.elements.append(element)
    return found


def text_of(element):
    """The text a reader sees, whitespace collapsed; a line break counts as a space."""
    pieces = []
    for node in element.descendants:
        if isinstance(node, HtmlComment):
            continue
        if isinstance(node, NavigableString):
            pieces.append(str(node))
        elif node.name == "br":
            pieces.append(" ")
    return " ".join("".join(pieces).split())


def html_text(html):
    return text_of(BeautifulSoup(html or "", "html.parser"))


def matching_rule(heading):
    lowered = heading.lower()
    return next((rule for rule in SECTION_RULES if any(word in lowered for word in rule.keywords)), None)


def choose(table, text, default):
    lowered = text.lower()
    return next((choice for choice, words in table if any(word in lowered for word in words)), default)


def split_item(text):
    """A list item's "Name: what it says" as (name, detail); ("text", "") without a colon."""
    name, colon, detail = text.partition(":")
    if colon and name.strip() and detail.strip():
        return name.strip(), detail.strip()
    return text, ""


def split_sentences(text):
    """The first sentence, and the rest."""
    first, *rest = SENTENCE_END.split(text, maxsplit=1)
    return first, " ".join(rest)


def rich_text(element):
    """An element as a paragraph block's rich text, or "" when it shows no text."""
    element = copy.copy(element)
    for tag in element.find_all(list(RENAMED_TAGS)):
        tag.name = RENAMED_TAGS[tag.name]
    if element.name in ("p", *LIST_TAGS):
        html = str(element)
    else:
        inner = element.decode_contents()
        html = inner if element.find(["p", *LIST_TAGS]) else f"<p>{inner}</p>"
    if not text_of(element):
        return ""
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
        raise Unfit(f"the block refused it ({'; '.join(error.messages)})") from error
    return raw


def plain(section):
    """A section as it reads: its heading, then its elements (loose_blocks)."""
    heading = [heading_block(section.title, "h2")] if section.heading else []
    return heading + loose_blocks(section.elements)


def heading_block(text, level):
    if len(text) > HEADING_MAX_LENGTH:
        return block("paragraph", f"<p><b>{escape(text)}</b></p>")
    return block("heading", {"text": text, "level": level})


def loose_blocks(elements):
    """Elements outside a structured block: sub-headings, "see a doctor" warnings, paragraphs."""
    blocks = []
    for element in elements:
        text = text_of(element)
        if element.name in SUB_HEADING_TAGS and text:
            blocks.append(heading_block(text, "h3"))
        elif element.name == "p" and says_see_a_doctor(text) and not element.find("a"):
            blocks.append(warning_value("", text))
        elif html := rich_text(element):
            blocks.append(block("paragraph", html))
    return blocks


def says_see_a_doctor(text):
    lowered = text.lower()
    return any(phrase in lowered for phrase in WARNING_PHRASES)


def warning_value(heading, text):
    urgency = choose(URGENCIES, text, Urgency.URGENT)
    return block("warning", {"urgency": urgency, "heading": heading, "text": text})


def list_section(section):
    """(intro, item texts, the elements after the list) of a section: [a paragraph], a list, ..."""
    index = next((i for i, el in enumerate(section.elements) if el.name in LIST_TAGS), None)
    if index is None:
        raise Unfit("it has no list")
    before = section.elements[:index]
    if len(before) > 1 or any(el.name != "p" for el in before):
        raise Unfit("more than one paragraph comes before its list")
    items = [text_of(li) for li in section.elements[index].find_all("li", recursive=False)]
    return (text_of(before[0]) if before else ""), items, section.elements[index + 1 :]


def section_value(section, intro, items):
    return {"heading": section.title, "intro": intro, "items": items}


def causes_blocks(section, technique):
    intro, items, rest = list_section(section)
    causes = [
        {"name": name, "description": detail, "kind": choose(CAUSE_KINDS, text, CauseKind.OTHER)}
        for text in items
        for name, detail in [split_item(text)]
    ]
    return [block("causes", section_value(section, intro, causes)), *loose_blocks(rest)]


def contraindications_blocks(section, technique):
    intro, items, rest = list_section(section)
    cases = [
        {"condition": name, "severity": choose(SEVERITIES, text, Severity.AVOID), "guidance": detail}
        for text in items
        for name, detail in [split_item(text)]
    ]
    return [block("contraindications", section_value(section, intro, cases)), *loose_blocks(rest)]


def care_plan_blocks(section, technique):
    intro, items, rest = list_section(section)
    steps = [{"title": name, "description": detail} for name, detail in map(split_item, items)]
    return [block("care_plan", section_value(section, intro, steps)), *loose_blocks(rest)]


def techniques_blocks(section, technique):
    intro, items, rest = list_section(section)
    entries = []
    for name, line in map(split_item, items):
        if not line:
            raise Unfit(f"the item {name!r} does not say what the technique does (Name: what it does)")
        pk, application = technique(name, line)
        entries.append({"technique": pk, "application": application})
    return [block("techniques", section_value(section, intro, entries)), *loose_blocks(rest)]


def benefits_blocks(section, technique):
    """Each sub-heading with its paragraphs is a benefit: the first sentence explains, the rest says why."""
    if not any(el.name in SUB_HEADING_TAGS for el in section.elements):
        intro, items, rest = list_section(section)
        benefits = [
            {"title": name, "explanation": detail, "mechanism": ""} for name, detail in map(split_item, items)
        ]
        return [block("benefits", section_value(section, intro, benefits)), *loose_blocks(rest)]
    intro, groups = [], []
    for element in section.elements:
        if element.name in SUB_HEADING_TAGS:
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


def warning_blocks(section, technique):
    if any(el.name != "p" for el in section.elements):
        raise Unfit("it holds more than paragraphs")
    text = "\n\n".join(text_of(el) for el in section.elements)
    return [warning_value(section.title, text)]


BUILDERS = {
    "causes": causes_blocks,
    "benefits": benefits_blocks,
    "techniques": techniques_blocks,
    "contraindications": contraindications_blocks,
    "care_plan": care_plan_blocks,
    "warning": warning_blocks,
}
