"""
The article's own cautions: its contraindications and warnings say which findings matter for
this treatment. A comment's finding that one of them names is reported as the article's
("contraindication", with its severity), and the caution's own words that no concept covers
("flare", "ligament") are looked for too, in context like any term. An everyday word ("hot",
"severe", "surgery") or one of the article's title ("knee") is never looked for alone.
"""

from functools import cache, lru_cache

from django.utils.translation import get_language

from articles.blocks import Severity, Urgency
from articles.raw_body import list_items

from .lexicon import lexicon
from .matching import term_matcher
from .reading import reader


def body_cautions(raw_body):
    """
    `(kind, wording, severity or urgency)` of each contraindication and warning of an article
    body's raw JSON: no block is converted and nothing is queried.
    """
    for block in raw_body:
        value = block["value"]
        if block["type"] == "contraindications":
            for item in list_items(value.get("items", [])):
                yield "contraindication", item.get("condition", ""), item.get("severity", "")
        elif block["type"] == "warning":
            yield "warning", value.get("text", ""), value.get("urgency", "")


def read_cautions(raw_body, title, language):
    """
    For each caution of the article: `(kind, wording, label, concepts, lemmas)`, the concepts its
    wording names and the lemmas of its own words worth looking for.
    """
    return _read_cautions(tuple(body_cautions(raw_body)), title, language, get_language())


@lru_cache(maxsize=64)
def _read_cautions(cautions, title, language, locale):
    """Kept by content (an edited article is read anew) and by the locale its labels are in."""
    labels = {"contraindication": dict(Severity.choices), "warning": dict(Urgency.choices)}
    read = reader(language)
    matcher = term_matcher(language)
    ignored = _ignored_lemmas(language) | set(read.read(title.casefold()).user_data["words"].lemmas)
    result = []
    for kind, wording, code in cautions:
        label = labels[kind].get(code, code)
        doc = read.read(wording.casefold())
        concepts = frozenset(found.key for found in matcher.find(doc) if found.kind == "concept")
        lemmas = frozenset(
            lemma
            for token, lemma in zip(doc, doc.user_data["words"].lemmas, strict=True)
            if token.is_alpha and len(token) > 3 and lemma not in ignored
        )
        result.append((kind, wording, label, concepts, lemmas))
    return tuple(result)


@cache
def _ignored_lemmas(language):
    lex = lexicon(language)
    read = reader(language)
    words = lex.everyday | lex.fillers | read.nlp.Defaults.stop_words
    return frozenset(read.lemma(word) for word in words)
