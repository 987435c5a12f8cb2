"""Shared by the hardening tests: the moderation fixtures (reader, moderator, article...)."""

from tests.moderation.conftest import (  # noqa: F401
    article,
    editor_client,
    moderator,
    moderator_client,
    reader,
)
