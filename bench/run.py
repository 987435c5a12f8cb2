"""
`make bench`: our API against Wagtail's API v2 and a static-bytes baseline, on SQLite and
PostgreSQL, with N = 300 and 3,000 articles and 100,000 comments (bench/README.md).

`make bench BENCH_QUICK=1`: 30 articles, 10,000 comments, 2-second runs. BENCH_POSTGRES_URL
(default postgres://postgres@127.0.0.1:5432) names the server where a fresh database is created
and dropped; BENCH_REDIS_URL makes the response cache Redis instead of each worker's memory.
BENCH_DATABASES (`sqlite`, `postgresql`, comma-separated) and BENCH_SIZES (`300,3000`) measure a
part of the run, to compare one change quickly.
"""

import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import load  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
SIZES = tuple(int(n) for n in os.environ.get("BENCH_SIZES", "30" if QUICK else "300,3000").split(","))
DATABASES = os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",")
COMMENTS = 10_000 if QUICK else 100_000
DURATION = 2 if QUICK else 5
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
CACHED = ("articles list", "article detail", "comments list")
COMMENT = (
    '{"author_name": "Bench", "author_email": "bench@example.org", "body": "Does massage help runners?"}'
)
TICKS = os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def fresh_database(kind, workdir, articles):
    if kind == "sqlite":
        yield f"sqlite:///{workdir}/bench-{articles}.sqlite3"
        return
    import psycopg

    name = f"bench_{os.getpid()}_{int(time.time())}"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield f"{POSTGRES}/{name}"
    finally:
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def postgres_available():
    try:
        import psycopg

        psycopg.connect(f"{POSTGRES}/postgres", connect_timeout=2).close()
        return True
    except Exception as error:  # noqa: BLE001
        print(f"PostgreSQL unavailable ({error}): measuring SQLite only.", file=sys.stderr)
        return False


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn with 2 workers on a free loopback port; its processes' CPU time."""

    def __init__(self, database_url, static_file, cache_timeout):
        self.port = free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": database_url,
            "DJANGO_DEBUG": "0",
            "BENCH_STATIC_FILE": static_file,
            "BENCH_RESPONSE_CACHE_TIMEOUT": str(cache_timeout),
        }
        env.pop("REDIS_URL", None)
        if os.environ.get("BENCH_REDIS_URL"):
            env["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
        command = [str(Path(PYTHON).parent / "gunicorn"), "cms.wsgi", "-w", "2", "--no-control-socket"]
        command += ["-b", f"127.0.0.1:{self.port}", "--log-level", "warning"]
        self.process = subprocess.Popen(command, cwd=ROOT, env=env)
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(100):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(self.base + "/bench/static/", timeout=2).read()
                return
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def cpu_seconds(self):
        pids = [self.process.pid] + [
            int(pid) for pid in os.listdir("/proc") if pid.isdigit() and self._parent(pid) == self.process.pid
        ]
        total = 0
        for pid in pids:
            with contextlib.suppress(OSError):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])
        return total / TICKS

    @staticmethod
    def _parent(pid):
        with contextlib.suppress(OSError, IndexError):
            return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        return None

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


# The queue's latency alone, one moderator at a time: the p99 target is about its query.
ONE_CONNECTION = "moderation queue 1c"


def measure(server, name, path, info, use_wrk):
    headers = [f"Authorization: Token {info['token']}"] if name.startswith("moderation queue") else []
    connections = 1 if name == ONE_CONNECTION else load.CONNECTIONS
    post = COMMENT if name == "comment POST" else None
    if post is None:
        request = urllib.request.Request(server.base + path, headers=dict(h.split(": ", 1) for h in headers))
        urllib.request.urlopen(request).read()  # warm up: renditions, the stored copy
    before = server.cpu_seconds()
    result = load.run(
        server.base + path,
        DURATION,
        headers=headers,
        post_json=post,
        use_wrk=use_wrk,
        connections=connections,
    )
    result["cpu_ms"] = (server.cpu_seconds() - before) * 1000 / max(result["requests"], 1)
    return result


def bench(kind, articles, workdir, use_wrk):
    rows = []
    with fresh_database(kind, workdir, articles) as database_url:
        out = Path(workdir) / f"{kind}-{articles}.json"
        env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "bench.settings"}
        env.pop("REDIS_URL", None)
        began = time.monotonic()
        subprocess.run(
            [PYTHON, ROOT / "bench/prepare.py", out, str(articles), str(COMMENTS)], env=env, check=True
        )
        print(f"{kind}, {articles} articles, {COMMENTS} comments: seeded in {time.monotonic() - began:.0f}s")
        info = json.loads(out.read_text())
        info["urls"][ONE_CONNECTION] = info["urls"]["moderation queue"]
        info["measured"][ONE_CONNECTION] = info["measured"]["moderation queue"]
        for variant, timeout in (("uncached", 0), ("cached", 3600)):
            server = Server(database_url, info["static_file"], timeout)
            try:
                for name, path in info["urls"].items():
                    if variant == "cached" and name not in CACHED:
                        continue
                    result = measure(server, name, path, info, use_wrk)
                    result.update(
                        db=kind, n=articles, variant=variant, name=name, **info["measured"].get(name, {})
                    )
                    rows.append(result)
                    print(format_row(result, rows), flush=True)
            finally:
                server.stop()
        print(info["queue_plan"])
    return rows


def reference(rows, row, name):
    for other in rows:
        if (other["db"], other["n"], other["name"]) == (row["db"], row["n"], name):
            return other
    return None


def ratios(row, rows):
    wagtail = {"articles list": "wagtail v2 list", "article detail": "wagtail v2 detail"}.get(row["name"])
    static = reference(rows, row, "static")
    parts = []
    if wagtail and reference(rows, row, wagtail):
        parts.append(f"{row['rps'] / reference(rows, row, wagtail)['rps']:.1f}x wagtail")
    if static and row["name"] != "static":
        parts.append(f"{100 * row['rps'] / static['rps']:.0f}% static")
    return ", ".join(parts)


HEADER = (
    f"{'db':<10} {'N':>5} {'variant':<9} {'endpoint':<18} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} "
    f"{'CPU ms/req':>10} {'queries':>7} {'bytes':>7} {'non-2xx':>7}  ratios"
)


def format_row(row, rows):
    return (
        f"{row['db']:<10} {row['n']:>5} {row['variant']:<9} {row['name']:<18} {row['rps']:>8.0f} "
        f"{row['p50']:>7.1f} {row['p99']:>7.1f} {row['cpu_ms']:>10.2f} {row.get('queries', '-'):>7} "
        f"{row.get('bytes', '-'):>7} {row['errors']:>7}  {ratios(row, rows)}"
    )


def main():
    use_wrk = load.ensure_wrk()
    kinds = [kind for kind in ("sqlite", "postgresql") if kind in DATABASES]
    if "postgresql" in kinds and not postgres_available():
        kinds.remove("postgresql")
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-") as workdir:
        print(HEADER)
        for kind in kinds:
            for articles in SIZES:
                rows += bench(kind, articles, workdir, use_wrk)
    print("\n" + HEADER)
    for row in rows:
        print(format_row(row, rows))


if __name__ == "__main__":
    main()
