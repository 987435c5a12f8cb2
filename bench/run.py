"""
`make bench`: our API against Wagtail's API v2 and a no-database baseline, on SQLite and
PostgreSQL, with N = 300 and 3,000 articles and 100,000 comments (bench/README.md).

`make bench BENCH_QUICK=1`: 30 articles, 10,000 comments, 2-second runs. BENCH_POSTGRES_URL
(default postgres://postgres@127.0.0.1:5432) names the server where a fresh database is created
and dropped; the response cache is Redis at BENCH_REDIS_URL (default redis://127.0.0.1:6379/0, its
keys under a prefix of the run's own), or the file cache when it is empty or unreachable.
BENCH_DATABASES (`sqlite`, `postgresql`, comma-separated) and BENCH_SIZES (`300,3000`) measure a
part of the run, to compare one change quickly.
"""

import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
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
# Seconds a worker is given to finish a request after answering it, before its CPU is read.
SETTLE = 0.02
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
# A distinct comment each time ({n}: the request's number), so each is checked and stored.
COMMENT = (
    '{"author_name": "Reader {n}", "author_email": "reader-{n}@example.org", '
    '"body": "Question {n}: does massage help a runner\'s knee after a long race?"}'
)


def redis_url():
    """The shared cache of the cached runs: Redis, as in production, unless BENCH_REDIS_URL is empty."""
    url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    if not url:
        return ""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        print(f"Redis unavailable ({error}): the hot runs use the file cache.", file=sys.stderr)
        return ""
    return url


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

    def __init__(self, database_url, static_dir, cache_timeout, cache_url, cache_dir, local_copies=256):
        self.port = free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": database_url,
            "DJANGO_DEBUG": "0",
            "BENCH_STATIC_DIR": static_dir,
            "BENCH_RESPONSE_CACHE_TIMEOUT": str(cache_timeout),
            "BENCH_LOCAL_COPIES": str(local_copies),
            "CACHE_DIR": str(cache_dir),
        }
        env.pop("REDIS_URL", None)
        self.cache_url, self.cache_prefix = cache_url, f"bench-{os.getpid()}-{self.port}"
        if cache_url:
            env.update(REDIS_URL=cache_url, CACHE_KEY_PREFIX=self.cache_prefix)
        command = [str(Path(PYTHON).parent / "gunicorn"), "cms.wsgi", "-w", "2", "--no-control-socket"]
        command += ["-b", f"127.0.0.1:{self.port}", "--log-level", "warning"]
        self.process = subprocess.Popen(command, cwd=ROOT, env=env)
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(100):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(self.base + "/api/v1/bench-static/detail/", timeout=2).read()
                return
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def cpu_seconds(self):
        """
        The master's and workers' time on a CPU: every thread's, in nanoseconds
        (/proc/<pid>/task/<tid>/schedstat), rather than /proc/<pid>/stat's 10 ms ticks, which
        measured a row of 30 requests to within 2-3%.
        """
        pids = [self.process.pid] + [
            int(pid) for pid in os.listdir("/proc") if pid.isdigit() and self._parent(pid) == self.process.pid
        ]
        total = 0
        for pid in pids:
            for schedstat in Path(f"/proc/{pid}/task").glob("*/schedstat"):
                with contextlib.suppress(OSError, ValueError, IndexError):
                    total += int(schedstat.read_text().split()[0])
        return total / 1e9

    @staticmethod
    def _parent(pid):
        with contextlib.suppress(OSError, IndexError):
            return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        return None

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        if self.cache_url:
            import redis

            client = redis.Redis.from_url(self.cache_url)
            for key in client.scan_iter(f"{self.cache_prefix}:*"):
                client.delete(key)


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request) as response:  # a non-2xx raises: the run stops
        return response.read()


def loaded(server, name, path, info, use_wrk, duration=DURATION):
    """`name` under load: wrk with 8 connections for `duration` seconds, after one warm-up request."""
    headers = [f"Authorization: Token {info['token']}"] if name == "moderation queue" else []
    post = COMMENT if name == "comment POST" else None
    if post is None:
        get(server.base + path, dict(h.split(": ", 1) for h in headers))
    before = server.cpu_seconds()
    result = load.run(server.base + path, duration, headers=headers, post_template=post, use_wrk=use_wrk)
    result["cpu_ms"] = (server.cpu_seconds() - before) * 1000 / max(result["requests"], 1)
    return result


def alternating(server, names, info, use_wrk):
    """
    The hot rows of `names` (ours and its baselines) loaded in turn, a second at a time, each
    going first in turn, for DURATION seconds each: so that all meet the same moments of a shared
    VM, as the cold rows do. Requests and CPU add up over the slices; a row's p50 is the median
    of its slices', its p99 the highest.
    """
    slices = {name: [] for name in names}
    for index in range(DURATION):
        for name in names if index % 2 == 0 else reversed(names):
            slices[name].append(loaded(server, name, info["urls"][name], info, use_wrk, duration=1))
    return {name: combined(results) for name, results in slices.items()}


