"""
Words as the clinical-safety checks (safety.py) compare them: by stem, so that a reader's
"swelling", "swelled" or "swells" all meet an article's "swelling", and a red flag's "fracture"
meets "fractured".

Stems come from the Snowball English stemmer (a maintained library: stemming by hand-kept
suffix rules would drift). It cannot know irregular forms ("swollen", "hot", "fell"), so those
are mapped to a regular form first, from IRREGULAR_FORMS, which is kept here.
"""

import re
import threading
from dataclasses import dataclass
from functools import cached_property

import snowballstemmer

from .text import fold

# A word: letters, with apostrophes inside ("can't"); digits and punctuation separate words.
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

# Forms no suffix rule reaches, mapped to a regular form of the same word.
IRREGULAR_FORMS = {
    "swollen": "swell",
    "hot": "heat",
    "hotter": "heat",
    "warm": "heat",
    "warmer": "heat",
    "fell": "fall",
    "fallen": "fall",
    "worse": "worsen",
    "broke": "break",
    "broken": "break",
    "can't": "cannot",
    "can’t": "cannot",
    "cant": "cannot",
}

# Skipped inside phrases, so that "after a fall" also reads "after my fall" and "since the fall".
FILLERS = frozenset({"a", "an", "the", "my", "your", "his", "her", "their", "our", "its", "this", "that"})

# Words that say nothing about a reader's symptoms on their own: left out when an article's
# contraindications and warnings are read for words to look for ("massage may not be advised
# before medical clearance" must not flag every comment that says "massage").
_GENERIC = """
    a about above after again against all also am an and any are around as at be been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers him his how i if in into is it its just me
    more most my no nor not now of off on once only or other our out over own same she should
    so some such than that the their them then there these they this those through to too
    under until up very was we were what when where which while who whom why will with without
    would you your active advice advised appropriate area body care case cases certain
    clearance client condition doctor evaluation first get help known massage medical may
    might must need needs occur patient people person physician professional reader recent
    recommended seek see sign signs someone suspected therapist therapy treatment usually
"""
GENERIC_WORDS = frozenset(_GENERIC.split())

_local = threading.local()


def stem(word):
    """The stem of one lower-case word (Snowball's stemmer objects are not thread-safe)."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("english")
    return stemmer.stemWord(IRREGULAR_FORMS.get(word, word))


@dataclass(frozen=True)
class Word:
    text: str
    stem: str
    start: int
    end: int


class Text:
    """A text as the checks read it: folded (text.fold), its words stemmed, fillers left out."""

    def __init__(self, text):
        self.folded = fold(text)
        self.words = [
            Word(match.group(), stem(match.group()), match.start(), match.end())
            for match in WORD.finditer(self.folded)
            if match.group() not in FILLERS
        ]

    @cached_property
    def stems(self):
        return [word.stem for word in self.words]

    def find(self, phrase):
        """The part of this text (folded) that spells `phrase` (a Phrase), fillers included, or None."""
        size = len(phrase.stems)
        for first in range(len(self.stems) - size + 1):
            if tuple(self.stems[first : first + size]) == phrase.stems:
                return self.folded[self.words[first].start : self.words[first + size - 1].end]
        return None

    def words_among(self, stems):
        """The words of this text whose stem is one of `stems`, as written, each once."""
        return list(dict.fromkeys(word.text for word in self.words if word.stem in stems))


class Phrase:
    """Words to find in this order, as stems; fillers between them do not count."""

    def __init__(self, text):
        self.text = text
        self.stems = tuple(Text(text).stems)


def key_stems(text, *, besides=()):
    """The stems of the words of `text` that can name a symptom: neither generic nor in `besides`."""
    return {word.stem for word in Text(text).words if word.text not in GENERIC_WORDS} - set(besides)
