"""
`python bench/post_cpu.py BEFORE_ROOT AFTER_ROOT`: `make bench`'s comment POST row alone, for two
checkouts of the project (two git worktrees), to compare one change's cost quickly.

Each checkout's own bench/run.py and bench/prepare.py seed its own SQLite database once (quick
mode's 30 articles and 10,000 comments) with its own migrations. Then, ROUNDS times (default 2),
before and after in turn: a fresh gunicorn of that checkout (2 workers, as `make bench`), warmed
up with concurrent reads so that both workers have answered, then the comment POST row (wrk, 8
connections, a distinct body each time) for POST_SECONDS (default 5, the full run's), twice:
the first as `make bench` measures it, in workers that have not yet read a comment (so it
includes whatever a worker loads on its first one), the second in the same workers, now warm.
"""

import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROUNDS = int(os.environ.get("ROUNDS", "2"))
POST_SECONDS = int(os.environ.get("POST_SECONDS", "5"))
ARTICLES, COMMENTS = 30, 10_000
ROW = "comment POST"


def bench_module(root, label):
    """The bench/run.py of the checkout at `root`, as a module of its own."""
    spec = importlib.util.spec_from_file_location(f"bench_run_{label}", Path(root) / "bench/run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def seeded(run, workdir):
    """The checkout's database, migrated and seeded by its own prepare.py, and what it wrote."""
    database_url = f"sqlite:///{workdir}/bench.sqlite3"
    out = Path(workdir) / "prepare.json"
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    env.update(CACHE_DIR=str(Path(workdir) / "prepare-cache"))
    env.pop("REDIS_URL", None)
    prepare = [run.PYTHON, run.ROOT / "bench/prepare.py", out, str(ARTICLES), str(COMMENTS)]
    subprocess.run(prepare, env=env, check=True, stdout=subprocess.DEVNULL)
    return database_url, json.loads(out.read_text())


def measure(run, database_url, info, workdir, use_wrk, cache_url, round_number):
    """A fresh server's comment POST row, in cold workers and then in warm ones."""
    cache_dir = Path(workdir) / f"cache-{round_number}"
    server = run.Server(database_url, info["static_dir"], 0, cache_url, cache_dir)
    try:
        warm = [info["urls"][name] for name in ("comments list", "article detail")] * 8
        with ThreadPoolExecutor(max_workers=4) as pool:
            list(pool.map(lambda path: run.get(server.base + path), warm))
        url = info["urls"][ROW]
        return [run.loaded(server, ROW, url, info, use_wrk, duration=POST_SECONDS) for _ in range(2)]
    finally:
        server.stop()


def main():
    labels = ("before", "after")
    runs = {label: bench_module(root, label) for label, root in zip(labels, sys.argv[1:3], strict=True)}
    use_wrk = runs["after"].load.ensure_wrk()
    cache_url = runs["after"].redis_url()
    results = {label: [] for label in labels}
    with tempfile.TemporaryDirectory(prefix="bench-post-") as workdir:
        prepared = {}
        for label, run in runs.items():
            Path(workdir, label).mkdir()
            began = time.monotonic()
            prepared[label] = seeded(run, Path(workdir, label))
            print(f"{label} ({run.ROOT}): seeded in {time.monotonic() - began:.0f}s", flush=True)
        print(
            f"\n{'round':>5} {'checkout':<8} {'workers':<7} {'req/s':>6} {'p50 ms':>7} {'p99 ms':>7} "
            f"{'CPU ms/req':>10} {'requests':>8} {'CPU s':>6} non-2xx"
        )
        for round_number in range(1, ROUNDS + 1):
            for label, run in runs.items():
                database_url, info = prepared[label]
                rows = measure(
                    run, database_url, info, Path(workdir, label), use_wrk, cache_url, round_number
                )
                results[label].append(rows)
                for workers, row in zip(("cold", "warm"), rows, strict=True):
                    print(
                        f"{round_number:>5} {label:<8} {workers:<7} {row['rps']:>6.0f} {row['p50']:>7.1f} "
                        f"{row['p99']:>7.1f} {row['cpu_ms']:>10.2f} {row['requests']:>8} "
                        f"{row['cpu_ms'] * row['requests'] / 1000:>6.2f} {row['errors']:>7}",
                        flush=True,
                    )
    print()
    for index, workers in enumerate(("cold", "warm")):
        medians = {
            label: statistics.median(rows[index]["cpu_ms"] for rows in results[label]) for label in labels
        }
        ratio = medians["after"] / medians["before"]
        print(
            f"{workers} workers: median CPU ms/req before {medians['before']:.2f}, "
            f"after {medians['after']:.2f}: {ratio:.2f}x"
        )


if __name__ == "__main__":
    main()
