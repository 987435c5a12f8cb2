"""
`python bench/triage.py`: what the clinical-safety triage costs a process (issue 25, point 7).

The pipeline is loaded once, as a worker loads it when it starts: the time that takes and the
process's peak memory before and after each language's reader (English, French, Spanish); then,
as the worker does (cms/wsgi.py), everything loaded is frozen out of the garbage collector's way.
Then the CPU time of one triage (`time.process_time`, every thread of the process), the demo
article's title and body as the article, for:

- each evaluation comment (evaluation/triage/comments.csv, all under 400 characters) read once
  right after loading, as a worker meets new comments (its misspelling corrections not yet kept);
- the same comments read TRIAGE_REPEAT times each (default 15): the median of each comment's
  times, then the median and 95th percentile over the comments;
- 5,000 characters of English (evaluation comments one after another), of emoji, of emoji among
  English words, of Hebrew and Arabic right-to-left text, and of mixed scripts with lookalike
  letters, each read TRIAGE_REPEAT * 2 times.

Speed goals are reported, never asserted: the script exits non-zero only when a triage raises.
"""

import csv
import gc
import itertools
import os
import resource
import statistics
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

RSS_BEFORE_DJANGO_MB = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
SETUP_BEGAN = time.perf_counter()

import django  # noqa: E402

django.setup()  # imports moderation.safety and its libraries (spaCy, Lingua, rapidfuzz)

SETUP_SECONDS = time.perf_counter() - SETUP_BEGAN

from articles.demo.loader import read_demo_data  # noqa: E402

REPEAT = int(os.environ.get("TRIAGE_REPEAT", "15"))
TYPICAL_MS, LONG_MS = 3.0, 15.0
LONG = 5_000
EVALUATION = ROOT / "evaluation/triage/comments.csv"
# The first comment of each language loads its reader (and the first of all, the detector).
LOADING = {
    "en": "My knee has been swollen and hot since I fell on Sunday. Could massage help?",
    "fr": "Mon genou est gonflé et chaud depuis ma chute dimanche. Un massage peut-il aider ?",
    "es": "Mi rodilla está hinchada y caliente desde que me caí el domingo. ¿Me ayudaría un masaje?",
}
EMOJI = ("😀", "🤕", "💊", "🦵", "❤️", "👍🏽", "👩‍⚕️", "🇫🇷", "🙏", "😢", "🏃‍♀️", "🔥", "🩹", "🧊")
RIGHT_TO_LEFT = (
    "הברך שלי נפוחה וחמה מאז הנפילה, האם עיסוי יעזור? ",
    "\u200fركبتي منتفخة وساخنة منذ السقوط، هل يساعد التدليك؟ ",
    "\u202bאני לוקחת וורפרין ויש לי כאב חזק בברך\u202c. ",
    "أتناول دواء مميع للدم وأشعر بألم شديد في الركبة 12 يوماً. ",
)
MIXED = (
    "Му knее is hоt аnd swоllеn sincе thе fаll, cоuld mаssаgе hеlр? ",  # Cyrillic lookalikes
    "I'm оn wаrfаrin and my calf is ѕwоllеn. ",
    "Колено болит после падения. ",
    "Το γόνατό μου πονάει από χθες. ",
    "膝が痛いです。マッサージは大丈夫ですか？",
    "घुटने में दर्द है। ",
    "fеvеr, chіlls аnd a rеd hоt jоіnt ",
    "ｆｕｌｌｗｉｄｔｈ ｆｅｖｅｒ ",
)


def max_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_ms(function):
    began = time.process_time()
    function()
    return (time.process_time() - began) * 1000


def load(triage, article):
    """
    The pipeline loaded language by language: (label, wall s, CPU s, peak RSS MB, objects the
    garbage collector tracks) rows. A worker that loads it after cms/wsgi.py's gc.freeze() has
    each full collection walk those objects.
    """
    rows = [("before loading (Django set up)", 0.0, 0.0, max_rss_mb(), len(gc.get_objects()))]
    for language, text in LOADING.items():
        began_wall, began_cpu = time.perf_counter(), time.process_time()
        triage(text, title=article["title"], raw_body=article["body"])
        wall, cpu = time.perf_counter() - began_wall, time.process_time() - began_cpu
        rows.append((f"after loading {language}", wall, cpu, max_rss_mb(), len(gc.get_objects())))
    return rows


