"""
The blocklist: which entries a submission matches, and the moderators' one-call block.

Everything is compared in one normalised form (moderation/text/normalise.py `fold`, links.py): words
match whole words in the name and the body; emails match exactly; IP entries are addresses or
networks; a domain matches the email's domain and the domain of every link the rendered body
holds (bare domains and mailto links included), subdomains included.
"""

import ipaddress
import re

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..conf import moderation_settings
from ..exceptions import SharedAddress
from ..text.links import link_domains, normalise_email
from ..text.normalise import fold
from .models import BlocklistEntry, normalise_blocklist_value

Kind = BlocklistEntry.Kind


def matching_entries(*, author_name, author_email, body, body_html, ip_address):
    """
    Every blocklist entry this submission matches, in the blocklist's order; `body_html` is the
    body as rendering.render_comment_body renders it, whose links are the ones readers would see.
    """
    email = normalise_email(author_email)
    domains = {email.rpartition("@")[2], *link_domains(body_html)}
    text = fold(f"{author_name}\n{body}")
    return [
        entry
        for entry in BlocklistEntry.objects.all()
        if _matches(entry, email=email, domains=domains, text=text, ip_address=ip_address)
    ]


def _matches(entry, *, email, domains, text, ip_address):
    if entry.kind == Kind.IP:
        return _in_network(ip_address, entry.value)
    # Entries stored before a change of the normal form still compare in today's.
    value = normalise_blocklist_value(entry.kind, entry.value)
    if entry.kind == Kind.EMAIL:
        return value == email
    if entry.kind == Kind.DOMAIN:
        return any(domain == value or domain.endswith("." + value) for domain in domains)
    return re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text) is not None


def _in_network(ip_address, network):
    if not ip_address:
        return False
    try:
        return ipaddress.ip_address(ip_address) in ipaddress.ip_network(network)
    except ValueError:
        return False


# Where proxies, the frontend's server and NATs live: RFC 1918, carrier-grade NAT, unique local.
PRIVATE_NETWORKS = tuple(
    ipaddress.ip_network(network)
    for network in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7")
)


def is_shared_address(ip_address):
    """
    Whether `ip_address` stands for more than one reader: loopback, link-local, private (what a
    proxy of ours or the frontend's server looks like when NUM_PROXIES is wrong, or a NAT), or
    one of COMMENT_OWN_ADDRESSES.
    """
    address = ipaddress.ip_address(ip_address)
    ours = [ipaddress.ip_network(value, strict=False) for value in moderation_settings.COMMENT_OWN_ADDRESSES]
    networks = [network for network in (*PRIVATE_NETWORKS, *ours) if network.version == address.version]
    return (
        address.is_loopback
        or address.is_link_local
        or address.is_unspecified
        or any(address in network for network in networks)
    )


def block_author(*, comment, email, ip, reason, actor, confirm_shared_address=False):
    """
    Block the comment's email address and/or IP address: the entries, new or already there,
    as `(entry, created)` pairs. Future submissions from them score as spam. An address that
    stands for many readers (is_shared_address) raises SharedAddress unless confirmed.
    """
    if ip and comment.ip_address and is_shared_address(comment.ip_address) and not confirm_shared_address:
        raise SharedAddress(
            _(
                "%(address)s is not one reader's address (loopback, private, or one of ours): "
                "blocking it would send every reader behind it to spam. Check NUM_PROXIES, or "
                "send confirm_shared_address to block it anyway."
            )
            % {"address": comment.ip_address}
        )
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
