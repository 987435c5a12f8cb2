"""
With Redis configured but unreachable, from a worker's first request or from the middle of its
work, every read and submission is answered from the database: never a 500. The server under
test has a Redis of its own (a redis-server on a free port), stopped and started by the test.
"""

import shutil
import socket
import subprocess
import time

import pytest

from tests.hardening.live import DEMO_ARTICLE, LiveServer

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server (apt install redis)"),
]

ARTICLE = f"/api/v1/articles/{DEMO_ARTICLE}/"
READS = ["/api/v1/articles/", ARTICLE, f"{ARTICLE}comments/"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisProcess:
    def __init__(self, directory):
        self.port = free_port()
        self.directory = directory
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        command += ["--appendonly", "no", "--dir", str(self.directory)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


def read_and_submit(server):
    statuses = [server.request("GET", path)[0] for path in READS for _ in range(4)]
    submission = {"author_name": "Sam", "author_email": "sam@example.org", "body": "Does it help?"}
    statuses.append(server.request("POST", READS[2], submission)[0])
    return statuses


@pytest.fixture
def redis_process(tmp_path):
    redis = RedisProcess(tmp_path)
    yield redis
    redis.stop()


def live_server(directory, redis_url):
    return LiveServer(directory, env={"REDIS_URL": redis_url})


def test_redis_down_from_the_start(tmp_path, redis_process):
    redis_process.start()
    server = live_server(tmp_path, redis_process.url)
    try:
        server.start()
        redis_process.stop()
        # Workers restarted now never reach Redis from their first request on.
        server.process.send_signal(1)  # SIGHUP: gunicorn replaces its workers
        time.sleep(2)

        statuses = read_and_submit(server)
    finally:
        server.stop()

    assert set(statuses[:-1]) == {200}
    assert statuses[-1] == 202


def test_redis_lost_midway_and_back(tmp_path, redis_process):
    redis_process.start()
    server = live_server(tmp_path, redis_process.url)
    try:
        server.start()
        healthy = read_and_submit(server)
        redis_process.stop()
        lost = read_and_submit(server)
        redis_process.start()
        back = read_and_submit(server)
    finally:
        server.stop()

    for statuses in (healthy, lost, back):
        assert set(statuses[:-1]) == {200}
        assert statuses[-1] == 202
