"""
The content version: what every stored public response is keyed on.

One row in the database, so every process (each gunicorn worker, the admin, a management
command, another machine) reads the same value from the same place, whatever the cache is. A
change readers can see moves it forward in the change's own transaction (invalidation.py): the
new version commits with the new content, and once the change has committed no process finds a
response stored under the old one. Nothing waits on another process, nothing leaves the
database inside the transaction.
"""

import time
from functools import cache
from typing import NamedTuple

from django.db import InterfaceError, OperationalError, connections, router, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest

from .. import internals
from ..models import ContentVersion

ROW = 1


class Version(NamedTuple):
    value: int
    changed_at: int  # Unix seconds: the public content's Last-Modified


def current():
    """
    The version now (0 on a database whose row was flushed: the first change recreates it).
    Every public read asks, so the query is written out: the ORM would spend longer building it
    than the database takes to answer.

    When it is the request's first query on a connection kept from an earlier request, it also
    stands for Django's health check (CONN_HEALTH_CHECKS), which would otherwise cost a round trip
    of its own on every public read: the connection is checked by using it, and if it was lost (a
    database restart) it is closed and the query runs on a new one, as the health check would.
    """
    alias = router.db_for_read(ContentVersion)
    connection = connections[alias]
    if not internals.health_check_pending(connection):
        return read(connection, alias)
    internals.mark_health_checked(connection)
    try:
        return read(connection, alias)
    except (InterfaceError, OperationalError):
        connection.close()
        return read(connection, alias)


def read(connection, alias):
    with connection.cursor() as cursor:
        cursor.execute(current_sql(alias), [ROW])
        row = cursor.fetchone()
    return Version(*row) if row else Version(0, 0)


@cache
def current_sql(alias):
    table = connections[alias].ops.quote_name(ContentVersion._meta.db_table)
    return f"SELECT value, changed_at FROM {table} WHERE id = %s"  # noqa: S608


def bump(using=None):
    """
    Move the version forward, in the current transaction, so it commits or rolls back with the
    change. `changed_at` moves once per transaction (a publish saves the page, its tags and its
    conditions, each telling us), at least a second past the last change: Last-Modified has a
    resolution of a second, and a client's If-Modified-Since must never match a later change.
    """
    using = using or router.db_for_write(ContentVersion)
    moved = {"value": F("value") + 1}
    if not moved_in_this_transaction(using):
        moved["changed_at"] = Greatest(F("changed_at") + 1, Value(int(time.time())))
    versions = ContentVersion.objects.using(using).filter(pk=ROW)
    if not versions.update(**moved):
        ContentVersion.objects.using(using).bulk_create([ContentVersion(pk=ROW)], ignore_conflicts=True)
        versions.update(value=F("value") + 1, changed_at=int(time.time()))


def moved_in_this_transaction(using):
    """
    Whether the current transaction has moved `changed_at` already; marks it as moved if not.
    The mark is an on-commit callback, so a rollback (of the transaction, or of the savepoint
    the bump was made in) takes it away with the bump itself.
    """
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        return False
    if internals.on_commit_pending(connection, _moved):
        return True
    transaction.on_commit(_moved, using=connection.alias)
    return False


def _moved():
    """The mark of a transaction that moved `changed_at` (see moved_in_this_transaction)."""
