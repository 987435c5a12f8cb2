"""
A commenter's rights over their personal data, and how long the site keeps what it must not keep.

- `personal_data(email)`: everything stored about an address (the right of access).
- `commenter_erase(email=..., actor=...)`: delete every comment by an address and scrub their
  audit entries, in one transaction (the right to erasure).
- `anonymise_expired_client_data()`: blank IP addresses and user agents past
  COMMENT_IP_RETENTION_DAYS; safe to run from cron, concurrently, any number of times.

Other parts of the moderation app that store data about a commenter (a blocklist, trust
records) register a `PersonalDataSource`, so that the export shows it and the erasure handles
it, without this module knowing them.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..conf import moderation_settings
from ..models import AuditEntry, Comment
from ..text.normalise import email_key

ERASE_ACTION = "erase"
ERASED_STATUS = "erased"
RETENTION_BATCH_SIZE = 500


@dataclass(frozen=True)
class PersonalDataSource:
    """
    Somewhere else an address's data lives. `export(email)` returns JSON-ready data;
    `erase(email)`, when given, removes or anonymises it inside the erasure's transaction and
    returns how many records it changed. A source without `erase` keeps its records on purpose
    (say why where it registers).
    """

    name: str
    export: Callable[[str], object]
    erase: Callable[[str], int] | None = None


_sources: dict[str, PersonalDataSource] = {}


def register_personal_data_source(source: PersonalDataSource):
    """Add a source to every export and erasure; registering a name again replaces it."""
    _sources[source.name] = source


def personal_data_sources():
    return list(_sources.values())


def comments_by(email):
    """Every comment written with this address, whatever its status; addresses match in any case."""
    return Comment.objects.filter(author_email_key=email_key(email))


@dataclass(frozen=True)
class PersonalData:
    email: str
    comments: object
    audit_entries: object
    other: dict


def personal_data(email) -> PersonalData:
    """Everything stored about `email`: comments, their audit entries, each registered source."""
    comments = comments_by(email).select_related("article").order_by("created_at", "id")
    entries = AuditEntry.objects.filter(comment_id__in=comments.values("pk")).order_by("at", "id")
    other = {source.name: source.export(email) for source in personal_data_sources()}
    return PersonalData(email=email, comments=comments, audit_entries=entries, other=other)


@dataclass(frozen=True)
class Erasure:
    id: uuid.UUID
    comments_deleted: int
    audit_entries_scrubbed: int
    other: dict


@transaction.atomic
def commenter_erase(*, email, actor=None, source=AuditEntry.Source.API) -> Erasure:
    """
    Delete every comment by `email` and scrub the personal data from their audit entries.

    Replies by other people stay; they no longer point at the deleted comment. For each deleted
    comment the audit log gains an `erase` entry that names the comment id, who erased it and
    when, and nothing about the commenter; the entries of one request share an `erasure` id.
    Everything happens in one transaction: a failure leaves the data as it was.
    """
    erasure_id = uuid.uuid4()
    comments = list(comments_by(email).select_for_update().order_by("pk").values("pk", "status"))
    ids = [row["pk"] for row in comments]
    scrubbed = AuditEntry.objects.filter(comment_id__in=ids).erase_personal_data()
    Comment.objects.filter(pk__in=ids).delete()
    AuditEntry.objects.bulk_create(
        AuditEntry(
            comment_id=row["pk"],
            action=ERASE_ACTION,
            from_status=row["status"],
            to_status=ERASED_STATUS,
            actor=actor,
            actor_name=actor.get_username() if actor else "",
            source=source,
            details={"erasure": str(erasure_id)},
        )
        for row in comments
    )
    other = {s.name: s.erase(email) for s in personal_data_sources() if s.erase is not None}
    return Erasure(erasure_id, len(ids), scrubbed, other)


def anonymise_expired_client_data(*, now=None, days=None, batch_size=RETENTION_BATCH_SIZE) -> int:
    """
    Blank the IP address and user agent of comments older than the retention period.

    Works in batches of `batch_size`, each its own short transaction, walking the ids upwards
    so that it always ends; the update re-checks its condition, so two runs at once (or a run
    repeated) never count or change a comment twice. Returns how many comments it changed.
    """
    days = moderation_settings.COMMENT_IP_RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    expired = Comment.objects.filter(created_at__lt=cutoff).filter(
        Q(ip_address__isnull=False) | ~Q(user_agent="")
    )
    changed, last_id = 0, 0
    while True:
        ids = list(expired.filter(pk__gt=last_id).order_by("pk").values_list("pk", flat=True)[:batch_size])
        if not ids:
            return changed
        with transaction.atomic():
            changed += expired.filter(pk__in=ids).update(ip_address=None, user_agent="")
        last_id = ids[-1]