def combined(results):
    requests = sum(result["requests"] for result in results)
    cpu_ms = sum(result["cpu_ms"] * result["requests"] for result in results)
    return {
        "rps": requests / len(results),
        "p50": statistics.median(result["p50"] for result in results),
        "p99": max(result["p99"] for result in results),
        "requests": requests,
        "errors": sum(result["errors"] for result in results),
        "cpu_ms": cpu_ms / max(requests, 1),
    }


def cold(server, names, info):
    """
    Each of the distinct URLs of `names` (ours and its reference) read once with the response
    cache off: what a request costs built from the database. The two alternate URL by URL, each
    going first in turn, so that both meet the same moments of a shared VM; a request's CPU is
    the workers' time from just before it until SETTLE after its answer, when they are idle
    again. The workers are warmed up on other URLs first.
    """
    # Concurrent warm-up requests, so that every worker has answered some (the first request a
    # worker answers pays for its lazy set-up).
    warm = [info["urls"][name] for name in names] * 8
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda path: get(server.base + path), warm))
    pairs = list(zip(*(info["cold_urls"][name] for name in names), strict=True))
    latencies, cpu = {name: [] for name in names}, dict.fromkeys(names, 0.0)
    for index, paths in enumerate(pairs):
        turn = list(zip(names, paths, strict=True))
        for name, path in turn if index % 2 == 0 else reversed(turn):
            time.sleep(SETTLE)
            before, began = server.cpu_seconds(), time.perf_counter()
            get(server.base + path)
            latencies[name].append((time.perf_counter() - began) * 1000)
            time.sleep(SETTLE)
            cpu[name] += server.cpu_seconds() - before
    return {name: cold_result(latencies[name], cpu[name]) for name in names}


def cold_result(latencies, cpu_seconds):
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "rps": len(latencies) / (sum(latencies) / 1000),
        "p50": cuts[49],
        "p99": cuts[98],
        "requests": len(latencies),
        "errors": 0,
        "cpu_ms": cpu_seconds * 1000 / len(latencies),
    }


# (variant, endpoint) rows of a run, in order. Cold rows read distinct URLs once each with every
# cache off; loaded rows are wrk runs; hot rows are wrk runs with the response cache on.
COLD = (("article detail", "wagtail v2 detail"), ("articles list", "wagtail v2 list"))
LOADED = ("comments list", "comment POST", "moderation queue")
# Hot rows, each group loaded in turn (alternating): ours with its baselines.
HOT = (("article detail", "static detail", "static + version"), ("articles list", "static list"))
# The hot detail once more, from workers keeping no copies of their own (API_RESPONSE_LOCAL_COPIES
# 0): every hit reads the shared cache, so the two rows show what the copies buy.
WITHOUT_COPIES = "detail, no copies"


def bench(kind, articles, workdir, use_wrk, cache_url):
    rows = []
    with fresh_database(kind, workdir, articles) as database_url:
        out = Path(workdir) / f"{kind}-{articles}.json"
        env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "bench.settings"}
        env.update(CACHE_DIR=str(Path(workdir) / "prepare-cache"))
        env.pop("REDIS_URL", None)
        began = time.monotonic()
        subprocess.run(
            [PYTHON, ROOT / "bench/prepare.py", out, str(articles), str(COMMENTS)], env=env, check=True
        )
        print(f"{kind}, {articles} articles, {COMMENTS} comments: seeded in {time.monotonic() - began:.0f}s")
        info = json.loads(out.read_text())
        urls = info["urls"]

        def row(variant, name, result):
            measured = info["measured"]["hot" if variant == "hot" else "cold"].get(name, {})
            result.update(db=kind, n=articles, variant=variant, name=name, **measured)
            rows.append(result)
            print(format_row(result, rows), flush=True)

        cache_dir = Path(workdir) / f"{kind}-{articles}-cache"
        server = Server(database_url, info["static_dir"], 0, cache_url, cache_dir / "cold")
        try:
            for names in COLD:
                for name, result in cold(server, names, info).items():
                    row("cold", name, result)
            for name in LOADED:
                row("loaded", name, loaded(server, name, urls[name], info, use_wrk))
        finally:
            server.stop()
        server = Server(database_url, info["static_dir"], 3600, cache_url, cache_dir / "hot")
        try:
            for names in HOT:
                for name, result in alternating(server, names, info, use_wrk).items():
                    row("hot", name, result)
        finally:
            server.stop()
        server = Server(database_url, info["static_dir"], 3600, cache_url, cache_dir / "bare", local_copies=0)
        try:
            row("hot", WITHOUT_COPIES, loaded(server, WITHOUT_COPIES, urls["article detail"], info, use_wrk))
        finally:
            server.stop()
        print(info["queue_plan"])
    return rows


