"""
While the database cannot be reached every request answers 503 with Retry-After: the API in its
JSON error shape, the admin and the pages with an HTML page; the log gets one warning, no
traceback per request (api/database_outage.py).

In this process the outage is Django's documented query hook (`connection.execute_wrapper`)
raising what a lost connection raises; the live test runs gunicorn against a PostgreSQL port
nobody listens on.
"""

import socket
import urllib.error
import urllib.request

import pytest
from django.db import IntegrityError, OperationalError, connection
from django.test import Client

from api import database_outage
from tests.moderation.helpers import comments_url, queue_url

from .live import DEMO_ARTICLE, LiveServer

LOST = "connection to server at 127.0.0.1, port 5432 failed: Connection refused"


def refuse(execute, sql, params, many, context):
    raise OperationalError(LOST)


@pytest.fixture
def outage(monkeypatch):
    monkeypatch.setattr(database_outage.Warnings, "last", None)
    with connection.execute_wrapper(refuse):
        yield


def assert_api_unavailable(response):
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}
    assert int(response["Retry-After"]) > 0
    assert response["Cache-Control"] == "no-store"


def assert_page_unavailable(response):
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert "briefly unavailable" in response.content.decode()
    assert int(response["Retry-After"]) > 0


@pytest.mark.django_db
def test_api_requests_answer_503_in_the_api_error_shape(reader, moderator_client, article, outage):
    assert_api_unavailable(reader.get("/api/v1/articles/"))
    assert_api_unavailable(reader.get(f"/api/v1/articles/{article.slug}/"))
    assert_api_unavailable(reader.get(comments_url(article.slug)))
    submission = {"author_name": "Sam", "author_email": "sam@example.org", "body": "Does it help?"}
    assert_api_unavailable(reader.post(comments_url(article.slug), submission, format="json"))
    assert_api_unavailable(moderator_client.get(queue_url()))


@pytest.mark.django_db
def test_the_admin_and_the_pages_answer_a_503_page(admin_user, article):
    editor = Client()
    editor.force_login(admin_user)
    with connection.execute_wrapper(refuse):
        assert_page_unavailable(editor.get("/admin/"))
        assert_page_unavailable(editor.get("/admin/pages/"))
        assert_page_unavailable(Client().get("/"))


@pytest.mark.django_db
def test_the_log_gets_one_warning_and_no_traceback(reader, article, outage, caplog):
    for _ in range(3):
        reader.get("/api/v1/articles/")
        Client().get("/admin/login/")

    warnings = [record for record in caplog.records if record.name == database_outage.__name__]
    assert len(warnings) == 1
    assert LOST in warnings[0].getMessage()
    assert not [record for record in caplog.records if record.exc_info]
    # Django's own line for each 503 is left out by the filter on django.request (settings).
    answers = [record for record in caplog.records if record.name == "django.request"]
    assert answers
    assert not any(database_outage.NotAnOutageAnswer().filter(record) for record in answers)


@pytest.mark.django_db
def test_other_database_errors_are_still_a_server_error(reader, article):
    def broken(execute, sql, params, many, context):
        raise IntegrityError("a bug, not an outage")

    reader.raise_request_exception = False
    with connection.execute_wrapper(broken):
        response = reader.get("/api/v1/articles/")

    assert response.status_code == 500


class UnreachableDatabase:
    """A PostgreSQL address nobody listens on."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"postgres://postgres@127.0.0.1:{port}/clinic"

    def drop(self):
        """Nothing was created."""


def fetch(server, path, method="GET", body=None, cookie=None):
    """(status, headers, text) of one request to the live server."""
    request = urllib.request.Request(server.url + path, data=body, method=method)  # noqa: S310
    request.add_header("Content-Type", "application/json")
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.mark.live
def test_a_server_whose_database_is_down_answers_503_and_logs_one_warning(tmp_path):
    # The development settings with DEBUG off: their logging is production's.
    env = {"DJANGO_SETTINGS_MODULE": "cms.settings.dev", "DJANGO_DEBUG": "0"}
    server = LiveServer(tmp_path, workers=1, env=env, database=UnreachableDatabase())
    server.serve(server.listen())
    try:
        answers = [
            fetch(server, "/api/v1/articles/"),
            fetch(server, f"/api/v1/articles/{DEMO_ARTICLE}/comments/"),
            fetch(server, f"/api/v1/articles/{DEMO_ARTICLE}/comments/", "POST", b'{"body": "Hello"}'),
            # An editor signed in before the outage.
            fetch(server, "/admin/", cookie="sessionid=an-editors-session"),
            fetch(server, "/"),
        ]
        logs = server.logs()
    finally:
        server.stop()

    assert [status for status, _, _ in answers] == [503] * 5, logs
    assert all(int(headers["Retry-After"]) > 0 for _, headers, _ in answers)
    assert all(text.startswith('{"detail":') for _, _, text in answers[:3])
    assert all("briefly unavailable" in text for _, _, text in answers[3:])
    assert "Traceback" not in logs
    assert logs.count("The database is unavailable") == 1
