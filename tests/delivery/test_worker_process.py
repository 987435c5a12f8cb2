"""
Production's arrangement, in real processes: gunicorn queues a comment's webhook event in the
database (SQLite, or PostgreSQL when DATABASE_URL names it) and answers; `manage.py db_worker`, a
process of its own, delivers it.
"""

import json

import pytest

from tests.hardening.live import DEMO_ARTICLE, LiveServer
from tests.moderation.receiver import SECRET, verify

pytestmark = pytest.mark.live


@pytest.fixture
def server(tmp_path, answering_receiver):
    env = {
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "COMMENT_WEBHOOK_URL": answering_receiver.url,
        "COMMENT_WEBHOOK_SECRET": SECRET,
    }
    live = LiveServer(tmp_path, workers=1, env=env)
    try:
        live.start()
        yield live
    finally:
        live.stop()


def queued(server):
    return server.database.fetch(
        "SELECT task_path, status FROM django_tasks_database_dbtaskresult WHERE task_path LIKE %s",
        ["moderation.delivery.tasks.%"],
    )


def test_the_worker_process_delivers_what_the_web_server_queued(server, answering_receiver):
    submission = {"author_name": "Ada", "author_email": "ada@example.org", "body": "Does this help?"}

    status, receipt = server.request("POST", f"/api/v1/articles/{DEMO_ARTICLE}/comments/", submission)

    assert status == 202
    assert ("moderation.delivery.tasks.deliver_webhook_event", "READY") in queued(server)
    assert answering_receiver.received == []

    server.manage("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0")

    [delivery] = answering_receiver.received
    assert verify(delivery)
    event = json.loads(delivery["body"])
    assert (event["type"], event["comment"]["id"]) == ("comment.created", receipt["id"])
    assert {status for _, status in queued(server)} == {"SUCCESSFUL"}
