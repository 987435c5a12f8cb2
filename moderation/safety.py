"""
Clinical-safety triage: whether a reader's comment needs a careful answer from a person.

Comments on health articles carry a risk that spam checks ignore: a reader describing a red flag
("my knee is hot and swollen since the fall") or asking for personal advice ("should I book?").
Each submission is read for

- the words of the article's own contraindications and warnings (its body says which symptoms
  matter for this treatment),
- RED_FLAGS: symptoms that call for a doctor whatever the article,
- PERSONAL_ADVICE: a reader asking what they, in particular, should do,

comparing word forms, not exact words (safety_terms.py). What is found is stored on the comment
as `safety_signals`, each `{"name", "matched", "detail"}`: the kind of signal, the reader's words
that raised it and why it matters. A flagged comment waits for a person even when its author is
trusted, and sorts first in the queue (moderation/services.py, selectors.py).

Safety is not spam: these signals carry no score and never send a comment to `spam`.
"""

from dataclasses import dataclass

from articles.blocks import Severity, Urgency
from articles.raw_body import list_items

from .safety_terms import Phrase, Text, key_stems


@dataclass(frozen=True)
class RedFlag:
    """A symptom that calls for medical advice, under each wording readers use for it."""

    label: str
    phrases: tuple
    detail: str

    def __post_init__(self):
        object.__setattr__(self, "phrases", tuple(Phrase(text) for text in self.phrases))


# The maintained list of red flags. Phrases match by stems, so "numbness" covers "numb" only if
# both stem alike: list each wording that does not.
RED_FLAGS = (
    RedFlag(
        "numbness or tingling",
        ("numbness", "tingling", "pins and needles", "lost feeling", "loss of feeling"),
        "Nerve symptoms: a doctor should rule out nerve compression before massage.",
    ),
    RedFlag(
        "bladder or bowel control",
        ("loss of bladder control", "bladder control", "bowel control", "incontinence", "incontinent"),
        "Can mean nerve compression (cauda equina syndrome): an emergency.",
    ),
    RedFlag(
        "chest pain or breathlessness",
        ("chest pain", "chest tightness", "tight chest", "short of breath", "shortness of breath"),
        "Can be a heart or lung emergency.",
    ),
    RedFlag(
        "a fall or an accident",
        ("after a fall", "since a fall", "i fell", "car accident", "was hit"),
        "An injury: a fracture or a torn ligament must be ruled out first.",
    ),
    RedFlag(
        "hot and swollen",
        ("hot and swollen", "swollen and hot", "red and swollen", "swollen and red", "hot and red"),
        "Signs of an infection, a clot or acute inflammation: massage may spread or worsen it.",
    ),
    RedFlag(
        "fever",
        ("fever", "feverish", "chills", "night sweats"),
        "Can mean an infection: no massage until a doctor has seen it.",
    ),
    RedFlag(
        "recent surgery",
        ("recent surgery", "surgery recently", "just had surgery", "knee replacement", "operation"),
        "Massage after surgery needs the surgeon's clearance.",
    ),
    RedFlag(
        "fracture",
        ("fracture", "broken bone", "cannot bear weight", "cannot put weight", "unable to walk"),
        "A suspected fracture is a contraindication to massage.",
    ),
    RedFlag(
        "blood clot",
        ("blood clot", "clot", "deep vein thrombosis", "dvt", "calf pain", "blood thinners"),
        "A clot can travel to the lungs if massaged: a doctor first.",
    ),
    RedFlag(
        "sudden or severe pain",
        ("sudden pain", "severe pain", "unbearable pain", "getting worse", "worse every day"),
        "Sudden, severe or worsening pain needs a medical evaluation.",
    ),
    RedFlag(
        "pregnancy",
        ("pregnant", "pregnancy"),
        "Positioning and pressure points need a therapist's care in pregnancy.",
    ),
    RedFlag(
        "cancer",
        ("cancer", "tumour", "tumor", "chemotherapy", "chemo"),
        "Massage during cancer treatment needs the oncology team's advice.",
    ),
)

# How readers ask what they, in particular, should do: the answer is a person's, not a template's.
PERSONAL_ADVICE = tuple(
    Phrase(text)
    for text in (
        "should i",
        "can i",
        "could i",
        "may i",
        "is it safe",
        "is it ok",
        "is it okay",
        "is it alright",
        "safe for me",
        "do i need",
        "would you recommend",
        "do you recommend",
        "what do you suggest",
        "what would you suggest",
        "what can i do",
        "will it help",
        "would it help",
        "would massage help",
    )
)


def signal(name, matched, detail):
    return {"name": name, "matched": matched, "detail": detail}


def collect_signals(*, article, body):
    """Every safety signal `body`, a comment on `article`, raises: article words, red flags, advice."""
    text = Text(body)
    return [*_article_signals(text, article), *_red_flags(text), *_personal_advice(text)]


def is_flagged(signals):
    return bool(signals)


def _red_flags(text):
    for flag in RED_FLAGS:
        matched = [found for phrase in flag.phrases if (found := text.find(phrase))]
        if matched:
            yield signal("red_flag", matched, f"Red flag: {flag.label}. {flag.detail}")


def _personal_advice(text):
    matched = [found for phrase in PERSONAL_ADVICE if (found := text.find(phrase))]
    if matched:
        yield signal("personal_advice", matched, "Asks for personal advice: a person should answer.")


def _article_signals(text, article):
    """
    What the comment shares with the article's contraindications and warnings, item by item. The
    article's title words are not looked for: every comment on "knee pain" says "knee".
    """
    topic = key_stems(article.title)
    for name, wording, label in article_cautions(article):
        matched = text.words_among(key_stems(wording, besides=topic))
        if matched:
            yield signal(name, matched, f"The article's {name} ({label}): “{wording}”")


def article_cautions(article):
    """
    `(kind, wording, label)` of each contraindication and warning of the article's body, read from
    its raw JSON: no block is converted and nothing is queried.
    """
    severities, urgencies = dict(Severity.choices), dict(Urgency.choices)
    for block in article.body.raw_data:
        value = block["value"]
        if block["type"] == "contraindications":
            for item in list_items(value.get("items", [])):
                severity = item.get("severity", "")
                yield "contraindication", item.get("condition", ""), severities.get(severity, severity)
        elif block["type"] == "warning":
            urgency = value.get("urgency", "")
            yield "warning", value.get("text", ""), urgencies.get(urgency, urgency)
