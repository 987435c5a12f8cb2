"""
What a submission looks like to a spam filter, recorded on the comment for moderators to read.

Each signal is `{"name", "score", "detail"}`: what was observed and how much it adds to the
comment's spam score. Signals only inform moderators here; nothing is filtered automatically.
"""

import re

LINK_RE = re.compile(r"(?:\bhttps?://|\bwww\.)\S+", re.IGNORECASE)
# One link in a comment is ordinary (a reader citing a source); each further link adds a point.
FREE_LINKS = 1


def collect_signals(*, body):
    """The signals a comment's text raises, in a stable order."""
    signals = []
    links = len(LINK_RE.findall(body))
    if links:
        signals.append(
            {
                "name": "links",
                "score": float(max(0, links - FREE_LINKS)),
                "detail": f"{links} link{'s' if links > 1 else ''} in the body",
            }
        )
    return signals


def total_score(signals):
    return sum(signal["score"] for signal in signals)
