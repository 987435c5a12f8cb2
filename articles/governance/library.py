"""
Library text checked against its article.

A technique's library `summary` is written once and shown in every article that recommends the
technique. When it names a body part (the lexicon, body_parts.en.json) or a condition (the Condition
library) that the article is not about, readers of that article are told something that is not
about them ("targets chronic muscle tightness around the knee" in a lower-back article). The
editor is warned, and gives the article its own wording in the technique's `application`, which
then takes the summary's place (the API still gives both; the widget shows the article's).

What the article is about: its conditions (names, other names, body areas) and its title. An
article that names neither a condition nor a body part is not judged.
"""

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _

from ..raw_body import list_items
from ..snippets import Condition, Technique, split_names

LEXICON = Path(__file__).with_name("body_parts.en.json")


@dataclass(frozen=True)
class Mismatch:
    technique: str
    named: str
    message: str


@cache
def body_part_patterns():
    """`{body part: regex}` matching any of its wordings as whole words."""
    parts = json.loads(LEXICON.read_text(encoding="utf-8"))["body_parts"]
    return {
        part: re.compile(r"\b(?:" + "|".join(re.escape(word) for word in words) + r")\b", re.IGNORECASE)
        for part, words in parts.items()
    }


def body_parts_in(text):
    return {part for part, pattern in body_part_patterns().items() if pattern.search(text or "")}


def condition_names(condition):
    return [condition.name, *split_names(condition.other_names)]


def named_in(text, names):
    return any(re.search(rf"\b{re.escape(name)}\b", text or "", re.IGNORECASE) for name in names if name)


def article_scope(page):
    """(body parts, condition ids) the article is about: from its conditions and its title."""
    conditions = list(page.conditions.all())
    texts = (
        [page.title]
        + [name for c in conditions for name in condition_names(c)]
        + [c.body_area for c in conditions]
    )
    return body_parts_in(" ".join(texts)), {condition.pk for condition in conditions}


def foreign_terms(summary, parts, condition_ids, library):
    """What a summary names that the article is not about: body parts, then conditions."""
    found = sorted(body_parts_in(summary) - parts)
    for condition in library:
        if condition.pk in condition_ids or not named_in(summary, condition_names(condition)):
            continue
        if not (body_parts_in(condition.body_area) & parts):
            found.append(condition.name)
    return found


def items_without_wording(raw_stream):
    """Technique ids of the techniques blocks' items that have no `application` of their own."""
    return [
        item.get("technique")
        for block in raw_stream
        if block["type"] == "techniques"
        for item in list_items(block["value"].get("items", []))
        if item.get("technique") is not None and not (item.get("application") or "").strip()
    ]


def mismatches(page, raw_stream):
    """The library summaries, shown in this article as written, that name what it is not about."""
    ids = items_without_wording(raw_stream)
    parts, condition_ids = article_scope(page)
    if not ids or not (parts or condition_ids):
        return []
    library = list(Condition.objects.all())
    found = []
    for technique in Technique.objects.filter(pk__in=ids).order_by("name"):
        for term in foreign_terms(technique.summary, parts, condition_ids, library):
            message = _(
                "The library's summary of %(technique)s, “%(summary)s”, names %(term)s, which this article "
                "is not about: write how it applies here in the technique's Application."
            ) % {"technique": technique.name, "summary": technique.summary, "term": term}
            found.append(Mismatch(technique=technique.name, named=term, message=message))
    return found
