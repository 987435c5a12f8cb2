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
_has_digit = re.compile(r"\d").search


@dataclass(frozen=True)
class Step:
    test: object  # callable(words, index) -> bool
    least: int = 1
    most: int = 1
    own: bool = True  # a word of the term itself, not a gap or a filler
    numeric: bool = False  # only a number passes: "two", "38.5", "10/10", "2016", "'90s"


@dataclass
class Words:
    """
    What the patterns test, per word of a text: folded lemma and form, punctuation, numbers; and
    the text's sentences, `(start, end)` each.
    """

    lemmas: list
    norms: list
    punct: list
    numbers: list
    sentences: list

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
        # A simple pattern's second word stands within FILLERS words of its first: a text whose
        # next words have none of its lemmas is not tried (most patterns start with "can", "be"...).
        second = self.tests[1] if self.simple and len(self.tests) > 1 else None
        self.second = second.lemmas if isinstance(second, lemma_in) else None
        self.single = self.simple and len(self.tests) == 1
        # Most simple patterns test lemmas only: matched on the lemmas' sets, without a call a word.
        self.lemma_sets = (
            tuple(test.lemmas for test in self.tests)
            if self.simple and all(isinstance(test, lemma_in) for test in self.tests)
            else None
        )

    def _match_lemmas(self, lemmas, size, start):
        position, own, fillers = start + 1, [start], self.fillers
        for wanted in self.lemma_sets[1:]:
            skipped = 0
            while position < size and lemmas[position] not in wanted:
                if skipped == FILLERS or lemmas[position] not in fillers:
                    return None
                position += 1
                skipped += 1
            if position >= size:
                return None
            own.append(position)
            position += 1
        return position, tuple(own)

    def viable(self, present):
        """Whether a text with the lemmas `present` has a word for each of this pattern's words."""
        return not any(map(present.isdisjoint, self.required))

    def match(self, words, start):
        """`(end, own word positions)` of the shortest match starting at `start`, or None."""
        if not self.simple:
            return _match(self.steps, 0, words, start, ())
        if self.lemma_sets is not None:
            return self._match_lemmas(words.lemmas, words.size, start)
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
    """
    Patterns, each indexed by what can start it and, for a simple pattern whose second word is a
    lemma, by that lemma too: a word as common as "can" starts a hundred patterns, of which a
    text's next words leave a few to try.
    """

    def __init__(self):
        self.by_lemma = {}  # first lemma -> ([patterns], {second lemma: [patterns]})
        self.by_norm = {}
        self.anywhere = []
        self.numeric = []  # patterns whose first word is a number

    def add(self, pattern, *, lemmas=(), norms=()):
        for index, keys in ((self.by_lemma, lemmas), (self.by_norm, norms)):
            for key in keys:
                others, by_second = index.setdefault(key, ([], {}))
                if pattern.second is None:
                    others.append(pattern)
                else:
                    for second in pattern.second:
                        by_second.setdefault(second, []).append(pattern)
        if not lemmas and not norms:
            first = pattern.steps[0]
            (self.numeric if first.numeric and first.least else self.anywhere).append(pattern)

    def find(self, words):
        """
        `(pattern, start, end, own positions)` of every match: the shortest at each start. A match
        never spans two sentences (`(start, end)` each), so a pattern is only tried in a sentence
        that has a word for each of its required words.
        """
        found = []
        lemmas, norms = words.lemmas, words.norms
        for first, last in words.sentences:
            present = set(lemmas[first:last])
            viable = {}  # pattern id -> whether this sentence has a word for each of its words
            anywhere = [pattern for pattern in self.anywhere if pattern.viable(present)]
            numeric = [pattern for pattern in self.numeric if pattern.viable(present)]
            for start in range(first, last):
                following = None
                for entry in (self.by_lemma.get(lemmas[start]), self.by_norm.get(norms[start])):
                    if entry is None:
                        continue
                    tried, by_second = entry
                    if by_second:
                        # The second word stands within FILLERS words of the first, in the sentence.
                        reach = min(last, start + 2 + FILLERS)
                        following = following or dict.fromkeys(lemmas[start + 1 : reach])
                        tried = [*tried, *(p for lemma in following for p in by_second.get(lemma, ()))]
                    for pattern in tried:
                        if pattern.single:  # its one word is the one it is indexed by
                            found.append((pattern, start, start + 1, (start,)))
                            continue
                        if not pattern.simple:
                            key = id(pattern)
                            if key not in viable:
                                viable[key] = pattern.viable(present)
                            if not viable[key]:
                                continue
                        if (match := pattern.match(words, start)) and match[0] > start:
                            found.append((pattern, start, *match))
                digit = numeric and (words.numbers[start] or _has_digit(norms[start]))
                for pattern in (*anywhere, *numeric) if digit else anywhere:
                    if (match := pattern.match(words, start)) and match[0] > start:
                        found.append((pattern, start, *match))
        return found
