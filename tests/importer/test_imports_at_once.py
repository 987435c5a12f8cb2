"""
Two `import_shopify` runs started at once, as two processes on one database (SQLite or, under
DATABASE_URL, PostgreSQL): the second waits for the first (articles/shopify/lock.py), both end
well, and every article and comment is there once.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.hardening.live import REPOSITORY, LiveServer

pytestmark = pytest.mark.live

DATA = Path(__file__).parent / "data"
EXPORT = [str(DATA / name) for name in ("blogs.json", "articles.json", "comments.json")]


def test_two_imports_at_once_wait_for_each_other(tmp_path):
    server = LiveServer(tmp_path)
    try:
        server.manage("migrate", "--no-input", "-v", "0")
        server.manage("load_demo")
        runs = [
            subprocess.Popen(  # noqa: S603
                [sys.executable, "manage.py", "import_shopify", *EXPORT],
                cwd=REPOSITORY,
                env=server.env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for _ in range(2)
        ]
        outputs = [run.communicate(timeout=600)[0] for run in runs]
        pages = server.database.fetch(
            "SELECT shopify_id FROM articles_articlepage WHERE shopify_id IS NOT NULL"
        )
        comments = server.database.fetch(
            "SELECT shopify_id FROM moderation_comment WHERE shopify_id IS NOT NULL"
        )
    finally:
        server.database.drop()

    assert [run.returncode for run in runs] == [0, 0], outputs
    assert not any("Traceback" in output or "IntegrityError" in output for output in outputs)
    # Neither lost an article to the other: the second found the first's pages and left them.
    assert not any("not imported" in output for output in outputs), outputs
    assert len(pages) == len({page for (page,) in pages}) == 4
    assert len(comments) == len({comment for (comment,) in comments}) == 5
