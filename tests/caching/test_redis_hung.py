"""
A Redis that accepts connections and never answers costs a request one socket timeout at most,
and the requests after it, while the circuit stays open, none (api/caching/circuit.py).
"""

import logging
import socket
import sys
import threading
import time

import pytest
from django.core.cache import caches

from api.caching import circuit
from cms.settings.base import cache_from_env

pytestmark = pytest.mark.django_db

# Long enough that a request which waited on Redis cannot be mistaken for one that did not.
TIMEOUT = 2.0
# What a request costs besides Redis, on a busy machine.
SLACK = 1.5
ARTICLE = "/api/v1/articles/knee/"
COMMENTS = "/api/v1/articles/knee/comments/"


class HungRedis:
    """A local port that accepts every connection and never answers, counting the connections."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted = []
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.accepted.append(connection)

    def close(self):
        self.listener.close()
        for connection in self.accepted:
            connection.close()


@pytest.fixture
def hung_redis(settings, monkeypatch, worker, article):
    """The production cache layout pointed at a hung Redis, after the process has warmed up."""
    worker.post(COMMENTS, submission("warming up"), format="json")
    server = HungRedis()
    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{server.port}/0")
    monkeypatch.setenv("REDIS_TIMEOUT", str(TIMEOUT))
    settings.CACHES = cache_from_env()
    settings.COMMENT_THROTTLE_CACHE = "throttle"
    circuit.CIRCUITS.reset()
    yield server
    for alias in settings.CACHES:
        caches[alias].close()
    circuit.CIRCUITS.reset()
    server.close()


def submission(body):
    return {"author_name": "Sam", "author_email": "sam@example.org", "body": body}


def timed(request):
    started = time.monotonic()
    response = request()
    return response, time.monotonic() - started


def test_a_comment_submission_waits_one_timeout_and_a_read_after_it_none(worker, hung_redis):
    posted, first = timed(lambda: worker.post(COMMENTS, submission("Does it help?"), format="json"))
    read, second = timed(lambda: worker.get(ARTICLE))

    assert posted.status_code == 202
    assert read.status_code == 200
    assert TIMEOUT <= first < TIMEOUT + SLACK
    assert second < TIMEOUT


def test_a_content_read_waits_one_timeout_and_a_submission_after_it_none(worker, hung_redis):
    read, first = timed(lambda: worker.get(ARTICLE))
    posted, second = timed(lambda: worker.post(COMMENTS, submission("Is it safe?"), format="json"))

    assert read.status_code == 200
    assert posted.status_code == 202
    assert TIMEOUT <= first < TIMEOUT + SLACK
    assert second < TIMEOUT


def test_the_circuit_tries_redis_again_once_it_has_been_open_a_while(worker, hung_redis, monkeypatch, caplog):
    monkeypatch.setattr(circuit, "OPEN_SECONDS", 0.5)
    worker.get(ARTICLE)
    tried = len(hung_redis.accepted)
    worker.get(ARTICLE)
    assert len(hung_redis.accepted) == tried

    time.sleep(0.6)
    worker.get(ARTICLE)

    assert len(hung_redis.accepted) > tried
    opened = [record for record in caplog.records if record.name == circuit.__name__]
    assert len(opened) == 1
    assert "the cache is bypassed" in opened[0].getMessage()


def ignored(cause):
    """The record django-redis logs for a failure it answered as a miss."""
    try:
        raise RuntimeError("connection interrupted") from cause
    except RuntimeError:
        return logging.LogRecord(
            "django_redis.cache", logging.ERROR, "", 0, "Exception ignored", (), sys.exc_info()
        )


def test_the_log_keeps_the_failure_that_opened_the_circuit_and_drops_the_misses_after_it():
    assert circuit.AfterTheFirst().filter(ignored(TimeoutError("Timeout reading from 127.0.0.1:6379")))
    assert not circuit.AfterTheFirst().filter(ignored(circuit.CircuitOpen("not tried")))
