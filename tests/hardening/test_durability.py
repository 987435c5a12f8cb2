"""
Submissions against a real server: two gunicorn workers, a real database, 50 readers at once.
Every comment acknowledged with 202 is already committed, and each is stored exactly once.
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
