"""
Finding the lexicon's terms in a read text: one spaCy Matcher per language holds every concept's
terms and figurative uses and every context trigger, compiled from the lexicon's term syntax
(lexicon.py) into token patterns on the tokens' folded lemmas.

Besides plain terms, a concept may have
- `anchored` terms: words with everyday senses ("swollen", "numb", "fall") that count only in a
  clause about a body ("my ankle is swollen", not "the river is swollen"): one with a body part,
  a person or a word of the `anchor` set;
- `together` groups: a finding told in two parts of one sentence ("I've lost 10 kg over two months
  without trying"): one term of each group in the same sentence.
"""

import re
from dataclasses import dataclass
from functools import cache

from spacy.matcher import Matcher

from .lexicon import GAP, PLACEHOLDER, lexicon
from .reading import reader

# Up to four words of the same clause, for "..." in a term.
GAP_TOKENS = {"IS_PUNCT": False, "IS_SPACE": False, "OP": "{0,4}"}
# The sets whose words make a sentence about a body, for anchored terms.
ANCHOR_SETS = ("part", "person", "anchor")


@dataclass(frozen=True)
class Found:
    """A term found: `kind` is concept, figurative, trigger, pseudo or termination."""

    kind: str
    key: str  # the concept id, or the trigger's category, direction and scope
    start: int
    end: int
    core: frozenset = frozenset()  # the tokens the term's own words matched (not gaps or fillers)


class TermMatcher:
    def __init__(self, language):
        self.reader = reader(language)
        self.lexicon = lex = lexicon(language)
        self.matcher = Matcher(self.reader.nlp.vocab)
        self.patterns_by_id = {}
        self.fillers = sorted({lemma for word in lex.fillers for lemma in self._lemmas(word)})
        self.anchors = frozenset(
            lemmas[0]
            for name in ANCHOR_SETS
            for word in lex.sets.get(name, ())
            if len(lemmas := self._lemmas(word)) == 1
        )
        for concept, terms in lex.terms.items():
            self._add("concept", concept, terms)
        for concept, terms in lex.anchored.items():
            self._add("anchored", concept, terms)
        for concept, groups in lex.together.items():
            for index, terms in enumerate(groups):
                self._add("part", f"{concept}:{index}", terms)
        for concept, terms in lex.figurative.items():
            self._add("figurative", concept, terms)
        for trigger in lex.triggers:
            self._add("trigger", f"{trigger.category}:{trigger.direction}:{trigger.scope}", trigger.terms)
        self._add("pseudo", "pseudo", lex.pseudo)
        self._add("termination", "termination", lex.termination)

    def find(self, doc, extra=()):
        """
        Every term found in `doc`, anchored terms and groups resolved to concepts. `extra`: more
        anchored words, `(key, lemmas)` each (an article's own words, article.py).
        """
        found = []
        for match_id, start, end, alignment in self.matcher(doc, with_alignments=True):
            kind, key, literal = self.patterns_by_id[match_id]
            core = frozenset(start + offset for offset, index in enumerate(alignment) if index in literal)
            found.append(Found(kind, key, start, end, core))
        found += [
            Found("anchored", key, token.i, token.i + 1, frozenset({token.i}))
            for key, lemmas in extra
            for token in doc
            if token.lemma_ in lemmas
        ]
        sentence_of = _sentence_starts(doc)
        clause_of = _clause_starts(doc, [item.start for item in found if item.kind == "termination"])
        anchors = [token.i for token in doc if token.lemma_ in self.anchors]
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
                found.append(Found("concept", concept, start, end, frozenset().union(*(i.core for i in items))))
        return found

    def _add(self, kind, key, terms):
        for number, term in enumerate(terms):
            for variant, (pattern, literal) in enumerate(self._patterns(term)):
                match_id = self.reader.nlp.vocab.strings.add(f"{kind}:{key}:{number}:{variant}")
                self.patterns_by_id[match_id] = (kind, key, literal)
                self.matcher.add(f"{kind}:{key}:{number}:{variant}", [pattern])

    def _patterns(self, term):
        """
        A term as spaCy token patterns, one per spelling of its multi-token alternatives, each with
        the positions of the term's own words in it.
        """
        patterns = [([], frozenset())]
        for word in term.split():
            if word == GAP:
                options, literal = [[dict(GAP_TOKENS)]], False
            else:
                optional = word.endswith("?") and len(word) > 1
                options, literal = self._options(word.rstrip("?") if optional else word), True
                if optional:
                    options = [[{**token, "OP": "?"} for token in option] for option in options]
            extended = []
            for pattern, positions in patterns:
                for option in options:
                    head = [*pattern, *self._between(pattern)]
                    own = range(len(head), len(head) + len(option)) if literal else ()
                    extended.append(([*head, *option], positions | frozenset(own)))
            patterns = extended
        return patterns

    def _between(self, pattern):
        if not pattern or not self.fillers:
            return []
        return [{"LEMMA": {"IN": self.fillers}, "OP": "{0,2}"}]

    def _options(self, word):
        """The token sequences one word of a term may be: "can't" is two tokens, as the text's are."""
        if word == "{number}":
            return [[{"LIKE_NUM": True}]]
        if placeholder := PLACEHOLDER.match(word):
            name = placeholder.group(1)
            if name in self.lexicon.regexes:
                return [[{"NORM": {"REGEX": self.lexicon.regexes[name]}}]]
            alternatives = self.lexicon.sets[name]
        else:
            alternatives = word.split("|")
        if word.startswith("*"):
            return [[{"NORM": {"REGEX": f"^\\w+{re.escape(word[1:])}$"}}]]
        if all(alternative.startswith("=") for alternative in alternatives):
            return [[{"NORM": {"IN": [alternative[1:] for alternative in alternatives]}}]]
        spelt = {tuple(self._lemmas(alternative)) for alternative in alternatives}
        single = sorted(lemmas[0] for lemmas in spelt if len(lemmas) == 1)
        options = [[self._token([lemma]) for lemma in lemmas] for lemmas in sorted(spelt) if len(lemmas) > 1]
        return ([[self._token(single)]] if single else []) + options

    @staticmethod
    def _token(lemmas):
        if len(lemmas) == 1 and not lemmas[0].isalnum():
            return {"ORTH": lemmas[0]}
        return {"LEMMA": lemmas[0]} if len(lemmas) == 1 else {"LEMMA": {"IN": lemmas}}

    def _lemmas(self, word):
        return [self.reader.lemma(token.norm_) for token in self.reader.nlp.tokenizer(word.casefold())]


def _clause_starts(doc, terminations):
    """The start of each token's clause: its sentence, cut at termination terms ("but")."""
    cuts = set(terminations)
    starts, start = [], 0
    for token in doc:
        if token.is_sent_start or token.i in cuts:
            start = token.i
        starts.append(start)
    return starts


def _sentence_starts(doc):
    starts = []
    for sentence in doc.sents:
        starts.extend([sentence.start] * len(sentence))
    return starts


@cache
def term_matcher(language):
    return TermMatcher(language)
