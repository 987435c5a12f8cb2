"""
The triage measured on the labelled evaluation sets in evaluation/triage/: the targets of issue 25
(recall >= 0.95, false-positive rate <= 0.05) hold, and `manage.py triage_eval` prints the figures.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from moderation.safety.evaluation import COMMENTS, SETS, evaluate, read_rows

RECALL, FALSE_POSITIVE_RATE = 0.95, 0.05


@pytest.mark.parametrize("path", sorted(SETS.glob("*.csv")), ids=lambda path: path.stem)
def test_the_triage_meets_its_targets(path):
    report = evaluate(path)

    misses = [row["text"] for row, _ in report.misses]
    false_alarms = [row["text"] for row, _ in report.false_alarms]
    assert report.overall.recall >= RECALL, misses
    assert report.overall.false_positive_rate <= FALSE_POSITIVE_RATE, false_alarms


def test_the_evaluation_set_covers_every_category_in_every_wording():
    rows = read_rows(COMMENTS)
    flagged = [row for row in rows if row["flagged"] == "1"]

    assert len(rows) >= 400
    categories = {row["category"] for row in flagged} - {"unreadable_language"}
    kinds = ("plain", "colloquial", "indirect", "misspelled", "third_person", "french", "spanish")
    for category in categories:
        worded = {row["kind"] for row in flagged if row["category"] == category}
        assert set(kinds) <= worded, category
    assert {"near_miss", "praise", "negated", "history"} <= {
        row["kind"] for row in rows if row["flagged"] == "0"
    }


def test_the_command_prints_the_figures_per_category_and_kind(tmp_path):
    output = StringIO()

    call_command("triage_eval", str(COMMENTS), stdout=output)

    printed = output.getvalue()
    assert "blood_clot" in printed and "misspelled" in printed and "near_miss" in printed
    assert "Overall: recall " in printed and "false-positive rate " in printed


def test_the_command_fails_under_its_targets(tmp_path):
    path = tmp_path / "set.csv"
    path.write_text(
        "text,flagged,category,kind,language\n"
        "My knee is fine.,1,hot_swollen,plain,en\n"
        "I'm on warfarin.,1,blood_clot,plain,en\n",
        encoding="utf-8",
    )

    with pytest.raises(CommandError, match="Under target"):
        call_command("triage_eval", str(path), stdout=StringIO())
