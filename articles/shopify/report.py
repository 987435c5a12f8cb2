"""
What an import did, counted as it goes: the summary table the command prints, the notices
grouped by article, and the same notices as CSV (`--report FILE`) for a person to work through,
no cell of it a formula a spreadsheet would run (articles/spreadsheets.py).
"""

import csv
from collections import Counter
from dataclasses import dataclass, field

from articles.spreadsheets import neutralised

# The summary's sections, in the order it shows them.
SECTIONS = (
    "articles",
    "blocks",
    "library entries created",
    "redirects",
    "comments by status",
    "comments",
    "text survival",
    "notices by kind",
)
CSV_COLUMNS = ("level", "article", "kind", "message")


@dataclass(frozen=True)
class Notice:
    level: str  # "error" or "warning"
    subject: str  # the article's old address, "comment 123", or what else it is about
    kind: str
    message: str


@dataclass
class Report:
    counts: dict = field(default_factory=lambda: {name: Counter() for name in SECTIONS})
    changes: list = field(default_factory=list)
    notices: list = field(default_factory=list)

    def count(self, section, key, n=1):
        self.counts[section][key] += n

    def change(self, line):
        self.changes.append(line)

    def warn(self, subject, message, *, kind="other"):
        self._add(Notice("warning", subject, kind, message))

    def error(self, subject, message, *, kind="other"):
        self._add(Notice("error", subject, kind, message))

    def _add(self, notice):
        self.notices.append(notice)
        self.count("notices by kind", f"{notice.level}: {notice.kind}")

    @property
    def warnings(self):
        return [f"{notice.subject}: {notice.message}" for notice in self.notices]

    def rows(self):
        """(section, what, how many) for every count, sections in order, the largest first."""
        return [
            (section, key, n)
            for section in SECTIONS
            for key, n in sorted(self.counts[section].items(), key=lambda item: (-item[1], item[0]))
        ]

    def by_subject(self):
        """The notices grouped by what they are about, in the order each subject first came up."""
        groups = {}
        for notice in self.notices:
            groups.setdefault(notice.subject, []).append(notice)
        return groups

    def write_csv(self, path):
        with open(path, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(CSV_COLUMNS)
            for notices in self.by_subject().values():
                for notice in notices:
                    row = [notice.level, notice.subject, notice.kind, notice.message]
                    writer.writerow([neutralised(cell) for cell in row])