def reference(rows, row, name, variant=None):
    for other in rows:
        key = (other["db"], other["n"], other["name"], other["variant"])
        if key == (row["db"], row["n"], name, variant or row["variant"]):
            return other
    return None


# What each row is compared with, in the same run on the same data.
REFERENCES = {
    "article detail": {"cold": "wagtail v2 detail", "hot": "static detail"},
    "articles list": {"cold": "wagtail v2 list", "hot": "static list"},
    "static + version": {"hot": "static detail"},
    WITHOUT_COPIES: {"hot": "static detail"},
}


def ratios(row, rows):
    name = REFERENCES.get(row["name"], {}).get(row["variant"])
    other = reference(rows, row, name) if name else None
    if other is None:
        return ""
    return f"{row['cpu_ms'] / other['cpu_ms']:.2f}x the CPU of {name}"


def cpu_target(name, variant, limit):
    def check(rows):
        for row in rows:
            if (row["name"], row["variant"]) == (name, variant):
                other = reference(rows, row, REFERENCES[name][variant])
                if other:
                    ratio = row["cpu_ms"] / other["cpu_ms"]
                    figure = f"{ratio:.2f}x ({row['cpu_ms']:.1f} vs {other['cpu_ms']:.1f} ms)"
                    yield row, figure, ratio <= limit

    return check


def queue_target(rows):
    for row in rows:
        if row["name"] == "moderation queue" and row["db"] == "postgresql":
            yield row, f"p99 {row['p99']:.1f} ms with {load.CONNECTIONS} connections", row["p99"] < 50


def post_report(rows):
    for row in rows:
        if row["name"] == "comment POST":
            yield row, f"{row['cpu_ms']:.1f} ms CPU, p99 {row['p99']:.1f} ms, {row['errors']} non-2xx", None


def flat_queries_target(rows):
    for kind in dict.fromkeys(row["db"] for row in rows):
        counts = {}
        for row in rows:
            if row["db"] == kind and row["variant"] != "hot" and "queries" in row:
                counts.setdefault(row["name"], set()).add(row["queries"])
        varying = sorted(name for name, seen in counts.items() if len(seen) > 1)
        sizes = ",".join(str(n) for n in dict.fromkeys(row["n"] for row in rows if row["db"] == kind))
        figure = f"varies: {', '.join(varying)}" if varying else "same for every N"
        yield {"db": kind, "n": sizes}, figure, not varying


TARGETS = (
    ("cold detail CPU <= 1.0x Wagtail v2", cpu_target("article detail", "cold", 1.0)),
    ("cold list CPU <= 0.25x Wagtail v2", cpu_target("articles list", "cold", 0.25)),
    ("hot detail CPU <= 1.5x no-database", cpu_target("article detail", "hot", 1.5)),
    ("hot list CPU <= 1.5x no-database", cpu_target("articles list", "hot", 1.5)),
    ("moderation queue p99 < 50 ms", queue_target),
    ("comment POST, distinct bodies", post_report),
    ("queries per request equal in N", flat_queries_target),
)


def print_targets(rows):
    """Issue 12's targets, each against every measured database and size."""
    print(f"\n{'target':<36} {'db':<10} {'N':>9}  {'met':<4} figure")
    for title, check in TARGETS:
        for row, figure, met in check(rows):
            verdict = "-" if met is None else "yes" if met else "no"
            print(f"{title:<36} {row['db']:<10} {row['n']:>9}  {verdict:<4} {figure}")


HEADER = (
    f"{'db':<10} {'N':>5} {'variant':<7} {'endpoint':<18} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} "
    f"{'CPU ms/req':>10} {'queries':>7} {'bytes':>7} {'non-2xx':>7}  ratio"
)


def format_row(row, rows):
    return (
        f"{row['db']:<10} {row['n']:>5} {row['variant']:<7} {row['name']:<18} {row['rps']:>8.0f} "
        f"{row['p50']:>7.1f} {row['p99']:>7.1f} {row['cpu_ms']:>10.2f} {row.get('queries', '-'):>7} "
        f"{row.get('bytes', '-'):>7} {row['errors']:>7}  {ratios(row, rows)}"
    )


def main():
    use_wrk = load.ensure_wrk()
    cache_url = redis_url()
    kinds = [kind for kind in ("sqlite", "postgresql") if kind in DATABASES]
    if "postgresql" in kinds and not postgres_available():
        kinds.remove("postgresql")
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-") as workdir:
        print(HEADER)
        for kind in kinds:
            for articles in SIZES:
                rows += bench(kind, articles, workdir, use_wrk, cache_url)
    print("\n" + HEADER)
    for row in rows:
        print(format_row(row, rows))
    print_targets(rows)


if __name__ == "__main__":
    main()
