import pytest

from tests.moderation.conftest import article, moderator, moderator_client, reader  # noqa: F401
from tests.moderation.receiver import serving


@pytest.fixture
def answering_receiver():
    """A webhook receiver that takes every event at once (settings left to the test)."""
    with serving() as server:
        yield server
