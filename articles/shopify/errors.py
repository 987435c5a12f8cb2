"""Errors described for the person running the import."""

from django.core.exceptions import ValidationError


class ImportProblem(Exception):
    """An article that cannot be imported; the message names the field and says why."""


def describe(error, field=""):
    """
    An error as a person can act on it. A block's error names the field it is about, as the
    admin shows it on the form: "body: block 3 (benefits) items 1 explanation: This field is
    required", never Wagtail's bare "Validation error in StreamBlock".
    """
    if hasattr(error, "as_json_data"):
        return "; ".join(
            f"{path}: {message}".lstrip(": ") for path, message in flatten(error.as_json_data(), field)
        )
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
        return "; ".join(error.messages)
    return str(error) or error.__class__.__name__


def flatten(data, path):
    """(path, message) of each message in a block error's JSON (`as_json_data`)."""
    for message in data.get("messages", []):
        yield path, message
    for key, child in data.get("blockErrors", {}).items():
        name = f"item {key + 1}" if isinstance(key, int) else key
        yield from flatten(child, f"{path} {name}".strip())
