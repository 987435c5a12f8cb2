"""
How a delivery (an email, a webhook event, an Akismet report) leaves: through an outbox.

`enqueue()` is the one way in. With the database backend (the default), the task is a row written
in the transaction of the change that caused it: committed with it, rolled back with it, and still
there for `manage.py db_worker` if a process dies just after the commit. Backends that keep no
queue (the immediate one of the tests) are handed the task once the transaction commits.

Every task in moderation/delivery/tasks.py is retried: one that raises is put back in the queue,
the same row with the same arguments (so a webhook event keeps its id for the receiver to
de-duplicate), after a delay that grows with each attempt (DELIVERY_RETRY_DELAYS). After the last
one it stays failed, and the moderators' dashboard counts it (`backlog()`).
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from ..conf import moderation_settings

logger = logging.getLogger(__name__)

TASKS_MODULE = f"{__package__}.tasks"


class DeliveryFailed(Exception):
    """Raised by a delivery task whose receiver did not take it: the attempt is retried later."""


def enqueue(task, *args):
    """Queue `task(*args)` with the surrounding transaction: it runs only if that commits."""
    if queues_in_database(task):
        task.enqueue(*args)
    else:
        transaction.on_commit(partial(task.enqueue, *args), robust=True)


def queues_in_database(task):
    return isinstance(task.get_backend(), DatabaseBackend)


def is_delivery(task):
    return task.func.__module__ == TASKS_MODULE


def retry_delay(attempts):
    """Seconds before the next attempt after `attempts` failed ones; None: no attempt left."""
    delays = moderation_settings.DELIVERY_RETRY_DELAYS
    return delays[attempts - 1] if attempts <= len(delays) else None


def retry_failed_delivery(sender, task_result, **kwargs):
    """
    A failed delivery goes back in the queue for a later attempt, its last error kept on the row.

    Connected to django-tasks' `task_finished` signal, which the worker sends once it recorded the
    failure. Only a queue kept in the database can try again later.
    """
    if task_result.status != TaskResultStatus.FAILED or not is_delivery(task_result.task):
        return
    if not queues_in_database(task_result.task):
        return
    delay = retry_delay(task_result.attempts)
    if delay is None:
        logger.error(
            "Delivery %s (%s) failed %d times: given up",
            task_result.id,
            task_result.task.name,
            task_result.attempts,
        )
        return
    run_after = timezone.now() + timedelta(seconds=delay)
    DBTaskResult.objects.filter(pk=task_result.id, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=run_after, finished_at=None
    )
    logger.warning(
        "Delivery %s (%s) failed (attempt %d), retried after %s",
        task_result.id,
        task_result.task.name,
        task_result.attempts,
        run_after.isoformat(),
    )


def connect():
    task_finished.connect(retry_failed_delivery, dispatch_uid="moderation-delivery-retry")


@dataclass(frozen=True)
class Backlog:
    """Deliveries not made yet: those waiting for another attempt, those given up on."""

    retrying: int
    failed: int


def requeue(stuck_after):
    """
    Failed deliveries, and those left running longer than `stuck_after` (a timedelta: their worker
    died), back in the queue for one attempt more, now; how many of each.
    """
    deliveries = DBTaskResult.objects.filter(task_path__startswith=f"{TASKS_MODULE}.")
    now = timezone.now()
    again = {"status": TaskResultStatus.READY, "run_after": now, "finished_at": None}
    failed = deliveries.failed().update(**again)
    stuck = deliveries.running().filter(started_at__lt=now - stuck_after).update(**again)
    return failed, stuck


def backlog():
    """One query: a READY row with a traceback failed before and waits for its next attempt."""
    waiting = Q(status=TaskResultStatus.READY) & ~Q(traceback="")
    counts = DBTaskResult.objects.filter(task_path__startswith=f"{TASKS_MODULE}.").aggregate(
        retrying=Count("pk", filter=waiting),
        failed=Count("pk", filter=Q(status=TaskResultStatus.FAILED)),
    )
    return Backlog(**counts)
