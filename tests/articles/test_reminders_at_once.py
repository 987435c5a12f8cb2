"""
Two `send_review_reminders` started at once, as two processes on one database (SQLite or, under
DATABASE_URL, PostgreSQL): the reviewer gets one email, and neither run fails.
"""

import threading

import pytest

from tests.hardening.live import LiveServer

pytestmark = pytest.mark.live

# Every demo article due today, reviewed by one reviewer with an email.
MAKE_DUE = """
from django.utils import timezone
from articles.models import ArticlePage
from articles.snippets import Author
reviewer = Author.objects.create(name="Dr Lee", email="lee@clinic.example")
ArticlePage.objects.update(medical_reviewer=reviewer, next_review_due=timezone.localdate())
"""


def test_two_runs_at_once_email_the_reviewer_once(tmp_path):
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    env = {"DJANGO_SETTINGS_MODULE": "tests.articles.slow_mail", "EMAIL_FILE_PATH": str(outbox)}
    server = LiveServer(tmp_path, env=env)
    try:
        server.manage("migrate", "--no-input", "-v", "0")
        server.manage("load_demo")
        server.manage("shell", "-c", MAKE_DUE)
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
        reminders = server.database.fetch("SELECT sent_to FROM articles_reviewreminder")
    finally:
        server.database.drop()

    assert failures == []
    emails = list(outbox.iterdir())
    assert len(emails) == 1
    assert "To: lee@clinic.example" in emails[0].read_text()
    assert sorted(outputs) == ["No reminder to send.\n", "Reminded lee@clinic.example of 1 article(s).\n"]
    assert {address for (address,) in reminders} == {"lee@clinic.example"}
