"""Build the POST data the Wagtail page editor sends, for articles with a structured body."""

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield


def list_block(items):
    """Form data of a ListBlock: like a stream, without block types."""
    data = {
        str(index): {"value": item, "deleted": "", "order": str(index)} for index, item in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def paragraph(html):
    return ("paragraph", rich_text(html))


def techniques(*technique_ids):
    items = [{"technique": str(pk), "application": ""} for pk in technique_ids]
    return ("techniques", {"heading": "Techniques", "intro": "", "items": list_block(items)})


def contraindications(condition="A suspected fracture", severity="avoid"):
    items = [{"condition": condition, "severity": severity, "guidance": ""}]
    return (
        "contraindications",
        {"heading": "When to avoid massage", "intro": "", "items": list_block(items)},
    )


def article_form_data(*, body, action=None, **fields):
    """The editor's POST for an article; `action` is "publish" for the Publish button, else a draft."""
    data = {
        "title": "Massage for knee pain",
        "slug": "massage-for-knee-pain",
        "summary": "How massage therapy can support relief and mobility.",
        "comments_enabled": "on",
        **fields,
        "body": streamfield(body),
    }
    data = nested_form_data(data)
    if action:
        data[f"action-{action}"] = action
    return data
