"""What an import did, counted as it goes, for the summary table the command prints."""

from collections import Counter
from dataclasses import dataclass, field

# The summary's sections, in the order it shows them.
SECTIONS = ("articles", "blocks", "library entries created", "comments by status", "comments")


@dataclass
class Report:
    counts: dict = field(default_factory=lambda: {name: Counter() for name in SECTIONS})
    changes: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    def count(self, section, key, n=1):
        self.counts[section][key] += n

    def change(self, line):
        self.changes.append(line)

    def warn(self, subject, message):
        self.warnings.append(f"{subject}: {message}")

    def rows(self):
        """(section, what, how many) for every count, sections in order, the largest first."""
        return [
            (section, key, n)
            for section in SECTIONS
            for key, n in sorted(self.counts[section].items(), key=lambda item: (-item[1], item[0]))
        ]
