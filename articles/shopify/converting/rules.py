"""
The wordings the importer reads, kept as data: which heading makes which structured block, and
how an item's wording chooses a cause's kind, a contraindication's severity or a warning's
urgency. English and French, as clinic posts are written; matched lower-cased, anywhere in the
text ("contraindicat" finds "Contraindications" and "contraindicated"). To teach the importer a
new heading, add its wording to a rule's keywords.
"""

from dataclasses import dataclass

from articles.blocks import CauseKind, Severity, Urgency


@dataclass(frozen=True)
class Rule:
    block_type: str
    keywords: tuple
    # Whether a sub-heading (h3, h4, a bold line) with this wording starts a section of its own,
    # as "When to see a doctor" does; "How massage helps" sub-headings are benefits, not sections.
    splits: bool = True


SECTION_RULES = (
    Rule(
        "contraindications",
        (
            "not be appropriate",
            "not appropriate",
            "contraindicat",
            "contre-indicat",
            "contre indicat",
            "when to avoid",
            "who should avoid",
            "who should not",
            "should you avoid",
            "not recommended",
            "precaution",
            "précaution",
            "is it safe",
            "safe for everyone",
            "safety considerations",
            "à éviter",
            "qui devrait éviter",
        ),
    ),
    Rule(
        "warning",
        (
            "see a doctor",
            "see your doctor",
            "when to seek",
            "red flag",
            "seek medical",
            "when to call",
            "consultez un médecin",
            "consulter un médecin",
            "quand consulter",
            "signes d'alerte",
        ),
    ),
    Rule("care_plan", ("management plan", "care plan", "combin", "alongside", "plan de soins")),
    Rule(
        "techniques", ("types of massage", "technique", "kinds of massage", "modalities", "types de massage")
    ),
    Rule("causes", ("cause", "why does", "risk factor", "facteurs de risque", "pourquoi")),
    Rule("benefits", ("helps", "benefit", "how massage", "bienfait", "avantage"), splits=False),
)

# A paragraph (outside a list) saying one of these becomes a `warning` block.
WARNING_PHRASES = (
    "see a doctor",
    "see your doctor",
    "medical evaluation",
    "seek medical",
    "medical attention",
    "consult a doctor",
    "consult your doctor",
    "call 911",
    "consultez un médecin",
    "consulter un médecin",
    "appelez le 911",
)

# Wording to a choice: the first row with a keyword in the text wins, else the default.
CAUSE_KINDS = (
    (
        CauseKind.BIOMECHANICAL,
        ("imbalance", "posture", "mechanics", "alignment", "gait", "footwear", "chaussure"),
    ),
    (CauseKind.DEGENERATIVE, ("arthritis", "degenerat", "wear and tear", "arthrose", "dégénér", "usure")),
    (
        CauseKind.INJURY,
        ("injur", "strain", "sprain", "tear", "trauma", "sport", "overuse", "blessure", "entorse"),
    ),
    (CauseKind.MUSCULAR, ("muscle", "muscular", "tension", "tight", "knot", "muscul")),
)
# The most serious first; wording that says none of these gets the safest severity, avoid.
SEVERITIES = (
    (
        Severity.AVOID,
        (
            "fracture",
            "acute",
            "swelling",
            "redness",
            "fever",
            "infection",
            "clot",
            "thromb",
            "gonflement",
            "enflure",
            "rougeur",
            "fièvre",
            "caillot",
        ),
    ),
    (
        Severity.CLEARANCE,
        (
            "clearance",
            "surgery",
            "pregnan",
            "cancer",
            "heart",
            "medication",
            "chirurgi",
            "enceinte",
            "grossesse",
            "cœur",
            "coeur",
            "médicament",
        ),
    ),
    (
        Severity.MODIFY,
        ("flare", "sensitiv", "bruis", "varicose", "modif", "gentle", "sensib", "ecchymose", "doux"),
    ),
)
URGENCIES = (
    (Urgency.EMERGENCY, ("911", "emergency", "immediately", "right away", "urgence", "immédiatement")),
    (Urgency.ROUTINE, ("next appointment", "mention it", "let your therapist know", "prochain rendez-vous")),
)


def matching_rule(heading):
    lowered = heading.lower()
    return next((rule for rule in SECTION_RULES if any(word in lowered for word in rule.keywords)), None)


def choose(table, text, default):
    lowered = text.lower()
    return next((choice for choice, words in table if any(word in lowered for word in words)), default)


def says_see_a_doctor(text):
    lowered = text.lower()
    return any(phrase in lowered for phrase in WARNING_PHRASES)
