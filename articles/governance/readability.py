"""
Reading age: how old a reader must be to read an article's text with ease.

The grade is the Flesch-Kincaid grade level as textstat computes it, counting syllables with
Pyphen's hyphenation dictionaries. textstat is pinned at 0.7.3, the last release that counts with
Pyphen alone: later ones load NLTK's CMU dictionary and download it on first use, which nothing
here may do. The reading age is the grade plus five, in whole years (a US grade 6 reader is about
11 in the UK), as UK health writers and the PIF TICK use it; NHS and PIF advise 9 to 11.

Only the prose readers read counts: a block's headings, text and explanations, not its choices,
citations or URLs. Each item of a list, heading or title counts as a sentence of its own, as a
reader takes it. Computed from the body's raw JSON, so that saving an article stores it
(ArticlePage.store_body_facts) and listings filter on a column.
"""

import math
from dataclasses import dataclass
from html.parser import HTMLParser

import textstat

from ..conf import articles_settings
from ..raw_body import list_items

# Each block type's prose, by field; list fields name the prose of their items.
SECTION = ("heading", "intro")
PROSE_FIELDS = {
    "heading": ("text",),
    "image": ("caption",),
    "quote": ("text",),
    "causes": SECTION + (("items", ("name", "description")),),
    "benefits": SECTION + (("items", ("title", "explanation", "mechanism")),),
    "techniques": SECTION + (("items", ("application",)),),
    "contraindications": SECTION + (("items", ("condition", "guidance")),),
    "evidence": ("finding",),
    "warning": ("heading", "text"),
    "care_plan": SECTION + (("items", ("title", "description")),),
    "faq": (("items", ("question", "answer")),),
    "call_to_action": ("label",),
}
RICH_TEXT_FIELDS = {"answer"}
# Fewer words than this and a block's grade says little: it is shown but never warned about.
MIN_WORDS_TO_JUDGE = 20
SENTENCE_END = (".", "!", "?", ":", ";")
BLOCK_TAGS = {"p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "div", "br"}


@dataclass(frozen=True)
class Readability:
    grade: float
    reading_age: int
    words: int

    @classmethod
    def of(cls, sentences):
        text = " ".join(sentences)
        words = textstat.lexicon_count(text)
        if not words:
            return None
        grade = max(0.0, float(textstat.flesch_kincaid_grade(text)))
        return cls(grade=round(grade, 1), reading_age=math.floor(grade) + 5, words=words)


def target():
    """(lowest, highest) reading age the articles aim at."""
    low, high = articles_settings.ARTICLES_READING_AGE_TARGET
    return int(low), int(high)


class _RichTextSentences(HTMLParser):
    """The sentences of rich text: its text, broken where a paragraph or list item ends."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.current = [], []

    def handle_starttag(self, tag, attrs):
        self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self.flush()

    def handle_data(self, data):
        self.current.append(data)

    def flush(self):
        text = "".join(self.current).strip()
        if text:
            self.parts.append(text)
        self.current = []


def rich_text_sentences(html):
    parser = _RichTextSentences()
    parser.feed(html or "")
    parser.close()
    parser.flush()
    return parser.parts


def as_sentence(text):
    """A heading, title or list item read as a sentence of its own."""
    text = " ".join(text.split())
    return text if not text or text.endswith(SENTENCE_END) else f"{text}."


def field_sentences(value, fields):
    for field in fields:
        if isinstance(field, tuple):
            name, item_fields = field
            for item in list_items(value.get(name) or []):
                yield from field_sentences(item or {}, item_fields)
            continue
        text = value.get(field)
        if not isinstance(text, str):
            continue
        yield from rich_text_sentences(text) if field in RICH_TEXT_FIELDS else [text]


def block_sentences(raw_block):
    """The sentences of one raw block. A type this module does not know is read by its texts."""
    block_type, value = raw_block["type"], raw_block.get("value")
    if block_type == "paragraph":
        found = rich_text_sentences(value)
    elif block_type in PROSE_FIELDS and isinstance(value, dict):
        found = field_sentences(value, PROSE_FIELDS[block_type])
    else:
        found = unknown_block_texts(value)
    return [sentence for sentence in map(as_sentence, found) if sentence]


def unknown_block_texts(value):
    """Texts of a block type added later (a table...): its strings of several words."""
    if isinstance(value, str):
        if len(value.split()) > 1:
            yield from rich_text_sentences(value) if "<" in value else [value]
    elif isinstance(value, list):
        for item in value:
            yield from unknown_block_texts(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("type", "id"):
                yield from unknown_block_texts(item)


def article_readability(raw_stream):
    """The whole body's readability, or None when it has no prose."""
    return Readability.of([s for block in raw_stream for s in block_sentences(block)])


def blocks_readability(raw_stream):
    """`[(raw block, Readability)]` of the body's blocks that have prose, in order."""
    found = ((block, Readability.of(block_sentences(block))) for block in raw_stream)
    return [(block, readability) for block, readability in found if readability is not None]


def body_facts(raw_stream):
    """
    What ArticlePage stores of a body's readability (`body_readability`), so that an API detail
    reads it rather than computes it: overall and per block with text, without the target, a
    setting applied when it is shown.
    """
    overall = article_readability(raw_stream)
    return {
        "reading_age": overall.reading_age if overall else None,
        "grade": overall.grade if overall else None,
        "words": overall.words if overall else 0,
        "blocks": [
            {
                "id": block.get("id"),
                "type": block["type"],
                "reading_age": found.reading_age,
                "grade": found.grade,
                "words": found.words,
            }
            for block, found in blocks_readability(raw_stream)
        ],
    }


def above(facts):
    """Whether stored figures (overall or a block's) are above the target, judged on enough words."""
    return (
        facts["reading_age"] is not None
        and facts["words"] >= MIN_WORDS_TO_JUDGE
        and facts["reading_age"] > target()[1]
    )


def represent(facts):
    """
    The API's and the editor's account of stored facts: overall, against the target, and per block
    (`{id, type, reading_age, grade, words, above_target}`). Null figures for a body without prose.
    """
    low, high = target()
    return {
        "reading_age": facts["reading_age"],
        "grade": facts["grade"],
        "words": facts["words"],
        "target": {"min": low, "max": high},
        "above_target": above(facts),
        "blocks": [{**block, "above_target": above(block)} for block in facts["blocks"]],
    }


def stored_representation(page):
    """`represent()` of what the page stored; read from its body when it stored nothing (an old revision)."""
    facts = page.body_readability or body_facts(list(page.body.raw_data))
    return represent(facts)
