"""
A real server for the tests that need separate processes: gunicorn (two workers, or more) on a
free loopback port, in front of its own database and cache, migrated and loaded with the demo
content.

The database is a temporary SQLite file (WAL, busy timeout: the default settings' own tuning) or,
when DATABASE_URL names PostgreSQL, a fresh database created here and dropped afterwards.
"""

import json
import os
import secrets
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

REPOSITORY = Path(__file__).resolve().parents[2]
SETTINGS = "tests.hardening.live_settings"
DEMO_ARTICLE = "massage-for-knee-pain"
STARTUP_TIMEOUT = 90


class SqliteDatabase:
    def __init__(self, directory):
        self.path = Path(directory) / "live.sqlite3"
        self.url = f"sqlite:///{self.path}"

    def fetch(self, sql, params=()):
        with sqlite3.connect(self.path, timeout=20) as connection:
            return connection.execute(sql.replace("%s", "?"), params).fetchall()

    def drop(self):
        """The temporary directory goes with the test session."""


class PostgresDatabase:
    """A database of its own on the server DATABASE_URL names, so no other test sees its rows."""

    def __init__(self, base_url):
        parts = urlsplit(base_url)
        self.name = f"live_{os.getpid()}_{secrets.token_hex(4)}"
        self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
        self.admin_url = urlunsplit(parts._replace(path="/postgres"))
        self._admin(f'CREATE DATABASE "{self.name}"')

    def _admin(self, sql):
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(sql)

    def fetch(self, sql, params=()):
        with psycopg.connect(self.url) as connection:
            return connection.execute(sql, params).fetchall()

    def drop(self):
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def make_database(directory):
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return PostgresDatabase(url)
    return SqliteDatabase(directory)


class LiveServer:
    def __init__(self, directory, *, workers=2, env=None, database=None):
        self.directory = Path(directory)
        self.database = database or make_database(directory)
        self.workers = workers
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "DATABASE_URL": self.database.url,
            # Its own cache (files, or its own keys in a shared Redis): never the test process's.
            "CACHE_DIR": str(self.directory / "cache"),
            "CACHE_KEY_PREFIX": f"live-{secrets.token_hex(4)}",
            "MEDIA_ROOT": str(self.directory / "media"),
            "PYTHONPATH": str(REPOSITORY),
            **(env or {}),
        }
        self.process = None
        self.url = None
        self.token = None

    def manage(self, *args):
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=REPOSITORY,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def start(self):
        listener = self.listen()
        self.manage("migrate", "--no-input", "-v", "0")
        self.manage("load_demo")
        self.token = self.manage("create_moderator", "fuzzer").strip().splitlines()[-1]
        self.serve(listener)
        self._wait_until_ready()

    def listen(self):
        """The server's socket, on a free loopback port, and its address in its settings."""
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind(("127.0.0.1", 0))
        listener.listen(128)
        self.url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        # Its own address in its responses (images, links) and in the demo site.
        self.env["WAGTAILADMIN_BASE_URL"] = self.url
        return listener

    def serve(self, listener):
        """gunicorn on `listener`, from a database already prepared (or not there at all)."""
        self.log = open(self.directory / "gunicorn.log", "w")  # noqa: SIM115
        command = [
            *(sys.executable, "-m", "gunicorn", "cms.wsgi:application"),
            *("--bind", f"fd://{listener.fileno()}", "--workers", str(self.workers), "--timeout", "120"),
            "--no-control-socket",
        ]
        self.process = subprocess.Popen(  # noqa: S603
            command,
            cwd=REPOSITORY,
            env=self.env,
            pass_fds=[listener.fileno()],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        listener.close()

    def _wait_until_ready(self):
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.logs()}")
            try:
                if self.request("GET", "/api/v1/articles/")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer in {STARTUP_TIMEOUT}s:\n{self.logs()}")

    def request(self, method, path, body=None, headers=None):
        """(status, parsed JSON or None) of one request."""
        status, _headers, parsed = self.exchange(method, path, body, headers)
        return status, parsed

    def exchange(self, method, path, body=None, headers=None):
        """(status, headers, parsed JSON or None) of one request."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(  # noqa: S310
            self.url + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json", "Accept": "application/json", **(headers or {})},
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
                return response.status, response.headers, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, error.headers, json.loads(error.read() or b"null")

    def logs(self):
        self.log.flush()
        return (self.directory / "gunicorn.log").read_text()

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.log.close()
        self.database.drop()
