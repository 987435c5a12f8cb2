"""
Production's arrangement, in real processes: gunicorn queues a comment's webhook event in the
database (SQLite, or PostgreSQL when DATABASE_URL names it) and answers; `manage.py db_worker`, a
process of its own, delivers it.
"""

import json
import threading

import pytest

from tests.hardening.live import DEMO_ARTICLE, LiveServer
from tests.moderation.receiver import SECRET, Receiver, verify

pytestmark = pytest.mark.live


@pytest.fixture
def receiver():
    server = Receiver()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def server(tmp_path, receiver):
    env = {
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "COMMENT_WEBHOOK_URL": receiver.url,
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


def test_the_worker_process_delivers_what_the_web_server_queued(server, receiver):
    submission = {"author_name": "Ada", "author_email": "ada@example.org", "body": "Does this help?"}

    status, receipt = server.request("POST", f"/api/v1/articles/{DEMO_ARTICLE}/comments/", submission)

    assert status == 202
    assert ("moderation.delivery.tasks.deliver_webhook_event", "READY") in queued(server)
    assert receiver.received == []

    server.manage("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0")

    [delivery] = receiver.received
    assert verify(delivery)
    event = json.loads(delivery["body"])
    assert (event["type"], event["comment"]["id"]) == ("comment.created", receipt["id"])
    assert {status for _, status in queued(server)} == {"SUCCESSFUL"}
