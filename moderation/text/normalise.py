"""
What a reader's text becomes before anything checks or stores it, and the one folded form that
checks compare.

`normalise_text`: Unicode NFC, so that the same words always compare (and count) the same; line
endings unified; control characters and NUL bytes removed (PostgreSQL refuses NUL, and no reader
types a control character on purpose); the bidirectional embedding, override and isolate
controls removed, which could otherwise make `\u202egnp.exe` read as ".exe.png" wherever the
text is shown; surrounding whitespace trimmed. Lengths are checked after this.

`fold`: what the blocklist and spam checks match on, so that fullwidth letters, a zero-width
space or a soft hyphen inside a word, or upper case in any script do not walk around them.
"""

import unicodedata

LINE_BREAKS = {"\r\n": "\n", "\r": "\n"}
# LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI: they reorder the text after them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Unicode's Default_Ignorable_Code_Point beyond the format characters (category Cf): rendered as
# nothing, so a word split by one still reads as the word.
IGNORABLE_RANGES = (
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFFA0, 0xFFA0),
    (0xE0000, 0xE0FFF),
)


def normalise_text(value, *, multiline):
    """`value` cleaned; a multi-line text keeps its line breaks and tabs, a single line none."""
    value = unicodedata.normalize("NFC", value)
    for old, new in LINE_BREAKS.items():
        value = value.replace(old, new)
    kept = "\n\t" if multiline else ""
    if not multiline:
        value = value.replace("\n", " ").replace("\t", " ")
    return "".join(
        char
        for char in value
        if char in kept or (unicodedata.category(char) != "Cc" and char not in BIDI_CONTROLS)
    ).strip()


def email_key(email):
    """
    The one form an email address is matched in, in every database: trimmed and case-folded by
    Python (SQLite's own case-insensitive comparison folds ASCII letters only, so `ÉXAMPLE`
    would not find `éxample`).
    """
    return email.strip().casefold()


def is_ip_literal_address(email):
    """Whether an address is at an IP literal (`a@[127.0.0.1]`): valid, but not one we may email."""
    return email.rpartition("@")[2].startswith("[")


def has_visible_character(value):
    """Whether anything in `value` shows: a letter, digit, punctuation mark or symbol."""
    return any(unicodedata.category(char)[0] in "LNPS" for char in value)


def is_ignorable(char):
    code = ord(char)
    return unicodedata.category(char) == "Cf" or any(low <= code <= high for low, high in IGNORABLE_RANGES)


def fold(value):
    """`value` as checks compare it: NFKC, without ignorable code points, case-folded."""
    value = unicodedata.normalize("NFKC", value)
    if not value.isascii():  # no ASCII character is ignorable
        value = value.translate(dict.fromkeys(ord(char) for char in set(value) if is_ignorable(char)))
    return value.casefold()
