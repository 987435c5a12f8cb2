"""
The last stage: what the comment's findings mean for moderators, as signals.
"""

from dataclasses import replace

from . import context as ctx
from .article import read_cautions
from .language import detect
from .lexicon import ANY_CONCEPT, CONTEXTS, concepts
from .matching import term_matcher
from .normalise import normalise
from .reading import reader

ADVICE = "personal_advice"
# The key of a finding of an article's own words: "caution:" and the caution's position.
CAUTION = "caution:"
CONTEXT_NOTES = {
    ctx.NEGATED: "Negated by the reader: not flagged.",
    ctx.HISTORICAL: "In the past: not flagged.",
    ctx.HYPOTHETICAL: "Hypothetical: not flagged.",
    ctx.GENERIC: "About people in general, not the reader: not flagged.",
    ctx.FIGURATIVE: "A figure of speech: not flagged.",
    ctx.OTHER_PERSON: "About someone else the reader speaks for.",
    ctx.ACQUAINTANCE: "About an acquaintance the reader does not ask about: not flagged.",
}


def collect_signals(*, article, body):
    """Every safety signal `body`, a comment on `article`, raises (see the package's docstring)."""
    return triage(body, title=article.title, raw_body=article.body.raw_data)


def triage(body, *, title="", raw_body=()):
    """The signals of `body`, a comment on an article of `title` whose body's raw JSON is `raw_body`."""
    normalised = normalise(body)
    if not normalised.letters:
        return []  # emoji, numbers and punctuation alone say nothing the lexicons read
    reading = detect(normalised)
    if not reading.languages:
        return [_unreadable(reading.other)]
    signals = {}
    for language in reading.languages:
        cautions = read_cautions(raw_body, title, language)
        for signal in _signals(normalised.text, cautions, language):
            key = (signal["name"], signal["concept"], signal["context"])
            if key in signals:
                signals[key]["matched"] = list(dict.fromkeys(signals[key]["matched"] + signal["matched"]))
            else:
                signals[key] = signal
    return sorted(signals.values(), key=lambda signal: not signal["flagged"])


def is_flagged(signals):
    """Whether any signal needs a person (a signal stored before `flagged` existed did)."""
    return any(signal.get("flagged", True) for signal in signals)


def flag_reasons(signals):
    """What each signal that needs a person is about, in moderators' words, each once."""
    return list(
        dict.fromkeys(
            signal.get("label") or signal.get("name", "") for signal in signals if signal.get("flagged", True)
        )
    )


def _signals(text, cautions, language):
    doc, findings = _findings(text, cautions, language)
    # A finding about an acquaintance needs a person when the reader asks about it.
    asks = "?" in text or any(f.concept == ADVICE and f.context in ctx.FLAGGING for f in findings)
    concept_spans = [(f.start, f.end) for f in findings if not f.concept.startswith(CAUTION)]
    described = {}  # (concept, context) -> the signal but its words: a long text repeats them
    for finding in findings:
        if finding.context == ctx.ACQUAINTANCE and asks:
            finding = replace(finding, context=ctx.OTHER_PERSON)
        caution = finding.concept.startswith(CAUTION)
        # An article's own word inside a concept's finding is told there already.
        if caution and any(start <= finding.start < end for start, end in concept_spans):
            continue
        key = (finding.concept, finding.context)
        if key not in described:
            describe = _caution_signal if caution else _concept_signal
            described[key] = describe(finding, cautions)
        yield {**described[key], "matched": _words(doc, finding)}


def _findings(text, cautions, language):
    """The comment read in `language`, and its findings, the article's own words included."""
    doc = reader(language).read(text)
    keys = [f"{CAUTION}{index}" for index in range(len(cautions))]
    words = [(key, caution[4]) for key, caution in zip(keys, cautions, strict=True)]
    found = term_matcher(language).find(doc, words)
    # The article's own words meet every concept's figures of speech ("swollen with pride").
    found += [
        replace(item, key=key)
        for item in found
        if item.kind == "figurative" and item.key != ANY_CONCEPT
        for key in keys
    ]
    return doc, ctx.findings(doc, found, contexts=_contexts)


def _contexts(key):
    """The contexts that can clear a finding of `key`: a concept's own, all for an article's word."""
    known = concepts()
    return known[key].contexts if key in known else CONTEXTS


def _caution_signal(finding, cautions):
    kind, wording, label, _, _ = cautions[int(finding.concept.removeprefix(CAUTION))]
    detail = f"The article's {kind} ({label}): “{wording}”"
    return _signal(kind, "article", f"the article's {kind}", finding.context, detail)


def _concept_signal(finding, cautions):
    """A concept's signal; named after the article's caution when one names the concept."""
    concept = concepts()[finding.concept]
    caution = next((caution for caution in cautions if finding.concept in caution[3]), None)
    if caution and finding.context in ctx.FLAGGING:
        kind, wording, label, _, _ = caution
        detail = f"{concept.detail} The article's {kind} ({label}): “{wording}”"
        return _signal(kind, concept.id, concept.label, finding.context, detail)
    return _signal(concept.kind, concept.id, concept.label, finding.context, concept.detail)


def _words(doc, finding):
    span = doc[finding.start : finding.end]
    corrections = doc.user_data["corrections"]
    read_as = [
        f"{doc[i].text} (read as “{corrections[i]}”)" for i in range(span.start, span.end) if i in corrections
    ]
    return [span.text, *read_as]


def _signal(name, concept, label, context, detail, matched=()):
    flagged = context in ctx.FLAGGING
    if context != ctx.AFFIRMED:
        detail = f"{detail} {CONTEXT_NOTES[context]}"
    return {
        "name": name,
        "concept": concept,
        "label": label,
        "matched": list(matched),
        "context": context,
        "flagged": flagged,
        "detail": detail,
    }


def _unreadable(language):
    return _signal(
        "unreadable_language",
        "unreadable_language",
        "a language the triage does not read",
        ctx.AFFIRMED,
        f"Written in {language}: the triage reads English, French and Spanish, so a person must read it.",
        matched=[language],
    )
