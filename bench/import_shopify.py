"""
`python bench/import_shopify.py [ARTICLES] [COMMENTS]`: the Shopify import's CPU and memory on a
clinic-sized export (default 500 articles, 2,000 comments), first run and a re-run with nothing
changed, on a fresh SQLite database (bench/README.md, "Shopify import").

The export is the committed clinic sample (tests/importer/data/clinic/: the Shopify editor, a
Google Docs paste, Word, tables, nested lists, a quote, images, videos, French, media-only and
empty posts, two blogs) repeated with distinct ids, handles and words, and its comments repeated
the same way; its images come from `--images`. Each run is its own `manage.py import_shopify`
process: its CPU (user + system) and peak memory (max RSS) are the kernel's for that process
(os.wait4), start-up included.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLINIC = ROOT / "tests" / "importer" / "data" / "clinic"
PYTHON = sys.executable
TARGETS = {"first run": (60.0, 300.0), "re-run": (10.0, None)}  # CPU seconds, MB
WORDS = ("gentle", "steady", "careful", "regular", "patient", "weekly", "calm", "daily")


def load(name):
    return json.loads((CLINIC / name).read_text(encoding="utf-8-sig"))


def export(folder, articles, comments):
    """The clinic sample repeated to `articles` posts and `comments` comments, as export files."""
    posts, blogs = load("articles.json")["articles"], load("blogs.json")["blogs"]
    made = []
    for n in range(articles):
        post = dict(posts[n % len(posts)])
        word = WORDS[n % len(WORDS)]
        post.update(
            id=600_000_000 + n,
            handle=f"{post['handle']}-{n}",
            title=f"{post['title']} ({word} {n})",
            body_html=post["body_html"].replace("<p>", f"<p>{word.capitalize()} note {n}. ", 1),
        )
        made.append(post)
    samples = load("comments.json")["comments"]
    ids = [post["id"] for post in made]
    made_comments = [
        {**samples[n % len(samples)], "id": 700_000_000 + n, "article_id": ids[n % len(ids)]}
        for n in range(comments)
    ]
    files = []
    for name, key, records in (
        ("blogs.json", "blogs", blogs),
        ("articles.json", "articles", made),
        ("comments.json", "comments", made_comments),
    ):
        path = folder / name
        path.write_text(json.dumps({key: records}))
        files.append(path)
    return files


def images(folder):
    from PIL import Image

    for name, colour in (
        ("neck-hero.jpg", "navy"),
        ("neck-massage-therapist.jpg", "olive"),
        ("treatment-room.png", "red"),
    ):
        Image.new("RGB", (1200, 800), colour).save(folder / name)
    return folder


def run(args, env):
    """One process: (seconds of CPU, MB of peak memory, wall seconds)."""
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        sys.exit(f"{' '.join(map(str, args))} failed:\n{process.stderr.read().decode()}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, time.perf_counter() - started


def main(articles=500, comments=2000):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
            "MEDIA_ROOT": str(folder / "media"),
        }
        manage = [PYTHON, "manage.py"]
        subprocess.run([*manage, "migrate", "--no-input"], cwd=ROOT, env=env, check=True, capture_output=True)
        subprocess.run([*manage, "load_demo"], cwd=ROOT, env=env, check=True, capture_output=True)
        (folder / "images").mkdir()
        command = [
            *manage,
            "import_shopify",
            *export(folder, articles, comments),
            "--images",
            images(folder / "images"),
        ]
        print(f"Shopify import, {articles} articles and {comments} comments, SQLite")
        print(f"{'run':<10} {'CPU s':>7} {'peak MB':>8} {'wall s':>7}  target")
        for name in TARGETS:
            cpu, memory, wall = run(command, env)
            cpu_target, memory_target = TARGETS[name]
            target = f"<= {cpu_target:g} s CPU" + (f", <= {memory_target:g} MB" if memory_target else "")
            met = cpu <= cpu_target and (memory_target is None or memory <= memory_target)
            print(
                f"{name:<10} {cpu:>7.1f} {memory:>8.0f} {wall:>7.1f}  {target}: {'met' if met else 'MISSED'}"
            )


if __name__ == "__main__":
    main(*map(int, sys.argv[1:3]))
