"""Whatever readers paste, the triage answers, without an error, and reads what it can."""

import pytest

from moderation.safety import triage

LONG = 5000


@pytest.mark.parametrize(
    "text",
    [
        "😀🙂🤕💉" * (LONG // 4),
        ("שלום עולם, הברך שלי כואבת " * 200)[:LONG],
        ("مرحبا، ركبتي تؤلمني " * 300)[:LONG],
        ("fеver Мне больно 膝盖疼 سلام knee ❤️ " * 200)[:LONG],
        "\u202e\u200b\u0301" * (LONG // 3),
        "a" * LONG,
        " ".join(["swollen"] * (LONG // 8)),
        "",
    ],
    ids=["emoji", "hebrew", "arabic", "mixed", "controls", "one-word", "repeated-term", "empty"],
)
def test_long_and_odd_texts_are_triaged_without_an_error(text):
    signals = triage(text)

    assert isinstance(signals, list)


def test_a_long_comment_is_read_to_its_end():
    text = "Thanks for the article, I enjoyed the part about stretches. " * 80 + "I am pregnant."

    assert "pregnancy" in {signal["concept"] for signal in triage(text)}
