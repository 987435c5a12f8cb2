"""
Context, as clinical NLP's ConText algorithm (Harkema et al., 2009) decides it: whether a finding
is negated ("no fever"), historical ("broke it ten years ago, fully healed"), hypothetical ("what
if someone has a clot?"), about someone else ("my mum fell"), or meant figuratively ("fell in
love").

Each trigger reaches forward, backward or both, at most `scope` tokens, never past the end of its
sentence or a termination term ("but", "however"); a pseudo-trigger ("not sure if", "no doubt")
holds a trigger's words without being one. medspaCy's ConText was measured and not used: 220 ms
for a 5,000-character comment (it compares every modifier with every target), against a budget
of 15 ms; this is the same algorithm over the matches the matcher has already found.
"""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from .lexicon import ANY_CONCEPT

# The decisions in order of precedence: the first that applies is the finding's context.
FIGURATIVE, NEGATED, HISTORICAL, HYPOTHETICAL, GENERIC, ACQUAINTANCE, OTHER_PERSON, AFFIRMED = (
    "figurative",
    "negated",
    "historical",
    "hypothetical",
    "generic",  # about people in general or the article, not the reader
    "acquaintance",  # someone the reader knows but does not care for: a friend, a neighbour
    "other_person",  # someone the reader speaks for: their mother, their child
    "affirmed",
)
PRECEDENCE = (FIGURATIVE, NEGATED, HISTORICAL, HYPOTHETICAL, GENERIC, OTHER_PERSON, ACQUAINTANCE, AFFIRMED)
# No trigger reaches further than this many words from a match: a scope (at most
# lexicon.LONGEST_SCOPE) and the trigger's own words.
WIDEST_SCOPE = 40
# What still needs a person: a finding affirmed, or affirmed of someone the reader speaks for; one
# of an acquaintance only when the reader asks about it (decide.py).
FLAGGING = frozenset({AFFIRMED, OTHER_PERSON})


@dataclass(frozen=True)
class Finding:
    concept: str
    start: int
    end: int
    context: str


def findings(doc, found, *, contexts):
    """
    Each concept match in `found` (matching.Found) with its context in `doc`; `contexts(concept)`
    says which contexts can apply to a concept.
    """
    concepts = _merged([item for item in found if item.kind == "concept"])
    figurative = [item for item in found if item.kind == "figurative"]
    pseudo = [item for item in found if item.kind == "pseudo"]
    triggers = sorted(
        (item for item in found if item.kind == "trigger" and not _inside_any(item, pseudo)),
        key=lambda item: item.start,
    )
    starts = [trigger.start for trigger in triggers]
    ends = sorted(_clause_ends(doc, [item for item in found if item.kind == "termination"]))
    results = []
    for match in concepts:
        if any(item.key in (match.key, ANY_CONCEPT) and _figure_of(item, match) for item in figurative):
            context = FIGURATIVE
        else:
            # Only triggers within the widest scope of the match can reach it.
            near = triggers[
                bisect_left(starts, match.start - WIDEST_SCOPE) : bisect_right(
                    starts, match.end + WIDEST_SCOPE
                )
            ]
            context = _context(match, near, ends, contexts(match.key))
        results.append(Finding(match.key, match.start, match.end, context))
    return results


def _context(match, triggers, ends, applicable):
    """
    The context the triggers give `match`. A trigger that starts among the term's own words is part
    of the term ("can't feel my foot" is no negation, nor "came off the bike"); one in a gap of it
    counts ("knee used to lock"), and so does one that leads up to it ("when I was pregnant").
    """
    categories = {
        trigger.key.split(":")[0]
        for trigger in triggers
        if not _part_of(trigger, match) and _reaches(trigger, match, ends)
    }
    categories &= set(applicable)
    return next(category for category in PRECEDENCE if category in categories or category == AFFIRMED)


def _part_of(trigger, match):
    own = set(range(trigger.start, trigger.end)) & match.core
    return bool(own) and trigger.start >= match.start


def _reaches(trigger, match, ends):
    """Whether `trigger` (its key "category:direction:scope") reaches `match` within its scope."""
    if _overlaps(trigger, match):
        return True
    _, direction, scope = trigger.key.split(":")
    scope = int(scope)
    if trigger.end <= match.start and direction in ("forward", "both"):
        return match.start - trigger.end <= scope and not _boundary_between(trigger.end, match.start, ends)
    if trigger.start >= match.end and direction in ("backward", "both"):
        return trigger.start - match.end <= scope and not _boundary_between(match.end, trigger.start, ends)
    return False


def _boundary_between(start, end, ends):
    """Whether a clause ends between positions `start` and `end` (`ends` sorted)."""
    index = bisect_left(ends, start)
    return index < len(ends) and ends[index] <= end


def _clause_ends(doc, terminations):
    """Token positions where a trigger's reach stops: sentence starts and termination terms."""
    return {start for start, _ in doc.user_data["words"].sentences if start} | {
        item.start for item in terminations
    }


def _merged(matches):
    """One match per place and concept: where a concept's terms overlap, their union."""
    merged = []
    for match in sorted(matches, key=lambda item: (item.key, item.start)):
        last = merged[-1] if merged else None
        if last and last.key == match.key and match.start < last.end:
            merged[-1] = replace(last, end=max(last.end, match.end), core=last.core | match.core)
        else:
            merged.append(match)
    return sorted(merged, key=lambda item: item.start)


def _figure_of(figure, match):
    """Whether a figure of speech holds one of the match's own words ("fell" in "fell in love")."""
    return any(figure.start <= token < figure.end for token in match.core or range(match.start, match.end))


def _overlaps(one, other):
    return one.start < other.end and other.start < one.end


def _inside_any(item, spans):
    return any(span.start <= item.start and item.end <= span.end for span in spans)
