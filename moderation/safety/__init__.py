"""
Clinical-safety triage: whether a reader's comment needs a careful answer from a person.

Comments on health articles carry a risk that spam checks ignore: a reader describing a red flag
("my knee is hot and swollen since the fall", "I'm on warfarin") or asking for personal advice
("could massage help my knee?"). The triage reads each comment in stages, each a module here:

1. normalise: folded, invisible characters out, lookalike letters read as Latin;
2. language: English, French or Spanish, or another language no lexicon reads
   (`unreadable_language`: a person must read it);
3. reading: tokens and lemmas, misspellings of lexicon words corrected;
4. matching: each concept's wordings (lexicons/, data a clinician extends without code), the
   article's own contraindications and warnings, and the context triggers;
5. context: negated, historical, hypothetical, someone else's, figurative;
6. decide (here): a signal per concept, with the reader's words and the context decision.

Signals are stored on the comment as `safety_signals`: `{"name", "concept", "label", "matched",
"context", "flagged", "detail"}` each. A signal whose context clears it (a negated finding) is
kept, with `flagged` false, so that moderators see what was read and why it did not count. A
comment with any flagged signal waits for a person even when its author is trusted, and sorts
first in the queue (moderation/services.py, selectors.py). Safety is not spam: these signals carry
no score and never send a comment to `spam`.
"""

from ..conf import moderation_settings
from .decide import collect_signals, flag_reasons, is_flagged, triage
from .language import detector
from .matching import term_matcher

__all__ = ["collect_signals", "flag_reasons", "is_flagged", "triage", "warm_up"]


def warm_up(languages=None):
    """
    Load the triage for `languages` (default: the COMMENT_TRIAGE_WARM_UP setting) now rather than
    on a process's first comment in them, which would wait for it (about a second for English,
    five for French, whose tokenizer has thousands of exceptions). Each is loaded once per process
    either way.
    """
    detector()
    if languages is None:
        languages = moderation_settings.COMMENT_TRIAGE_WARM_UP
    for language in languages:
        term_matcher(language)
