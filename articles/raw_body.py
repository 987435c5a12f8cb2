"""
What an article's body says, read from its raw JSON (as the database holds it): the techniques it
recommends and how many words it has. No block is converted and nothing is queried.

ArticlePage.save() stores both on the page, so that listings never read a body; the migration
that added those columns filled them with the same functions.
"""

import re

# An HTML tag, dropped to count the words of rich text: a tenth of the cost of Django's
# strip_tags (an HTML parser), for the same count.
TAG = re.compile(r"<[^>]*>")


def technique_ids(raw_stream):
    """Ids of the techniques a body's raw JSON recommends, in order, without repeats."""
    ids = []
    for block in raw_stream:
        if block["type"] != "techniques":
            continue
        for item in list_items(block["value"].get("items", [])):
            pk = item.get("technique")
            if pk is not None and pk not in ids:
                ids.append(pk)
    return ids


def word_count(raw_stream):
    """The words of every text a body's raw JSON holds, rich text without its tags."""
    return sum(len(TAG.sub("", text).split()) for text in stream_texts(raw_stream))


def list_items(raw_list):
    """A ListBlock's raw items: `{"type": "item", "value": ..., "id": ...}` or (older) bare values."""
    return [
        item["value"] if isinstance(item, dict) and item.get("type") == "item" and "value" in item else item
        for item in raw_list
    ]


def stream_texts(raw):
    """Every text a body's raw JSON holds, skipping block types and ids."""
    if isinstance(raw, str):
        yield raw
    elif isinstance(raw, list):
        for item in raw:
            yield from stream_texts(item)
    elif isinstance(raw, dict):
        for key, value in raw.items():
            if key not in ("type", "id"):
                yield from stream_texts(value)
