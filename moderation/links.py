"""The links in a comment's text, as the spam checks and the blocklist see them."""

import re
from urllib.parse import urlsplit

LINK_RE = re.compile(r"(?:\bhttps?://|\bwww\.)[^\s<>\"']+", re.IGNORECASE)


def find_links(text):
    return LINK_RE.findall(text)


def link_hosts(text):
    """The host names the links of `text` point to, lower case, without a port."""
    hosts = set()
    for link in find_links(text):
        url = link if "://" in link else "http://" + link
        try:
            host = urlsplit(url).hostname
        except ValueError:
            continue
        if host:
            hosts.add(host.rstrip("."))
    return hosts
