"""
Which of the languages the triage reads (English, French, Spanish) a comment is written in, or
that it is written in another, which no lexicon here reads: that comment waits for a person.

A comment mostly in another script (Cyrillic, Arabic, Chinese...) is another language at once.
In Latin letters, a comment mostly of English words is English; otherwise Lingua, a language
detector that ships its models in its package, names the language among the Latin-script
languages readers commonly write. The comment goes to a person as unreadable only when Lingua is
confident and neither English words nor French or Spanish common words make up half of it
(Portuguese and Italian share many common words with Spanish and French); otherwise it is read
in each language it may be in, and a comment too short to tell (under MIN_WORDS words) in all three.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from lingua import Language, LanguageDetectorBuilder
from spacy.util import get_lang_class

from .normalise import strip_accents
from .reading import reader

READABLE = {Language.ENGLISH: "en", Language.FRENCH: "fr", Language.SPANISH: "es"}
# Languages written in Latin letters that readers of a North American or European shop may
# write in besides the three: what Lingua chooses among.
OTHER_LATIN = (
    Language.GERMAN,
    Language.ITALIAN,
    Language.PORTUGUESE,
    Language.DUTCH,
    Language.POLISH,
    Language.TAGALOG,
    Language.SWEDISH,
    Language.DANISH,
    Language.BOKMAL,
    Language.FINNISH,
    Language.ROMANIAN,
    Language.CZECH,
    Language.HUNGARIAN,
    Language.TURKISH,
    Language.INDONESIAN,
    Language.VIETNAMESE,
    Language.CATALAN,
    Language.CROATIAN,
)
MIN_WORDS = 3
# A language whose common words make up this share of the words is the comment's language.
CLEAR_SHARE = 0.3
# Or, for English, whose every word the reader knows, this share of English words ("Best massage
# clinic in St. Albert, hands down" has few common words).
ENGLISH_WORDS_SHARE = 0.6
# Lingua's confidence at which another language is taken as the comment's.
OTHER_CONFIDENCE = 0.5
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@dataclass(frozen=True)
class Reading:
    languages: tuple  # the lexicons to read the comment with; empty when none can
    other: str = ""  # the language or script it is written in, when no lexicon reads it


def detect(normalised):
    """How to read a normalised comment (normalise.Normalised)."""
    if normalised.letters >= 4 and normalised.latin_share < 0.5:
        return Reading((), _script(normalised.text))
    words = WORD.findall(normalised.text)
    if len(words) < MIN_WORDS:
        return Reading(tuple(READABLE.values()))
    english = _share(words, reader("en").known)
    if english >= ENGLISH_WORDS_SHARE:
        return Reading(("en",))
    shares = {code: _share(words, _common_words(code)) for code in READABLE.values()}
    top = detector().compute_language_confidence_values(normalised.text)[0]
    if (
        top.language not in READABLE
        and top.value >= OTHER_CONFIDENCE
        and english < 0.5
        and max(shares.values()) < 0.5
    ):
        return Reading((), top.language.name.title())
    first = READABLE.get(top.language)
    languages = {first} if first else set()
    languages |= {
        code for code, share in shares.items() if share >= CLEAR_SHARE and share > shares.get(first, 0)
    }
    return Reading(tuple(sorted(languages)) or tuple(READABLE.values()))


def _share(words, vocabulary):
    return sum(1 for word in words if word in vocabulary) / len(words)


@cache
def _common_words(language):
    words = get_lang_class(language).Defaults.stop_words
    return frozenset(words) | {strip_accents(word) for word in words}


@cache
def detector():
    languages = (*READABLE, *OTHER_LATIN)
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def _script(text):
    """The name of the script most of `text`'s letters are written in ("Cyrillic")."""
    counts = {}
    for char in text:
        if char.isalpha():
            script = unicodedata.name(char, "UNKNOWN").split(" ")[0].title()
            counts[script] = counts.get(script, 0) + 1
    return f"{max(counts, key=counts.get)} script"
