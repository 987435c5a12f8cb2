"""
Schemathesis against the live server: generated requests, valid and invalid, for every operation
of the OpenAPI document, once as an anonymous reader (the public, cached responses) and once as a
moderator (so the moderation endpoints are reached too). No answer may be a 5xx, or break the
documented shape or content type of its status.
"""

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.live

CHECKS = "not_a_server_error,response_schema_conformance,content_type_conformance"
# Bounded, and reproducible: the same cases on every run, a few minutes at most on two cores.
EXAMPLES_PER_OPERATION = 30
SEED = 20260501
TIME_LIMIT = 600


@pytest.mark.parametrize("as_moderator", [False, True], ids=["reader", "moderator"])
def test_no_operation_answers_a_5xx_or_breaks_its_schema(gunicorn_server, tmp_path, as_moderator):
    credentials = ["--header", f"Authorization: Token {gunicorn_server.token}"] if as_moderator else []
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run",
        f"{gunicorn_server.url}/api/schema/",
        *("--checks", CHECKS),
        *("--max-examples", str(EXAMPLES_PER_OPERATION)),
        *("--seed", str(SEED)),
        *("--workers", "2"),
        *credentials,
        *("--generation-database", "none"),
        *("--request-timeout", "60"),
        *("--report", "junit", "--report-dir", str(tmp_path)),
        "--no-color",
    ]
    result = subprocess.run(  # noqa: S603
        command, cwd=tmp_path, capture_output=True, text=True, timeout=TIME_LIMIT, check=False
    )

    assert result.returncode == 0, (
        f"{result.stdout}\n{result.stderr}\n--- server log ---\n{gunicorn_server.logs()}"
    )