def long_text(pieces, size=LONG):
    """`size` characters of `pieces`, one after another, as often as needed."""
    text = ""
    for piece in itertools.cycle(pieces):
        if len(text) >= size:
            return text[:size]
        text += piece


def long_texts(english):
    prose = long_text([comment + " " for comment in english])
    among = [f"{word} {emoji} " for word, emoji in zip(prose.split(), itertools.cycle(EMOJI))]
    return {
        "5,000 chars English": prose,
        "5,000 chars emoji": long_text(EMOJI),
        "5,000 chars emoji among words": long_text(among),
        "5,000 chars Hebrew/Arabic (RTL)": long_text(RIGHT_TO_LEFT),
        "5,000 chars mixed scripts, lookalikes": long_text(MIXED),
    }


def summary(label, times, target, count):
    p95 = statistics.quantiles(times, n=20)[18] if len(times) > 1 else times[0]
    return {"label": label, "count": count, "median": statistics.median(times), "p95": p95, "target": target}


def timed(triage, article, text):
    """The CPU milliseconds of one triage of `text`, a comment on `article`."""
    return cpu_ms(lambda: triage(text, title=article["title"], raw_body=article["body"]))


def typical_rows(triage, article, comments):
    """The evaluation comments read once each, then REPEAT times each (median per comment)."""
    first = [timed(triage, article, text) for text in comments]
    per_comment = [
        statistics.median(timed(triage, article, text) for _ in range(REPEAT)) for text in comments
    ]
    return [
        summary("comments < 400 chars, first read", first, TYPICAL_MS, len(comments)),
        summary(f"comments < 400 chars, median of {REPEAT}", per_comment, TYPICAL_MS, len(comments)),
    ]


def long_row(triage, article, label, text):
    times = [timed(triage, article, text) for _ in range(REPEAT * 2)]
    return summary(label, times, LONG_MS, len(times))


def main():
    from moderation.safety import triage

    article = read_demo_data()["article"]
    with EVALUATION.open(encoding="utf-8") as rows:
        evaluation = list(csv.DictReader(rows))
    comments = [row["text"] for row in evaluation if len(row["text"]) < 400]
    english = [row["text"] for row in evaluation if row["language"] == "en"]

    print(f"peak RSS before Django: {RSS_BEFORE_DJANGO_MB:.0f} MB; Django set up in {SETUP_SECONDS:.2f} s")
    print(f"\n{'loading':<32} {'wall s':>7} {'CPU s':>7} {'max RSS MB':>10} {'GC objects':>10}")
    for label, wall, cpu, rss, objects in load(triage, article):
        print(f"{label:<32} {wall:>7.2f} {cpu:>7.2f} {rss:>10.0f} {objects:>10}")
    # As a worker does once the triage is loaded (cms/wsgi.py): what is loaded leaves the
    # garbage collector's walks.
    gc.freeze()

    rows, failures = [], 0
    measures = [lambda: typical_rows(triage, article, comments)]
    for label, text in long_texts(english).items():
        measures.append(lambda label=label, text=text: [long_row(triage, article, label, text)])
    for measure in measures:
        try:
            rows += measure()
        except Exception:  # noqa: BLE001 - any error is reported, and the exit status says so
            traceback.print_exc()
            failures += 1

    print(f"\n{'triage CPU':<40} {'n':>5} {'median ms':>9} {'p95 ms':>7} {'target ms':>9}  met")
    for row in rows:
        met = "yes" if row["median"] <= row["target"] else "no"
        print(
            f"{row['label']:<40} {row['count']:>5} {row['median']:>9.2f} {row['p95']:>7.2f} "
            f"{'<= ' + format(row['target'], '.0f'):>9}  {met}"
        )
    print(f"\npeak RSS at the end: {max_rss_mb():.0f} MB")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
