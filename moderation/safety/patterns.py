"""
Token patterns, matched against a read text's words: the engine under matching.py.

A pattern is a list of steps, each a test on one word and how many words it takes: exactly one,
zero or one (an optional word), or a range (up to four words of a gap, up to two fillers). Each
pattern is indexed by the words its first step accepts, so a text's word is only ever tried against
the few patterns that can start with it.

spaCy's Matcher does the same job and was measured first: with this project's ~2,300 patterns it
took 10 ms for a 200-character comment and 2 s for 5,000 emoji (it tries every pattern at every
token and evaluates set membership in Python for each), against a budget of 3 ms and 15 ms.
"""

import re
from dataclasses import dataclass

# How many filler words may stand between two words of a term.
FILLERS = 2


@dataclass(frozen=True)
class Step:
    test: object  # callable(words, index) -> bool
    least: int = 1
    most: int = 1
    own: bool = True  # a word of the term itself, not a gap or a filler


@dataclass
class Words:
    """What the patterns test, per word of a text: folded lemma and form, punctuation, numbers."""

    lemmas: list
    norms: list
    punct: list
    numbers: list

    def __post_init__(self):
        self.size = len(self.lemmas)

    def __len__(self):
        return self.size


class lemma_in:  # noqa: N801 (a test, named as the other tests are)
    """A word whose lemma is one of `lemmas`."""

    def __init__(self, lemmas):
        self.lemmas = frozenset(lemmas)

    def __call__(self, words, i):
        return words.lemmas[i] in self.lemmas


def norm_in(norms):
    norms = frozenset(norms)
    return lambda words, i: words.norms[i] in norms


def norm_matches(expression):
    pattern = re.compile(expression)
    return lambda words, i: pattern.search(words.norms[i]) is not None


def is_number(words, i):
    return words.numbers[i]


def not_punctuation(words, i):
    return not words.punct[i]


@dataclass
class Pattern:
    key: object  # what a match of it stands for (matching.py)
    steps: tuple

    fillers: frozenset = frozenset()  # lemmas that may stand between two of its words

    def __post_init__(self):
        # The lemmas of which a text must have one for each required word: checked before trying.
        self.required = tuple(
            step.test.lemmas for step in self.steps if step.least and isinstance(step.test, lemma_in)
        )
        # Most terms are words in a row, fillers allowed between them: matched by a plain loop.
        self.tests = tuple(step.test for step in self.steps if step.own)
        self.simple = all(
            (step.own and step.least == step.most == 1) or (not step.own and step.most == FILLERS)
            for step in self.steps
        )

    def viable(self, present):
        """Whether a text with the lemmas `present` has a word for each of this pattern's words."""
        return not any(present.isdisjoint(lemmas) for lemmas in self.required)

    def match(self, words, start):
        """`(end, own word positions)` of the shortest match starting at `start`, or None."""
        if not self.simple:
            return _match(self.steps, 0, words, start, ())
        position, own, lemmas = start, [], words.lemmas
        for index, test in enumerate(self.tests):
            if index:
                skipped = 0
                while position < words.size and skipped < FILLERS and lemmas[position] in self.fillers:
                    if test(words, position):
                        break
                    position += 1
                    skipped += 1
            if position >= words.size or not test(words, position):
                return None
            own.append(position)
            position += 1
        return position, tuple(own)


def _match(steps, index, words, position, own):
    if index == len(steps):
        return position, own
    step = steps[index]
    count = 0
    while True:
        if count >= step.least:
            taken = tuple(range(position, position + count)) if step.own else ()
            if found := _match(steps, index + 1, words, position + count, own + taken):
                return found
        if count == step.most:
            return None
        at = position + count
        if at >= words.size or not step.test(words, at):
            return None
        count += 1


class PatternIndex:
    """Patterns, each indexed by what can start it."""

    def __init__(self):
        self.by_lemma = {}
        self.by_norm = {}
        self.anywhere = []

    def add(self, pattern, *, lemmas=(), norms=()):
        for lemma in lemmas:
            self.by_lemma.setdefault(lemma, []).append(pattern)
        for norm in norms:
            self.by_norm.setdefault(norm, []).append(pattern)
        if not lemmas and not norms:
            self.anywhere.append(pattern)

    def find(self, words):
        """`(pattern, start, end, own positions)` of every match: the shortest at each start."""
        present = set(words.lemmas)
        viable = {}  # pattern id -> whether the text has a word for each of its required words
        anywhere = [pattern for pattern in self.anywhere if pattern.viable(present)]
        found = []
        for start in range(words.size):
            for group in (
                self.by_lemma.get(words.lemmas[start], ()),
                self.by_norm.get(words.norms[start], ()),
            ):
                for pattern in group:
                    key = id(pattern)
                    if key not in viable:
                        viable[key] = pattern.viable(present)
                    if viable[key] and (match := pattern.match(words, start)) and match[0] > start:
                        found.append((pattern, start, *match))
            for pattern in anywhere:
                if (match := pattern.match(words, start)) and match[0] > start:
                    found.append((pattern, start, *match))
        return found
