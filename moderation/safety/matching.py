"""
Finding the lexicon's terms in a read text: every concept's terms and figurative uses and every
context trigger, compiled from the lexicon's term syntax (lexicon.py) into token patterns on the
words' folded lemmas (patterns.py).

Besides plain terms, a concept may have
- `anchored` terms: words with everyday senses ("swollen", "numb", "fall") that count only in a
  clause about a body ("my ankle is swollen", not "the river is swollen"): one with a body part,
  a person or a word of the `anchor` set;
- `together` groups: a finding told in two parts of one sentence ("I've lost 10 kg over two months
  without trying"): one term of each group in the same sentence.
"""

import itertools
import re
from dataclasses import dataclass
from functools import cache

from .lexicon import GAP, PLACEHOLDER, lexicon
from .patterns import (
    FILLERS,
    Pattern,
    PatternIndex,
    Step,
    is_number,
    lemma_in,
    norm_in,
    norm_matches,
    not_punctuation,
)
from .reading import reader

# A gap ("...") in a term: up to four words of the same clause.
GAP_STEP = Step(not_punctuation, 0, 4, own=False)
# The sets whose words make a clause about a body, for anchored terms.
ANCHOR_SETS = ("part", "person", "anchor")


@dataclass(frozen=True)
class Found:
    """A term found: `kind` is concept, figurative, trigger, pseudo or termination."""

    kind: str
    key: str  # the concept id, or the trigger's category, direction and scope
    start: int
    end: int
    core: frozenset = frozenset()  # the words the term's own words matched (not gaps or fillers)


@dataclass(frozen=True)
class Word:
    """One word of a term, as a step of a pattern and what may start a pattern with it."""

    step: Step
    lemmas: tuple = ()
    norms: tuple = ()


