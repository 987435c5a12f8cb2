"""
Tokens and lemmas: one language's reader, loaded once per process and per language.

A blank spaCy tokenizer splits the text into tokens (it knows each language's contractions and
elisions: "can't", "j'ai"), and the tokens into sentences as spaCy's rule-based sentencizer does,
read from the token arrays rather than by its pipe (which makes a Python object per token: a fifth
of a 5,000-character comment's time went there). Each token's lemma comes from
spacy-lookups-data's table for the language ("swollen" -> "swell", "tombée" -> "tomber"),
without accents, so "fievre" typed without one still reads "fièvre". In English, a word the language does
not know, within a small edit distance of a lexicon word, is read as that word ("feaver" ->
"fever"): misspellings are corrected towards the lexicon only, never towards other words.

Only the lemma table's entries that lead to a lexicon word are kept in memory: the full Spanish
table alone holds half a million forms.
"""

from dataclasses import dataclass, field
from functools import cache

import spacy
import spacy_lookups_data
from rapidfuzz import process
from rapidfuzz.distance import OSA
from spacy.attrs import IS_ALPHA, IS_PUNCT, LIKE_NUM, NORM
from spacy.pipeline import Sentencizer
from spacy.util import get_lang_class, load_language_data

from .lexicon import lexicon
from .normalise import strip_accents
from .patterns import Words

# Misspellings corrected: at most one edit in a word of five to eight letters, two from nine on; a
# swap of two letters is one edit ("wieght": optimal string alignment, not plain Levenshtein).
# Shorter words are left alone: "clot" is one edit from "cloth", "slot" and "plot".
SHORTEST_CORRECTED = 5


# Misspellings are corrected where every word of the language is known, so that a real word is
# never taken for a misspelt one: English, whose lemma table is small enough to keep. French and
# Spanish words are read without accents instead ("fievre"), their most common slip.
SPELLING_CORRECTED = ("en",)


# Suffixes that make a known word another ("feverish" -> "feverishly"): such a word is no misspelling.
DERIVING_SUFFIXES = ("ly", "ness", "ing", "ed", "s", "es", "er", "est", "y")


# How many words' corrections are kept (a reader's vocabulary of unknown words is small), and how
# many words' readings.
CORRECTIONS_KEPT = 4096
WORDS_KEPT = 50_000


# What ends a sentence: spaCy's sentencizer's marks ("." "!" "?" and their kin in other scripts).
SENTENCE_ENDS = frozenset(Sentencizer.default_punct_chars)


def allowed_edits(word):
    return 1 if len(word) < 9 else 2


