"""
Claims tied to their evidence.

Each benefit of a "How it helps" block is a claim. It names the evidence blocks of the same article
that support it by their citation keys: the first author's surname and the year, as authors cite
("perlman2006"), with b, c... after the first when one article cites two such studies. Keys are
derived, never typed twice, so an edited citation keeps its key while its author and year stand.

The body's validation refuses a key no evidence block has (ArticleBodyBlock.clean); the API gives
each claim its `citations` and each evidence block its `key`; the JSON-LD carries the claims as
page parts citing the studies; the "Uncited claims" report lists the claims that cite nothing.
"""

import re
import unicodedata

from ..raw_body import list_items

CLAIM_BLOCKS = {"benefits"}
KEY_SEPARATORS = re.compile(r"[\s,;]+")


def base_key(authors, year):
    """ "perlman2006" for "Perlman AI, Sabina A" in 2006: letters of the first author's surname."""
    first_author = (authors or "").split(",")[0].strip()
    surname = first_author.split()[0] if first_author else ""
    ascii_name = unicodedata.normalize("NFKD", surname).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", ascii_name.lower()) + (str(year) if year else "")


def evidence_keys(evidence):
    """`{key: block id}` of `[(block id, evidence value)]` in body order; repeats get b, c..."""
    keys, seen = {}, {}
    for block_id, value in evidence:
        key = base_key(value.get("authors"), value.get("year"))
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key += chr(ord("a") + seen[key] - 1)
        keys[key] = block_id
    return keys


def cited_keys(text):
    """The keys a claim's `evidence` field names, in order, without repeats."""
    keys = [key.lower() for key in KEY_SEPARATORS.split(text or "") if key]
    return list(dict.fromkeys(keys))


def claims_of(block_type, value):
    """The claims (benefit items) of one block's value, python or raw."""
    if block_type not in CLAIM_BLOCKS or not isinstance(value, dict):
        return []
    return list_items(value.get("items") or [])


def body_keys(blocks):
    """`{key: block id}` of the evidence blocks among `[(type, id, value)]`."""
    return evidence_keys(
        (block_id, value) for block_type, block_id, value in blocks if block_type == "evidence"
    )


def stream_blocks(stream_value):
    return [(child.block_type, child.id, child.value) for child in stream_value]


def raw_blocks(raw_stream):
    return [(block["type"], block.get("id"), block.get("value")) for block in raw_stream]


def unknown_citations(stream_value):
    """`{block index: [(claim title, [unknown keys])]}` of claims naming a key no evidence block has."""
    blocks = stream_blocks(stream_value)
    keys = body_keys(blocks)
    found = {}
    for index, (block_type, _id, value) in enumerate(blocks):
        for claim in claims_of(block_type, value):
            unknown = [key for key in cited_keys(claim.get("evidence")) if key not in keys]
            if unknown:
                found.setdefault(index, []).append((claim.get("title", ""), unknown))
    return found, sorted(keys)


def uncited_claims(raw_stream):
    """Titles of the claims of a raw body that cite no evidence block of it."""
    blocks = raw_blocks(raw_stream)
    keys = body_keys(blocks)
    return [
        claim.get("title", "")
        for block_type, _id, value in blocks
        for claim in claims_of(block_type, value)
        if not any(key in keys for key in cited_keys(claim.get("evidence")))
    ]


def annotate_api_body(representation):
    """
    The API body with each evidence block's `key` and, in place of a claim's `evidence` text, its
    `citations`: `[{"key", "evidence_id"}]`, the evidence blocks it names that exist, in its order.
    """
    blocks = [(entry["type"], entry["id"], entry["value"]) for entry in representation]
    keys = body_keys(blocks)
    key_of = {block_id: key for key, block_id in keys.items()}
    for entry in representation:
        if entry["type"] == "evidence":
            entry["value"]["key"] = key_of.get(entry["id"], "")
        for claim in claims_of(entry["type"], entry["value"]):
            named = cited_keys(claim.pop("evidence", ""))
            claim["citations"] = [{"key": key, "evidence_id": keys[key]} for key in named if key in keys]
    return representation
