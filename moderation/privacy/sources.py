"""
The abuse-protection records that can name a commenter, registered with moderation/privacy/rights.py
(from the app's `ready()`), so that the export shows them and the erasure handles them.

- `commenter`: the address's confirmation and trust record. Erased with the comments: a returning
  commenter starts again, unconfirmed and untrusted.
- `blocklist`: entries for the address itself, or for an IP address its comments came from.
  Exported, but deliberately kept by an erasure: a block is the moderators' protection against
  abuse, not the commenter's content, and erasing it would let a spammer lift their own block.
"""

import ipaddress

from ..abuse.models import BlocklistEntry, Commenter
from ..text.normalise import email_key
from .rights import PersonalDataSource, comments_by, register_personal_data_source


def export_commenter(email):
    return list(
        Commenter.objects.filter(email=email_key(email)).values(
            "email",
            "created_at",
            "confirmation_sent_at",
            "email_confirmed_at",
            "trust_revoked_at",
            "trust_revoked_reason",
            "unsubscribed_at",
        )
    )


def erase_commenter(email):
    deleted, _ = Commenter.objects.filter(email=email_key(email)).delete()
    return deleted


def export_blocklist(email):
    ips = {
        str(ipaddress.ip_network(ip))
        for ip in comments_by(email).exclude(ip_address=None).values_list("ip_address", flat=True)
    }
    entries = BlocklistEntry.objects.filter(kind=BlocklistEntry.Kind.EMAIL, value=email.strip().lower())
    entries |= BlocklistEntry.objects.filter(kind=BlocklistEntry.Kind.IP, value__in=ips)
    return list(entries.values("kind", "value", "reason", "created_at"))


def register():
    register_personal_data_source(PersonalDataSource("commenter", export_commenter, erase_commenter))
    register_personal_data_source(PersonalDataSource("blocklist", export_blocklist))
