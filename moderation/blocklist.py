"""
The blocklist: which entries a submission matches, and the moderators' one-call block.

Words match whole words (any case) in the name and the body; emails match exactly (any case);
IP entries are addresses or networks; a domain matches the email's domain and the host of any
link in the body, subdomains included.
"""

import ipaddress
import re

from django.db import IntegrityError, transaction

from .abuse_models import BlocklistEntry, normalise_blocklist_value
from .links import link_hosts

Kind = BlocklistEntry.Kind


def matching_entries(*, author_name, author_email, body, ip_address):
    """Every blocklist entry this submission matches, in the blocklist's order."""
    email = author_email.lower()
    domains = {email.rpartition("@")[2], *link_hosts(body)}
    text = f"{author_name}\n{body}"
    return [
        entry
        for entry in BlocklistEntry.objects.all()
        if _matches(entry, email=email, domains=domains, text=text, ip_address=ip_address)
    ]


def _matches(entry, *, email, domains, text, ip_address):
    if entry.kind == Kind.EMAIL:
        return entry.value == email
    if entry.kind == Kind.DOMAIN:
        return any(domain == entry.value or domain.endswith("." + entry.value) for domain in domains)
    if entry.kind == Kind.IP:
        return _in_network(ip_address, entry.value)
    return re.search(rf"(?<!\w){re.escape(entry.value)}(?!\w)", text, re.IGNORECASE) is not None


def _in_network(ip_address, network):
    if not ip_address:
        return False
    try:
        return ipaddress.ip_address(ip_address) in ipaddress.ip_network(network)
    except ValueError:
        return False


def block_author(*, comment, email, ip, reason, actor):
    """
    Block the comment's email address and/or IP address: the entries, new or already there,
    as `(entry, created)` pairs. Future submissions from them score as spam.
    """
    wanted = []
    if email:
        wanted.append((Kind.EMAIL, comment.author_email))
    if ip and comment.ip_address:
        wanted.append((Kind.IP, comment.ip_address))
    return [_block(kind, value, reason=reason, actor=actor) for kind, value in wanted]


def _block(kind, value, *, reason, actor):
    lookup = {"kind": kind, "value": normalise_blocklist_value(kind, value)}
    try:
        with transaction.atomic():
            return BlocklistEntry.objects.get_or_create(
                **lookup, defaults={"reason": reason, "created_by": actor}
            )
    except IntegrityError:  # created by a concurrent request meanwhile
        return BlocklistEntry.objects.get(**lookup), False
