"""
`manage.py anonymise_comment_ips [--days N] [--batch-size N]`

Blanks the IP address and user agent of comments older than COMMENT_IP_RETENTION_DAYS (90 by
default). Meant for cron, daily: it works in small batches, changes nothing the second time, and
two runs at once do no harm.
"""

from django.core.management.base import BaseCommand

from ...conf import moderation_settings
from ...privacy.rights import RETENTION_BATCH_SIZE, anonymise_expired_client_data


def at_least(minimum):
    """An argparse type: an integer no smaller than `minimum`."""

    def parse(value):
        number = int(value)
        if number < minimum:
            raise ValueError(value)
        return number

    parse.__name__ = f"integer >= {minimum}"
    return parse


class Command(BaseCommand):
    help = "Anonymise the IP address and user agent of comments past the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=at_least(0),
            default=None,
            help="Keep this many days instead of COMMENT_IP_RETENTION_DAYS.",
        )
        parser.add_argument("--batch-size", type=at_least(1), default=RETENTION_BATCH_SIZE)

    def handle(self, *args, days=None, batch_size=RETENTION_BATCH_SIZE, **options):
        days = moderation_settings.COMMENT_IP_RETENTION_DAYS if days is None else days
        changed = anonymise_expired_client_data(days=days, batch_size=batch_size)
        self.stdout.write(f"Anonymised {changed} comment(s) older than {days} days.")
