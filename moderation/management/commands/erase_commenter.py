"""
`manage.py erase_commenter EMAIL`

A commenter's right to erasure from the command line: the same service as
`POST /api/v1/moderation/erase/`, recorded in the audit log with source `system`.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from ...models import AuditEntry
from ...privacy.rights import commenter_erase


class Command(BaseCommand):
    help = "Delete every comment by an email address and scrub it from the audit log."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email!r} is not a valid email address.") from None
        erasure = commenter_erase(email=email, source=AuditEntry.Source.SYSTEM)
        self.stdout.write(
            f"Erasure {erasure.id}: deleted {erasure.comments_deleted} comment(s), scrubbed "
            f"{erasure.audit_entries_scrubbed} audit entry(ies)."
        )
        for name, count in erasure.other.items():
            self.stdout.write(f"{name}: {count} record(s) erased.")
