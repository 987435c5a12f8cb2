"""
What a reader's text becomes before anything checks or stores it.

Unicode NFC, so that the same words always compare (and count) the same; line endings unified;
control characters and NUL bytes removed (PostgreSQL refuses NUL, and no reader types a control
character on purpose); surrounding whitespace trimmed. Lengths are checked after this.
"""

import unicodedata

LINE_BREAKS = {"\r\n": "\n", "\r": "\n"}


def normalise_text(value, *, multiline):
    """`value` cleaned; a multi-line text keeps its line breaks and tabs, a single line none."""
    value = unicodedata.normalize("NFC", value)
    for old, new in LINE_BREAKS.items():
        value = value.replace(old, new)
    kept = "\n\t" if multiline else ""
    if not multiline:
        value = value.replace("\n", " ").replace("\t", " ")
    return "".join(char for char in value if char in kept or unicodedata.category(char) != "Cc").strip()
