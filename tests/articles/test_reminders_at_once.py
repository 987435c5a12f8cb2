"""
`send_review_reminders` as processes on one database (SQLite or, under DATABASE_URL, PostgreSQL):
two started at once email the reviewer once, and neither fails; one killed while sending leaves
its reminder to a later run.
"""

import subprocess
import sys
import threading
import time

import pytest

from tests.hardening.live import REPOSITORY, LiveServer

pytestmark = pytest.mark.live

# Every demo article due today, reviewed by one reviewer with an email.
MAKE_DUE = """
from django.utils import timezone
from articles.models import ArticlePage
from articles.snippets import Author
reviewer = Author.objects.create(name="Dr Lee", email="lee@clinic.example")
ArticlePage.objects.update(medical_reviewer=reviewer, next_review_due=timezone.localdate())
"""
# The clock moves on past the time a run may take to send (articles/governance/review.py).
AN_HOUR_AND_MORE_LATER = """
from datetime import timedelta
from django.db.models import F
from articles.models import ReviewReminder
ReviewReminder.objects.update(claimed_at=F("claimed_at") - timedelta(hours=2))
"""


@pytest.fixture
def reminders_server(tmp_path):
    """A database with the demo's articles due for one reviewer; mail written to tmp_path/outbox."""
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    env = {"DJANGO_SETTINGS_MODULE": "tests.articles.slow_mail", "EMAIL_FILE_PATH": str(outbox)}
    server = LiveServer(tmp_path, env=env)
    try:
        server.manage("migrate", "--no-input", "-v", "0")
        server.manage("load_demo")
        server.manage("shell", "-c", MAKE_DUE)
        server.outbox = outbox
        yield server
    finally:
        server.database.drop()


def reminders(server):
    return server.database.fetch("SELECT sent_to, sent_at IS NOT NULL FROM articles_reviewreminder")


def test_two_runs_at_once_email_the_reviewer_once(reminders_server):
    server = reminders_server
    outputs, failures = [], []

    def remind():
        try:
            outputs.append(server.manage("send_review_reminders"))
        except RuntimeError as error:
            failures.append(str(error))

    runs = [threading.Thread(target=remind) for _ in range(2)]
    for run in runs:
        run.start()
    for run in runs:
        run.join()

    assert failures == []
    emails = list(server.outbox.iterdir())
    assert len(emails) == 1
    assert "To: lee@clinic.example" in emails[0].read_text()
    assert sorted(outputs) == ["No reminder to send.\n", "Reminded lee@clinic.example of 1 article(s).\n"]
    assert reminders(server) == [("lee@clinic.example", True)]


def test_a_run_killed_while_sending_leaves_its_reminder_to_a_later_run(reminders_server):
    server = reminders_server
    run = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "send_review_reminders"],
        cwd=REPOSITORY,
        env={**server.env, "SENDING_SECONDS": "60"},
    )
    try:
        deadline = time.monotonic() + 60
        while not reminders(server) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        run.kill()
        run.wait()
    # Killed while its mail backend was still sending: the reminder claimed, no email.
    assert reminders(server) == [("lee@clinic.example", False)]
    assert list(server.outbox.iterdir()) == []
    # Within the hour, the claim may still be a run at work: the next run leaves it.
    assert server.manage("send_review_reminders") == "No reminder to send.\n"

    server.manage("shell", "-c", AN_HOUR_AND_MORE_LATER)

    assert server.manage("send_review_reminders") == "Reminded lee@clinic.example of 1 article(s).\n"
    [email] = server.outbox.iterdir()
    assert "To: lee@clinic.example" in email.read_text()
    assert reminders(server) == [("lee@clinic.example", True)]