class TermMatcher:
    def __init__(self, language):
        self.reader = reader(language)
        self.lexicon = lex = lexicon(language)
        self.index = PatternIndex()
        fillers = sorted({lemma for word in lex.fillers for lemma in self._lemmas(word)})
        self.fillers = frozenset(fillers)
        self.filler = Step(lemma_in(fillers), 0, FILLERS, own=False) if fillers else None
        self.anchors = frozenset(
            lemmas[0]
            for name in ANCHOR_SETS
            for word in lex.sets.get(name, ())
            if len(lemmas := self._lemmas(word)) == 1
        )
        # Single words with everyday senses: an article's own word among them needs an anchor too.
        self.ambiguous = frozenset(
            lemmas[0]
            for terms in lex.anchored.values()
            for term in terms
            if len(lemmas := self._lemmas(term.lstrip("="))) == 1
        )
        for concept, terms in lex.terms.items():
            self._add("concept", concept, terms)
        for concept, terms in lex.anchored.items():
            self._add("anchored", concept, terms)
        for concept, groups in lex.together.items():
            for number, terms in enumerate(groups):
                self._add("part", f"{concept}:{number}", terms)
        for concept, terms in lex.figurative.items():
            self._add("figurative", concept, terms)
        for trigger in lex.triggers:
            self._add("trigger", f"{trigger.category}:{trigger.direction}:{trigger.scope}", trigger.terms)
        self._add("pseudo", "pseudo", lex.pseudo)
        self._add("termination", "termination", lex.termination)

    def find(self, doc, extra=()):
        """
        Every term found in `doc`, anchored terms and groups resolved to concepts. `extra`: more
        words, `(key, lemmas)` each (an article's own, article.py), anchored if they have everyday
        senses as the lexicon's anchored words do.
        """
        words = doc.user_data["words"]
        found = list(
            {
                (pattern.key, start, end): Found(*pattern.key, start, end, frozenset(own))
                for pattern, start, end, own in self.index.find(words)
            }.values()
        )
        keys_of = {}  # an extra word's lemma -> the keys it stands for
        for key, lemmas in extra:
            for lemma in lemmas:
                keys_of.setdefault(lemma, []).append(key)
        found += [
            Found("anchored" if lemma in self.ambiguous else "concept", key, i, i + 1, frozenset({i}))
            for i, lemma in enumerate(words.lemmas)
            for key in keys_of.get(lemma, ())
        ]
        sentence_of = _sentence_starts(words)
        clause_of = _clause_starts(sentence_of, [item.start for item in found if item.kind == "termination"])
        anchors = [i for i, lemma in enumerate(words.lemmas) if lemma in self.anchors]
        resolved = [item for item in found if item.kind not in ("anchored", "part")]
        resolved += [
            Found("concept", item.key, item.start, item.end, item.core)
            for item in found
            if item.kind == "anchored" and self._anchored(item, anchors, clause_of)
        ]
        return resolved + self._together([item for item in found if item.kind == "part"], sentence_of)

    @staticmethod
    def _anchored(item, anchors, clause_of):
        """Whether a word about a body, besides the term's own, stands in the term's clause."""
        clause = clause_of[item.start]
        return any(clause_of[i] == clause and not item.start <= i < item.end for i in anchors)

    def _together(self, parts, sentence_of):
        """A concept whose every group has a term in one sentence, spanning them all."""
        by_sentence = {}
        for item in parts:
            concept, group = item.key.rsplit(":", 1)
            by_sentence.setdefault((sentence_of[item.start], concept), {}).setdefault(group, []).append(item)
        found = []
        for (_, concept), groups in by_sentence.items():
            if len(groups) == len(self.lexicon.together[concept]):
                items = [item for group in groups.values() for item in group]
                start, end = min(item.start for item in items), max(item.end for item in items)
                found.append(
                    Found("concept", concept, start, end, frozenset().union(*(i.core for i in items)))
                )
        return found

    def _add(self, kind, key, terms):
        for term in terms:
            for words in self._spellings(term):
                steps = []
                for word in words:
                    if steps and word.step is not GAP_STEP and self.filler:
                        steps.append(self.filler)
                    steps.append(word.step)
                first = words[0]
                starts = first.step.least and (first.lemmas or first.norms)
                pattern = Pattern((kind, key), tuple(steps), self.fillers)
                self.index.add(
                    pattern, lemmas=first.lemmas if starts else (), norms=first.norms if starts else ()
                )

    def _spellings(self, term):
        """A term as lists of words, one per spelling of its multi-word alternatives."""
        options = []
        for word in term.split():
            if word == GAP:
                options.append([[Word(GAP_STEP)]])
                continue
            optional = word.endswith("?") and len(word) > 1
            spelt = self._options(word.rstrip("?") if optional else word)
            if optional:
                spelt = [
                    [Word(Step(w.step.test, 0, 1), w.lemmas, w.norms) for w in option] for option in spelt
                ]
            options.append(spelt)
        return [
            [word for option in combination for word in option] for combination in itertools.product(*options)
        ]

    def _options(self, word):
        """The word sequences one word of a term may be: "can't" is two words, as the text's are."""
        if word == "{number}":
            return [[Word(Step(is_number, numeric=True))]]
        if word.startswith("*"):
            ending = word[1:]
            return [[Word(Step(norm_matches(f"^\\w+{ending}$"), numeric=needs_digit(ending)))]]
        if placeholder := PLACEHOLDER.match(word):
            name = placeholder.group(1)
            if name in self.lexicon.regexes:
                expression = self.lexicon.regexes[name]
                return [[Word(Step(norm_matches(expression), numeric=needs_digit(expression)))]]
            alternatives = self.lexicon.sets[name]
        else:
            alternatives = word.split("|")
        if all(alternative.startswith("=") for alternative in alternatives):
            norms = tuple(alternative[1:] for alternative in alternatives)
            return [[Word(Step(norm_in(norms)), norms=norms)]]
        spelt = {tuple(self._lemmas(alternative)) for alternative in alternatives}
        single = tuple(sorted(lemmas[0] for lemmas in spelt if len(lemmas) == 1))
        options = [[self._word((lemma,)) for lemma in lemmas] for lemmas in sorted(spelt) if len(lemmas) > 1]
        return ([[self._word(single)]] if single else []) + options

    @staticmethod
    def _word(lemmas):
        return Word(Step(lemma_in(lemmas)), lemmas=lemmas)

    def _lemmas(self, word):
        return [self.reader.lemma(token.norm_) for token in self.reader.nlp.tokenizer(word.casefold())]


def needs_digit(expression):
    """Whether every word `expression` matches has a digit: each of its alternatives names one."""
    alternatives, depth, current = [], 0, ""
    for char in expression:
        depth += char in "([" and 1 or char in ")]" and -1 or 0
        if char == "|" and depth == 0:
            alternatives.append(current)
            current = ""
        else:
            current += char
    alternatives.append(current)
    return all(re.search(r"\d", alternative) for alternative in alternatives)


def _clause_starts(sentence_of, terminations):
    """The start of each word's clause: its sentence, cut at termination terms ("but")."""
    cuts = set(terminations)
    starts, start = [], 0
    for i, sentence in enumerate(sentence_of):
        if i == sentence or i in cuts:
            start = i
        starts.append(start)
    return starts


def _sentence_starts(words):
    """The position of each word's sentence's first word."""
    starts = []
    for start, end in words.sentences:
        starts.extend([start] * (end - start))
    return starts


@cache
def term_matcher(language):
    return TermMatcher(language)
