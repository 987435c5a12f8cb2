"""
Deliveries leave through the database queue and its worker: a request never waits for a mail
server or a webhook receiver, even one that accepts and never answers; the worker sends what the
request queued, tries again later (the same event, the same id) when a receiver fails, gives up
after the last retry, and the moderators' dashboard counts what is late.

These tests run the database backend (the default outside tests) and django-tasks-db's worker in
this process (`manage.py db_worker --batch`): transactional, so the queued rows are committed as
in production.
"""

import json
import time
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from moderation.delivery import outbox, tasks
from moderation.models import Comment
from tests.moderation.factories import CommentFactory, ModeratorFactory
from tests.moderation.helpers import bulk_url, comments_url
from tests.moderation.receiver import SECRET

from .servers import Silent, SMTPServer

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SMTP = "django.core.mail.backends.smtp.EmailBackend"
# Seconds a hung server holds whoever waits for it; a request must answer well before.
HUNG_TIMEOUT = 3
EMAIL_TO_ONE_MODERATOR = "moderation.delivery.tasks.email_moderator_about_comment"
SUBMISSION = {"author_name": "Ada", "author_email": "ada@private.example", "body": "Lovely article"}


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = DATABASE_QUEUE
    settings.COMMENT_MIN_SUBMIT_SECONDS = 0
    settings.COMMENT_THROTTLE_RATE = None
    settings.COMMENT_THROTTLE_DAILY_RATE = None


@pytest.fixture
def silent():
    server = Silent()
    yield server
    server.close()


@pytest.fixture
def smtp():
    server = SMTPServer()
    yield server
    server.close()


def run_worker():
    """django-tasks-db's worker, as `manage.py db_worker --batch`: every due task, then exit."""
    call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0)


