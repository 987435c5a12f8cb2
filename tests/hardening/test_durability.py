"""
Against a real server (two gunicorn workers, a real database): 50 readers submitting at once,
every comment acknowledged with 202 already committed and stored exactly once; and the
workers' kept connections lost to a database restart, replaced without an error.
"""

import secrets
from concurrent.futures import ThreadPoolExecutor

import pytest

from .live import DEMO_ARTICLE, SqliteDatabase

pytestmark = pytest.mark.live

READERS = 50


def test_fifty_parallel_submissions_are_each_stored_exactly_once(gunicorn_server):
    run = secrets.token_hex(6)
    path = f"/api/v1/articles/{DEMO_ARTICLE}/comments/"

    def submit(n):
        status, receipt = gunicorn_server.request(
            "POST",
            path,
            {
                "author_name": f"Reader {n}",
                "author_email": f"reader{n}.{run}@example.org",
                "body": f"Comment {n} of run {run}: does this help a runner's knee?",
            },
        )
        # Read back at once, from another connection: the row must be committed already.
        committed = gunicorn_server.database.fetch(
            "SELECT count(*) FROM moderation_comment WHERE id = %s", [receipt["id"]]
        )[0][0]
        return status, receipt["id"], committed

    with ThreadPoolExecutor(max_workers=READERS) as pool:
        results = list(pool.map(submit, range(READERS)))

    assert [status for status, _, _ in results] == [202] * READERS
    assert [committed for _, _, committed in results] == [1] * READERS
    assert len({comment_id for _, comment_id, _ in results}) == READERS
    stored = gunicorn_server.database.fetch(
        "SELECT body, count(*) FROM moderation_comment WHERE author_email LIKE %s GROUP BY body",
        [f"%.{run}@example.org"],
    )
    assert sorted(stored) == sorted(
        (f"Comment {n} of run {run}: does this help a runner's knee?", 1) for n in range(READERS)
    )


def test_the_default_sqlite_database_runs_in_wal_mode(gunicorn_server):
    if not isinstance(gunicorn_server.database, SqliteDatabase):
        pytest.skip("the live server runs on PostgreSQL")

    assert gunicorn_server.database.fetch("PRAGMA journal_mode") == [("wal",)]


def test_connections_lost_to_a_database_restart_are_replaced_without_a_500(gunicorn_server):
    """Each worker keeps its connection between requests; PostgreSQL may drop it (a restart)."""
    if isinstance(gunicorn_server.database, SqliteDatabase):
        pytest.skip("a SQLite file has no server to lose the connection to")
    article = f"/api/v1/articles/{DEMO_ARTICLE}/"
    paths = ["/api/v1/articles/", article, f"{article}comments/"]
    for path in paths * 4:  # every worker has a connection open
        assert gunicorn_server.request("GET", path)[0] == 200

    terminated = gunicorn_server.database.fetch(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )

    assert terminated
    assert [gunicorn_server.request("GET", path)[0] for path in paths * 4] == [200] * len(paths) * 4
