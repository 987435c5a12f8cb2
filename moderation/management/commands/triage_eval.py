from django.core.management.base import BaseCommand, CommandError

from ...safety.evaluation import COMMENTS, evaluate


def percent(value):
    return "   -  " if value is None else f"{value:6.1%}"


class Command(BaseCommand):
    help = (
        "Measure the clinical-safety triage on a labelled evaluation set: recall and false-positive "
        "rate overall, per category and per kind. Exits non-zero under the targets."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", default=str(COMMENTS), help="A CSV: text,flagged,category,kind,language"
        )
        parser.add_argument("--min-recall", type=float, default=0.95)
        parser.add_argument("--max-false-positive-rate", type=float, default=0.05)
        parser.add_argument("--show-errors", action="store_true", help="List every miss and false alarm.")

    def handle(self, *args, path, min_recall, max_false_positive_rate, show_errors, **options):
        report = evaluate(path)
        self.stdout.write(f"Evaluation set: {path}\n")
        for title, tallies in (("Category", report.by_category), ("Kind", report.by_kind)):
            self.stdout.write(f"{title:<22} {'flagged':>7} {'recall':>7} {'harmless':>8} {'false +':>7}")
            for key, tally in sorted(tallies.items()):
                self.stdout.write(
                    f"{key:<22} {tally.flagged:>7} {percent(tally.recall):>7} "
                    f"{tally.harmless:>8} {percent(tally.false_positive_rate):>7}"
                )
            self.stdout.write("")
        overall = report.overall
        self.stdout.write(
            f"Overall: recall {percent(overall.recall).strip()} ({overall.held}/{overall.flagged}), "
            f"false-positive rate {percent(overall.false_positive_rate).strip()} "
            f"({overall.false_alarms}/{overall.harmless})"
        )
        if show_errors:
            self._errors("Missed", report.misses)
            self._errors("False alarms", report.false_alarms)
        if not report.meets(recall=min_recall, false_positive_rate=max_false_positive_rate):
            raise CommandError(
                f"Under target: recall must be >= {min_recall:.0%} and the false-positive rate "
                f"<= {max_false_positive_rate:.0%}."
            )

    def _errors(self, title, rows):
        self.stdout.write(f"\n{title} ({len(rows)}):")
        for row, signals in rows:
            found = (
                "; ".join(f"{s['concept']}={s['context']}: {', '.join(s['matched'])}" for s in signals) or "-"
            )
            self.stdout.write(f"- [{row['category']}/{row['kind']}] {row['text']}\n    {found}")