def timed(call):
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def later():
    """The clock moves past every retry's delay."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now() - timedelta(seconds=1))


def deliveries(status=None):
    rows = DBTaskResult.objects.filter(task_path__startswith="moderation.delivery.tasks.")
    return rows.filter(status=status) if status else rows


def dashboard_figure(client, moderator, name):
    client.force_login(moderator)
    page = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    figure = page.select_one(f'[data-figure="{name}"]')
    return figure and figure.get_text()


def submit(client, article):
    return client.post(comments_url(article.slug), SUBMISSION, format="json")


def test_a_hung_mail_server_holds_no_submission_and_the_worker_sends_the_email_later(
    reader, article, silent, smtp, settings, client
):
    moderator = ModeratorFactory(email="mia@shop.example")
    settings.EMAIL_BACKEND = SMTP
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", silent.port, HUNG_TIMEOUT
    assert submit(reader, article).status_code == 202  # the first one loads the triage's tables

    response, seconds = timed(lambda: reader.post(comments_url(article.slug), SUBMISSION | {"body": "Hi"}))

    assert response.status_code == 202
    assert seconds < HUNG_TIMEOUT / 2
    assert silent.connections == []
    # Each comment's email to the moderators; nothing to the reader, whose comment is not approved.
    assert deliveries("READY").count() == 2

    settings.EMAIL_TIMEOUT = 0.5
    run_worker()

    emails = deliveries().filter(task_path=EMAIL_TO_ONE_MODERATOR)
    assert emails.filter(status="READY").count() == 2 and emails.filter(status="SUCCESSFUL").count() == 0
    assert all("TimeoutError" in row.traceback or "timed out" in row.traceback for row in emails)
    assert outbox.backlog() == outbox.Backlog(retrying=2, failed=0)
    assert dashboard_figure(client, moderator, "deliveries-retrying") == (
        "2 outgoing emails or events failed and will be tried again"
    )

    settings.EMAIL_PORT = smtp.port
    later()
    run_worker()

    assert emails.filter(status="SUCCESSFUL").count() == 2
    sent_to = sorted(address for message in smtp.messages for address in message["to"])
    assert sent_to == ["mia@shop.example", "mia@shop.example"]
    assert outbox.backlog() == outbox.Backlog(retrying=0, failed=0)


def test_an_address_the_mail_server_refuses_is_retried_alone_and_no_moderator_is_emailed_twice(
    reader, article, smtp, settings
):
    for address in ("ana@shop.example", "ben@shop.example", "cy@shop.example"):
        ModeratorFactory(email=address)
    settings.EMAIL_BACKEND = SMTP
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
    smtp.refused = {"ben@shop.example"}
    assert submit(reader, article).status_code == 202

    run_worker()

    def sent_to():
        return sorted(address for message in smtp.messages for address in message["to"])

    assert sent_to() == ["ana@shop.example", "cy@shop.example"]
    assert outbox.backlog() == outbox.Backlog(retrying=1, failed=0)

    smtp.refused = set()
    later()
    run_worker()

    assert sent_to() == ["ana@shop.example", "ben@shop.example", "cy@shop.example"]
    assert outbox.backlog() == outbox.Backlog(retrying=0, failed=0)


def test_a_hung_webhook_receiver_holds_no_bulk_moderation_and_every_event_arrives_later(
    moderator_client, silent, answering_receiver, settings
):
    comments = CommentFactory.create_batch(25)
    settings.COMMENT_WEBHOOK_URL, settings.COMMENT_WEBHOOK_SECRET = silent.url, SECRET
    settings.COMMENT_WEBHOOK_TIMEOUT = HUNG_TIMEOUT
    request = {"action": "approve", "ids": [comment.pk for comment in comments]}

    response, seconds = timed(lambda: moderator_client.post(bulk_url(), request, format="json"))

    assert response.status_code == 200
    assert {item["outcome"] for item in response.json()["results"]} == {"applied"}
    assert seconds < HUNG_TIMEOUT / 2
    assert Comment.objects.filter(status="approved").count() == 25
    queued = {row.args_kwargs["args"][0]["id"] for row in deliveries("READY")}
    assert len(queued) == 25

    settings.COMMENT_WEBHOOK_TIMEOUT = 0.2
    run_worker()

    assert deliveries("READY").count() == 25 and deliveries("SUCCESSFUL").count() == 0
    assert outbox.backlog().retrying == 25

    settings.COMMENT_WEBHOOK_URL = answering_receiver.url
    later()
    run_worker()

    assert deliveries("SUCCESSFUL").count() == 25
    delivered = [json.loads(delivery["body"]) for delivery in answering_receiver.received]
    assert {event["id"] for event in delivered} == queued
    assert {event["comment"]["status"] for event in delivered} == {"approved"}
    assert {d["headers"]["X-Comment-Delivery"] for d in answering_receiver.received} == queued


def test_a_rolled_back_change_queues_nothing(moderator_client, answering_receiver, settings):
    settings.COMMENT_WEBHOOK_URL, settings.COMMENT_WEBHOOK_SECRET = answering_receiver.url, SECRET
    comment = CommentFactory()

    response = moderator_client.post(bulk_url(), {"action": "approve", "ids": [comment.pk]}, format="json")

    assert response.status_code == 200 and deliveries().count() == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        moderator_client.post(bulk_url(), {"action": "reject", "ids": [comment.pk]}, format="json")
        raise RuntimeError("the change fails after the event was queued")
    assert deliveries().count() == 1


def test_a_delivery_that_keeps_failing_is_given_up_after_the_last_retry_and_counted(
    moderator, client, silent, settings
):
    settings.COMMENT_WEBHOOK_URL, settings.COMMENT_WEBHOOK_SECRET = silent.url, SECRET
    settings.COMMENT_WEBHOOK_TIMEOUT = 0.2
    settings.DELIVERY_RETRY_DELAYS = [60, 600]
    CommentFactory(status="approved")
    outbox.enqueue(tasks.deliver_webhook_event, {"id": "e1", "type": "comment.created"})

    run_worker()
    retry = deliveries().get()
    assert retry.status == "READY" and retry.run_after > timezone.now() + timedelta(seconds=50)
    later()
    run_worker()
    assert deliveries().get().run_after > timezone.now() + timedelta(seconds=500)
    later()
    run_worker()

    given_up = deliveries().get()
    assert (given_up.status, len(given_up.worker_ids)) == ("FAILED", 3)
    assert given_up.exception_class_path == "moderation.delivery.outbox.DeliveryFailed"
    assert outbox.backlog() == outbox.Backlog(retrying=0, failed=1)
    assert dashboard_figure(client, moderator, "deliveries-failed") == (
        "1 outgoing email or event could not be sent after every retry"
    )
    assert dashboard_figure(client, moderator, "deliveries-retrying") is None


def test_retry_deliveries_queues_the_given_up_and_those_a_dead_worker_left_running(
    answering_receiver, settings, capsys
):
    settings.COMMENT_WEBHOOK_URL, settings.COMMENT_WEBHOOK_SECRET = answering_receiver.url, SECRET
    for event_id in ("given-up", "left-running", "running-now"):
        outbox.enqueue(tasks.deliver_webhook_event, {"id": event_id, "type": "comment.created"})
    event = deliveries().filter
    event(args_kwargs__args__0__id="given-up").update(status="FAILED")
    an_hour_ago = timezone.now() - timedelta(hours=1)
    event(args_kwargs__args__0__id="left-running").update(status="RUNNING", started_at=an_hour_ago)
    event(args_kwargs__args__0__id="running-now").update(status="RUNNING", started_at=timezone.now())

    call_command("retry_deliveries")
    run_worker()

    assert capsys.readouterr().out == "Queued again: 1 failed delivery(ies), 1 left running by a worker.\n"
    received = [json.loads(delivery["body"])["id"] for delivery in answering_receiver.received]
    assert sorted(received) == ["given-up", "left-running"]
    assert deliveries("RUNNING").get().args_kwargs["args"][0]["id"] == "running-now"
