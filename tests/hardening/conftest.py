"""Shared by the hardening tests: the moderation fixtures (reader, moderator, article...), a live server."""

import pytest

from tests.moderation.conftest import (  # noqa: F401
    article,
    editor_client,
    moderator,
    moderator_client,
    reader,
)

from .live import LiveServer


@pytest.fixture(scope="session")
def gunicorn_server(tmp_path_factory):
    """One live server for the session's live tests; its database is dropped at the end."""
    server = LiveServer(tmp_path_factory.mktemp("live"))
    try:
        server.start()
        yield server
    finally:
        server.stop()
