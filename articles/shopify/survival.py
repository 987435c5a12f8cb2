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
    held = Counter(words(page_text(page)))
    missing = []
    for word in source:
        if held[word]:
            held[word] -= 1
        else:
            missing.append(word)
    return Survival(words=len(source), missing=tuple(missing))


def page_text(page):
    strings, technique_ids = [], []
    for child in page.body.raw_data:
        collect(child["value"], strings, technique_ids, child["type"] == "techniques")
    techniques = Technique.objects.filter(pk__in=technique_ids).values_list("name", "summary")
    return " ".join([*map(html_text, strings), *(f"{name} {summary}" for name, summary in techniques)])


def collect(value, strings, technique_ids, in_techniques):
    if isinstance(value, str):
        strings.append(value)
    elif isinstance(value, dict):
        if in_techniques and isinstance(value.get("technique"), int):
            technique_ids.append(value["technique"])
        for key, item in value.items():
            if key not in ("id", "type"):
                collect(item, strings, technique_ids, in_techniques)
    elif isinstance(value, list):
        for item in value:
            collect(item, strings, technique_ids, in_techniques)
