"""
Did every word of the source reach the page? Checked on each article after its import.

The source's words are those a reader saw on Shopify (html.text_of of the body); the page's are
every text its body stores, rich text read the same way, plus the name and summary of each
library technique it shows (a techniques item keeps the technique, not the words). Words are
compared as a multiset, case-folded: each source word must be there as many times as the source
has it. What is missing is named in an error line per article; nothing missing is the target.
"""

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

from articles.snippets import Technique

from .html import html_text

WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Survival:
    words: int
    missing: tuple

    @property
    def ratio(self):
        return 1.0 if not self.words else (self.words - len(self.missing)) / self.words


def words(text):
    return WORD.findall(text.casefold())


def survival(body_html, page):
    """How much of `body_html`'s text `page`'s body holds, and the words it lacks, in source order."""
    source = words(html_text(body_html))
    held = words(page_text(page))
    deficit = Counter(source) - Counter(held)
    if not deficit:
        return Survival(words=len(source), missing=())
    # Which occurrences are the missing ones: those outside the runs both texts share, first.
    matcher = SequenceMatcher(None, source, held, autojunk=False)
    unmatched = [
        i
        for tag, i1, i2, _, _ in matcher.get_opcodes()
        if tag in ("delete", "replace")
        for i in range(i1, i2)
    ]
    missing = []
    for index in unmatched + list(range(len(source))):
        word = source[index]
        if deficit[word] and index not in missing:
            deficit[word] -= 1
            missing.append(index)
    return Survival(words=len(source), missing=tuple(source[index] for index in sorted(missing)))


def page_text(page):
    """Every text the body stores, in order, a techniques item read as its technique's name and summary."""
    strings = []
    for child in page.body.raw_data:
        collect(child["value"], strings, child["type"] == "techniques")
    ids = [item for item in strings if isinstance(item, int)]
    techniques = {
        pk: f"{name} {summary}"
        for pk, name, summary in Technique.objects.filter(pk__in=ids).values_list("pk", "name", "summary")
    }
    return " ".join(
        techniques.get(item, "") if isinstance(item, int) else html_text(item) for item in strings
    )


def collect(value, strings, in_techniques):
    """The strings of a block's raw value, in order; in a techniques block, each technique's id."""
    if isinstance(value, str):
        strings.append(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            if in_techniques and key == "technique" and isinstance(item, int):
                strings.append(item)
            elif key not in ("id", "type"):
                collect(item, strings, in_techniques)
    elif isinstance(value, list):
        for item in value:
            collect(item, strings, in_techniques)
