"""
The triage measured against labelled comments (`make triage-eval`, evaluation/triage/).

Each row of an evaluation set is a comment as a reader wrote it, whether a clinician would hold it
for a person (`flagged`), the concept it is about (`category`), how it is worded (`kind`: plain,
colloquial, misspelled, third_person, french, near_miss, negated...) and its language. The comments
are read as comments on the demo article, "Massage for Knee Pain", so that its own cautions count
as they do in production. What is reported: recall (flagged comments held) and the false-positive
rate (harmless comments held), overall, per category and per kind, and the comments it got wrong.
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from articles.demo.loader import read_demo_data

from .decide import is_flagged, triage

ROOT = Path(__file__).resolve().parents[2]
SETS = ROOT / "evaluation" / "triage"
COMMENTS = SETS / "comments.csv"


@dataclass
class Tally:
    flagged: int = 0  # labelled flagged
    held: int = 0  # of those, held by the triage
    harmless: int = 0
    false_alarms: int = 0

    def add(self, expected, got):
        if expected:
            self.flagged += 1
            self.held += got
        else:
            self.harmless += 1
            self.false_alarms += got

    @property
    def recall(self):
        return self.held / self.flagged if self.flagged else None

    @property
    def false_positive_rate(self):
        return self.false_alarms / self.harmless if self.harmless else None


@dataclass
class Report:
    overall: Tally = field(default_factory=Tally)
    by_category: dict = field(default_factory=dict)
    by_kind: dict = field(default_factory=dict)
    misses: list = field(default_factory=list)  # (row, signals)
    false_alarms: list = field(default_factory=list)

    def meets(self, *, recall, false_positive_rate):
        return self.overall.recall >= recall and self.overall.false_positive_rate <= false_positive_rate


def evaluate(path):
    """The triage's figures on the evaluation set at `path`."""
    article = read_demo_data()["article"]
    report = Report()
    for row in read_rows(path):
        signals = triage(row["text"], title=article["title"], raw_body=article["body"])
        expected, got = row["flagged"] == "1", is_flagged(signals)
        for tallies, key in ((report.by_category, row["category"]), (report.by_kind, row["kind"])):
            tallies.setdefault(key, Tally()).add(expected, got)
        report.overall.add(expected, got)
        if expected and not got:
            report.misses.append((row, signals))
        elif got and not expected:
            report.false_alarms.append((row, signals))
    return report


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))
