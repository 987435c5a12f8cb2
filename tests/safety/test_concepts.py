"""
The concepts as readers word them. These are not the evaluation set: that one measures
(test_evaluation.py); these pin one behaviour each, so that a lexicon change that breaks it says
which.
"""

import pytest

from moderation.safety import triage

from .helpers import flagged

RED_FLAGS = [
    ("I'm on warfarin for my heart", "blood_clot"),
    ("started Eliquis last month", "blood_clot"),
    ("I finish chemo in March", "cancer"),
    ("halfway through radiotherapy", "cancer"),
    ("can't put any weight on it since I went over on it", "fracture"),
    ("there's a crushing pressure in my chest when I climb stairs", "chest_breathing"),
    ("I've lost 10 kg without trying", "weight_loss"),
    ("my knee keeps giving way since the skiing accident", "joint_instability"),
    ("I get dizzy and nearly fainted twice this week", "headache_dizziness"),
    ("there's an open wound on my shin that won't heal", "wound_infection"),
    ("I have osteoporosis, is deep tissue ok?", "osteoporosis"),
    ("type 2 diabetes and my feet are numb", "diabetes_numb_feet"),
    ("my knee blew up like a balloon overnight", "hot_swollen"),
    ("I'm 20 weeks pregnant", "pregnancy"),
    ("twenty pounds gone since spring and I am eating the same as ever", "weight_loss"),  # a number in words
    ("my temp was 38.9 last night", "fever"),
    ("pins and needles down my leg every morning", "numbness"),
    ("I can't control my bladder since my back went", "bladder_bowel"),
    ("the pain is getting worse every day and wakes me at night", "severe_pain"),
    ("had my knee replaced three weeks ago", "recent_surgery"),
    ("my mum fell yesterday and her hip hurts", "fall_injury"),
    ("j'ai de la fièvre depuis hier", "fever"),
    ("estoy embarazada de siete meses", "pregnancy"),
    ("je prends des anticoagulants", "blood_clot"),
    ("I have a fеver", "fever"),  # a Cyrillic "е"
]


@pytest.mark.parametrize(("text", "concept"), RED_FLAGS)
def test_a_red_flag_is_flagged_with_its_concept(text, concept):
    signals = triage(text)

    assert concept in {signal["concept"] for signal in signals if signal["flagged"]}


ADVICE = [
    "Could massage help my knee?",
    "Asking before I book: is massage safe with a bad back?",
    "If I have arthritis can I still come?",
    "What would you recommend for me?",
    "¿Me puede ayudar el masaje con la rodilla?",
    "Est-ce que le massage pourrait m'aider pour mon genou ?",
]


@pytest.mark.parametrize("text", ADVICE)
def test_a_request_for_personal_advice_is_flagged(text):
    assert "personal_advice" in {signal["concept"] for signal in triage(text) if signal["flagged"]}


HARMLESS = [
    "Hot stone massage sounds lovely.",
    "This article was a hit with my running group.",
    "I fell in love with this clinic.",
    "Reading this gave me chills, so well written.",
    "No pain, no numbness, just curious.",
    "Broke my personal record at the 10k thanks to the stretches!",
    "I have a fever for gardening this spring.",
    "My late grandfather had cancer; he would have loved this place.",
    "The surgery next door has parking, handy.",
    "Can I book online or do I need to call?",
    "Broke my ankle ten years ago, fully healed now.",
    "Red is my favourite colour and the room was warm and cosy.",
    "Severe weather warning today, stay safe everyone!",
    "Merci pour cet article, très clair.",
    "¡Excelente artículo, muchas gracias!",
]


@pytest.mark.parametrize("text", HARMLESS)
def test_a_harmless_comment_is_not_flagged(text):
    assert not flagged(text)


def test_everyday_words_of_the_articles_cautions_flag_nothing_alone():
    # The demo article lists "swelling, redness, or heat" and "recent surgery" among its
    # contraindications and "sudden, severe, or worsening" pain in a warning.
    for text in (
        "It was so hot in the waiting room",
        "a severe case of the Mondays",
        "red socks",
        "warm towels",
    ):
        assert not flagged(text), text
