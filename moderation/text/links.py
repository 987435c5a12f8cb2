"""
The links in a comment as the renderer makes them, and the one spelling of a domain or an email
address that the blocklist compares.

Counting what the renderer links (rendering.py: Django's urlize, then nh3) rather than what a
pattern of ours finds means every link a reader will see is counted: full URLs, bare domains
(`evil.com/pills`) and email addresses (mailto links) alike.
"""

import html
import re
from urllib.parse import unquote, urlsplit

from .normalise import fold

HREF_RE = re.compile(r'<a href="([^"]*)"')


def rendered_links(body_html):
    """The address of every link a body rendered by rendering.render_comment_body holds."""
    return [html.unescape(href) for href in HREF_RE.findall(body_html)]


def link_domains(body_html):
    """The domains the links of a rendered body lead to (web hosts, mailto domains), normalised."""
    domains = set()
    for link in rendered_links(body_html):
        if link.lower().startswith("mailto:"):
            domain = link.rpartition("@")[2]
        else:
            try:
                domain = urlsplit(link).hostname or ""
            except ValueError:
                continue
        if domain:
            domains.add(normalise_domain(domain))
    return domains


def normalise_domain(domain):
    """
    A domain as the blocklist compares it: percent-escapes decoded (a browser reads
    `evil%2ecom` as evil.com), folded (moderation/text/normalise.py: fullwidth letters, invisible
    characters, case), without a trailing dot, and in IDNA's ASCII form.
    """
    domain = fold(unquote(domain)).strip().strip(".")
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain


def normalise_email(email):
    """An email address as the blocklist compares it: its local part folded, its domain normalised."""
    local, _at, domain = email.strip().rpartition("@")
    return f"{fold(local)}@{normalise_domain(domain)}"
