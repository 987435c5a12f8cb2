import socket
import threading

import pytest
from django.test import override_settings

from tests.moderation.conftest import article, moderator, moderator_client, reader  # noqa: F401

from .akismet_server import FakeAkismet


@pytest.fixture
def closed_port():
    """A local port nothing listens on: a Redis or Akismet that is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def fake_akismet():
    """A fake Akismet on a free local port, and the settings that point at it."""
    server = FakeAkismet()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    with override_settings(AKISMET_API_KEY="test-key", AKISMET_ENDPOINT=server.endpoint, AKISMET_TIMEOUT=1):
        yield server
    server.shutdown()
    server.server_close()
