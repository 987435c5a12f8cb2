"""
The first stage: the comment's text as the later stages read it.

Folded as every other check folds it (NFKC, invisible characters out, case-folded: text.fold),
then lookalike letters turned into the Latin letters they imitate (their skeleton, as Unicode's
UTS #39 defines confusables), so that "fеver" written with a Cyrillic "е" reads "fever".

Only a text written in Latin letters is folded so: a word mixing scripts is always folded, and in
a text whose letters are mostly Latin every lookalike is. A text mostly in another script is left
as written, and the language stage says the triage cannot read it.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from confusable_homoglyphs import confusables

from ..text.normalise import fold

# A word with a Latin letter in it: in a text written in another script, only such a word is
# folded ("fеver" among Russian words is an English word in disguise; "мне" is Russian).
WORD_WITH_LATIN = re.compile(r"\w*[a-z]\w*")


@dataclass(frozen=True)
class Normalised:
    text: str
    latin_share: float  # of the letters, how many are Latin as written
    letters: int


def normalise(text):
    """`text` folded, its lookalike letters read as Latin where the text is written in Latin."""
    folded = fold(text)
    letters = sum(map(str.isalpha, folded))
    if folded.isascii() or not letters:
        return Normalised(folded, 1.0, letters)
    others = {char for char in set(folded) if char.isalpha() and not _is_latin(char)}
    latin_share = 1 - sum(folded.count(char) for char in others) / letters
    lookalikes = {ord(char): latin for char in others if (latin := latin_lookalike(char))}
    if latin_share >= 0.5:
        folded = folded.translate(lookalikes)
    elif lookalikes:
        folded = WORD_WITH_LATIN.sub(lambda word: word.group().translate(lookalikes), folded)
    return Normalised(folded, latin_share, letters)


def strip_accents(word):
    """`word` without its combining marks: "fièvre" -> "fievre", as readers often type it."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@cache
def latin_lookalike(char):
    """The Latin letter `char` (a letter of another script) imitates, or "" when none or Latin."""
    if _is_latin(char):
        return ""
    found = confusables.is_confusable(char, greedy=True, preferred_aliases=["latin"]) or ()
    for entry in found:
        for glyph in entry["homoglyphs"]:
            if len(glyph["c"]) == 1 and glyph["n"].startswith("LATIN ") and glyph["c"].isascii():
                return glyph["c"].lower()
    return ""


@cache
def _is_latin(char):
    return char.isascii() or unicodedata.name(char, "").startswith("LATIN ")
