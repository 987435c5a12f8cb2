from tests.moderation.conftest import article, moderator, moderator_client, reader  # noqa: F401
