"""
The lexicons: what the triage looks for, kept as data a clinician can extend without code.

`lexicons/concepts.toml` names each concept (one per red flag, and personal advice) with what a
moderator is told about it; `lexicons/<language>.toml` holds, for one language, each concept's
wordings (`terms`) and figurative uses (`figurative`), the context triggers (negation, history,
hypothesis, someone else, termination) and the word sets that terms refer to (`{part}`).

A term is words in order, compared by lemma, so "swollen" also finds "swelling" where the
language's lemma table links them. Between two words of a term the language's `fillers` ("my",
"the", "really") may stand. Within a term:
- `a|b` is either word;
- `word?` may be absent;
- `...` stands for up to three words of the same clause (no punctuation between);
- `{set}` is any word of the language's set of that name (`{part}`: a body part);
- `{number}` is any number; `{name}` of the language's `[regexes]`, a word that matches it
  (`{year}`: 1990 or 2016);
- `=word` is that very form, not its lemma ("=help me" is a request, "helped me" is not);
- `*ending` is any word with that ending ("fever for *ing": "a fever for gardening").
"""

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

LEXICONS = Path(__file__).parent / "lexicons"
LANGUAGES = ("en", "fr", "es")
CONTEXTS = ("negated", "historical", "hypothetical", "generic", "acquaintance", "other_person")
GAP = "..."
# The key of figures of speech that hold for every concept ("gave me chest pains", of a game).
ANY_CONCEPT = "*"
# The farthest a context trigger may reach, in words (context.py looks no farther).
LONGEST_SCOPE = 20
PLACEHOLDER = re.compile(r"^\{(\w+)\}$")


@dataclass(frozen=True)
class Concept:
    id: str
    kind: str  # red_flag, personal_advice
    label: str
    detail: str
    # The contexts that can clear it (context.py); a request for advice is not hypothetical
    # because it says "if" ("if I have a clot, can I come?"), only if it is about people in general.
    contexts: tuple = CONTEXTS


@dataclass(frozen=True)
class Trigger:
    category: str
    terms: tuple
    direction: str  # forward (the trigger comes first), backward, both
    scope: int  # how many tokens it reaches


@dataclass
class Lexicon:
    language: str
    fillers: frozenset
    everyday: frozenset
    sets: dict
    terms: dict  # concept id -> terms
    anchored: dict  # concept id -> terms that count only in a sentence about a body (matching.py)
    together: dict  # concept id -> groups of terms, one of each in a sentence (matching.py)
    figurative: dict  # concept id -> terms; ANY_CONCEPT -> figures of speech for every concept
    regexes: dict  # placeholder name -> regular expression a word must match
    lemma_overrides: dict  # form -> lemma, where the lemma table gets a word wrong
    triggers: list = field(default_factory=list)
    pseudo: tuple = ()
    termination: tuple = ()

    def words(self):
        """Every single word the lexicon's terms spell, for the spelling stage to correct towards."""
        words = set()
        groups = [group for groups in self.together.values() for group in groups]
        for terms in (*self.terms.values(), *self.anchored.values(), *groups, *self.figurative.values()):
            for term in terms:
                words.update(term_words(term, self.sets))
        return words


@cache
def concepts():
    data = _load("concepts")
    return {
        key: Concept(id=key, **{**value, "contexts": tuple(value.get("contexts", CONTEXTS))})
        for key, value in data.items()
    }


@cache
def lexicon(language):
    data = _load(language)
    context = data.get("context", {})
    scopes = {category: context.get(category, {}).get("scope", 8) for category in CONTEXTS}
    if too_far := {category for category, scope in scopes.items() if scope > LONGEST_SCOPE}:
        raise ValueError(f"lexicons/{language}.toml: scope over {LONGEST_SCOPE} for {sorted(too_far)}")
    triggers = [
        Trigger(category, tuple(terms), direction, scopes[category])
        for category in CONTEXTS
        for direction in ("forward", "backward", "both")
        if (terms := context.get(category, {}).get(direction))
    ]
    known = concepts()
    unknown = set(data.get("concepts", {})) - set(known)
    if unknown:
        raise ValueError(f"lexicons/{language}.toml names concepts not in concepts.toml: {sorted(unknown)}")
    return Lexicon(
        language=language,
        fillers=frozenset(data.get("fillers", ())),
        everyday=frozenset(data.get("everyday", ())),
        sets={name: tuple(words) for name, words in data.get("sets", {}).items()},
        terms=_by_concept(data, "terms"),
        anchored=_by_concept(data, "anchored"),
        together={
            key: value["together"] for key, value in data.get("concepts", {}).items() if "together" in value
        },
        figurative={**_by_concept(data, "figurative"), ANY_CONCEPT: tuple(data.get("figures", ()))},
        regexes=data.get("regexes", {}),
        lemma_overrides=data.get("lemmas", {}),
        triggers=triggers,
        pseudo=tuple(context.get("pseudo", {}).get("terms", ())),
        termination=tuple(context.get("termination", {}).get("terms", ())),
    )


def term_words(term, sets):
    """The plain words of a term, its alternatives and the words of the sets it names."""
    for word in term.split():
        word = word.rstrip("?")
        if word == GAP or word.startswith("*"):
            continue
        if placeholder := PLACEHOLDER.match(word):
            yield from sets.get(placeholder.group(1), ())
        else:
            yield from (alternative.lstrip("=") for alternative in word.split("|"))


def _by_concept(data, field_name):
    return {key: tuple(value.get(field_name, ())) for key, value in data.get("concepts", {}).items()}


def _load(name):
    with open(LEXICONS / f"{name}.toml", "rb") as file:
        return tomllib.load(file)
