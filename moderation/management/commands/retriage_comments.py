"""
`manage.py retriage_comments [--status pending]`

Reads stored comments again with today's clinical-safety triage, after its lexicons or rules
changed, and prints each comment whose signals changed: raised, cleared or reworded. A comment's
status is never changed: a newly flagged pending comment moves to the top of the queue, a newly
flagged approved one stays published and shows its flag to moderators.
"""

from django.core.management.base import BaseCommand

from ...models import Comment
from ...safety import is_flagged
from ...services import comment_retriage


def describe(signals):
    flagged = [signal for signal in signals if signal.get("flagged", True)]
    return ", ".join(signal.get("label") or signal.get("name", "") for signal in flagged) or "none"


class Command(BaseCommand):
    help = "Triage stored comments again and print those whose safety signals changed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--status",
            choices=[*Comment.Status.values, "all"],
            default="all",
            help="Only comments of this status (default: all).",
        )

    def handle(self, *args, status, **options):
        comments = Comment.objects.order_by("pk")
        if status != "all":
            comments = comments.filter(status=status)
        read = changed = raised = cleared = 0
        for pk in comments.values_list("pk", flat=True).iterator():
            comment, previous = comment_retriage(comment_id=pk)
            read += 1
            if comment.safety_signals == previous:
                continue
            changed += 1
            was, now = is_flagged(previous), comment.safety_flagged
            raised += now and not was
            cleared += was and not now
            was_read, now_read = describe(previous), describe(comment.safety_signals)
            self.stdout.write(f"Comment {comment.pk} ({comment.status}): {was_read} -> {now_read}")
        self.stdout.write(
            f"Read {read} comment(s): {changed} changed, {raised} newly flagged, {cleared} no longer flagged."
        )
