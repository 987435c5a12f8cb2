"""
`manage.py retry_deliveries [--stuck-minutes N]`

Puts back in the queue, for one more attempt at once, the deliveries (emails, webhook events,
Akismet reports) that failed after every retry, once their mail server or receiver works again;
and those a worker left running for more than N minutes (30 by default), because it died mid-task.
Safe from cron (hourly): a webhook event keeps its id, so a receiver ignores one it already had.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand

from ...delivery import outbox
from .anonymise_comment_ips import at_least


class Command(BaseCommand):
    help = "Queue failed deliveries, and those a dead worker left running, for another attempt."

    def add_arguments(self, parser):
        parser.add_argument("--stuck-minutes", type=at_least(1), default=30)

    def handle(self, *args, stuck_minutes=30, **options):
        failed, stuck = outbox.requeue(timedelta(minutes=stuck_minutes))
        self.stdout.write(f"Queued again: {failed} failed delivery(ies), {stuck} left running by a worker.")