@dataclass(eq=False)
class Reader:
    language: str
    nlp: spacy.Language
    lemmas: dict  # form -> lemma, for forms whose lemma a lexicon word has
    known: frozenset  # words of the language, never corrected
    targets: tuple  # (the lexicon's words, their other forms), each by length: spelling corrections
    spelling: bool  # whether misspellings are corrected: where the language's words are all known
    corrected: dict = field(default_factory=dict)  # word -> its correction, or None
    words_read: dict = field(default_factory=dict)  # word -> (lemma, correction or None)

    def read(self, text):
        """
        `text` (normalised) as a spaCy Doc, with what patterns test of its words in
        `doc.user_data["words"]` (patterns.Words) and its corrected misspellings, by position, in
        `doc.user_data["corrections"]`.
        """
        doc = self.nlp(text)
        strings = self.nlp.vocab.strings
        columns = doc.to_array([NORM, IS_ALPHA, IS_PUNCT, LIKE_NUM]).tolist() if len(doc) else []
        corrections, sentences = {}, []
        lemmas, norms, punct, numbers = [], [], [], []
        start, ended = 0, False
        for i, (norm, alpha, is_punct, like_num) in enumerate(columns):
            word = strings[norm]
            lemma, corrected = self._read_word(word) if alpha or "'" in word else (word, None)
            if corrected:
                corrections[i] = corrected
            # A sentence starts at the first word after its end marks (the sentencizer's rule).
            if ended and not is_punct and word not in SENTENCE_ENDS:
                sentences.append((start, i))
                start, ended = i, False
            elif word in SENTENCE_ENDS:
                ended = True
            lemmas.append(lemma)
            norms.append(word)
            punct.append(bool(is_punct))
            numbers.append(bool(like_num))
        if columns:
            sentences.append((start, len(columns)))
        doc.user_data["words"] = Words(lemmas, norms, punct, numbers, sentences)
        doc.user_data["corrections"] = corrections
        return doc

    def _read_word(self, word):
        """`(lemma, correction or None)` of one word, kept: a text repeats its words."""
        if word not in self.words_read:
            if len(self.words_read) >= WORDS_KEPT:
                self.words_read.clear()
            lemma, corrected = self.lemma(word), None
            if lemma == word and self._unknown(word) and not self._base(word):
                corrected = self.correct(word)
                lemma = self.lemma(corrected) if corrected else lemma
            self.words_read[word] = lemma, corrected
        return self.words_read[word]

    def lemma(self, word):
        """The folded lemma of `word`: from the table, else from the known word it derives from."""
        if word in self.lemmas:
            return strip_accents(self.lemmas[word])
        if self.spelling and word not in self.known and (base := self._base(word)):
            return strip_accents(self.lemmas.get(base, base))
        return strip_accents(word)

    def correct(self, word):
        """The lexicon's word `word` misspells, or None."""
        if word not in self.corrected:
            if len(self.corrected) >= CORRECTIONS_KEPT:
                self.corrected.clear()
            edits = allowed_edits(word)
            found = process.extractOne(
                word, self.near(len(word), edits), scorer=OSA.distance, score_cutoff=edits
            )
            self.corrected[word] = found[0] if found else None
        return self.corrected[word]

    @cache  # noqa: B019 (one reader per language, kept for the process)
    def near(self, size, edits):
        """The lexicon's word forms `edits` letters longer or shorter than `size` at most."""
        lengths = range(size - edits, size + edits + 1)
        return [form for tier in self.targets for length in lengths for form in tier.get(length, ())]

    def _unknown(self, word):
        return self.spelling and len(word) >= SHORTEST_CORRECTED and word.isalpha() and word not in self.known

    def _base(self, word):
        """The known word `word` derives from by a suffix ("feverishly", "dizzyness"), or None."""
        for suffix in DERIVING_SUFFIXES:
            if word.endswith(suffix) and (base := word[: -len(suffix)]) in self.known:
                return base
        return None


@cache
def reader(language):
    """The reader of `language` (en, fr, es), built on first use and kept for the process."""
    nlp = spacy.blank(language)
    table = {**_lemma_table(language), **lexicon(language).lemma_overrides}
    words = lexicon(language).words()
    wanted = {strip_accents(table.get(word, word)) for word in words}
    lemmas = {form: lemma for form, lemma in table.items() if strip_accents(lemma) in wanted or form in words}
    lemmas.update(lexicon(language).lemma_overrides)
    # The lexicon's own words first: a misspelling as near to one of them as to another form
    # ("numbess": "numbness", "numbest") is read as the lexicon's.
    forms = sorted(words) + sorted(set(lemmas) - words)
    targets = ({}, {})
    for form in forms:
        if len(form) >= SHORTEST_CORRECTED and form.isalpha():
            targets[form not in words].setdefault(len(form), []).append(form)
    known = _known_words(language, table) | set(forms)
    return Reader(language, nlp, lemmas, frozenset(known), targets, spelling=language in SPELLING_CORRECTED)


def _lemma_table(language):
    """spacy-lookups-data's form -> lemma table (a few French forms list several: the first is kept)."""
    table = load_language_data(getattr(spacy_lookups_data, language)["lemma_lookup"])
    return {form: lemma[0] if isinstance(lemma, list) else lemma for form, lemma in table.items()}


def _known_words(language, table):
    """
    Words never corrected as misspellings: the language's stop words and, where misspellings are
    corrected, every form and lemma its table lists ("cancel" is a word, not a misspelt "cancer").
    """
    known = set(get_lang_class(language).Defaults.stop_words)
    if language in SPELLING_CORRECTED:
        known.update(table)
        known.update(table.values())
    return known
