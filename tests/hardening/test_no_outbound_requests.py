"""The server never fetches a URL it reads in a comment: no link previews, no SSRF."""

import ipaddress
import socket
import urllib.request

import pytest
from django.test import Client
from django.urls import reverse

from moderation.models import Comment
from tests.moderation.helpers import comments_url, detail_url

pytestmark = pytest.mark.django_db

HOSTILE_URLS = [
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "https://attacker.example/track.png",
    "http://10.0.0.5:6379/",
    "www.internal.example/admin",
]


def is_local(host):
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@pytest.fixture
def outbound(monkeypatch):
    """Every attempt to resolve or reach a host other than this machine, refused and recorded."""
    attempts = []
    real_connect, real_getaddrinfo = socket.socket.connect, socket.getaddrinfo

    def connect(sock, address):
        if isinstance(address, tuple) and not is_local(address[0]):
            attempts.append(address)
            raise ConnectionRefusedError(f"outbound connection to {address} in a test")
        return real_connect(sock, address)

    def getaddrinfo(host, *args, **kwargs):
        if not is_local(host if isinstance(host, str) else None):
            attempts.append(host)
            raise socket.gaierror(f"outbound name lookup of {host} in a test")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return attempts


def test_the_guard_sees_an_outbound_request(outbound):
    with pytest.raises(OSError):
        urllib.request.urlopen("http://attacker.example/", timeout=1)  # noqa: S310

    assert outbound == ["attacker.example"]


def test_submitting_and_showing_a_comment_full_of_links_fetches_none(
    outbound, reader, moderator, moderator_client, article
):
    body = "Look: " + " and ".join(HOSTILE_URLS) + ' <img src="http://attacker.example/x.png">'
    submitted = reader.post(
        comments_url("knee-pain"),
        {"author_name": "http://attacker.example/", "author_email": "ada@example.org", "body": body},
        format="json",
    )
    comment_id = Comment.objects.get().pk
    # So many links may score as spam; publish it whatever the spam checks said.
    Comment.objects.filter(pk=comment_id).update(status=Comment.Status.APPROVED)
    public = reader.get(comments_url("knee-pain"))
    moderated = moderator_client.get(detail_url(comment_id))
    browser = Client()
    browser.force_login(moderator)
    admin_page = browser.get(reverse("moderation_comments:edit", args=[comment_id]))

    assert submitted.status_code == 202
    assert [r.status_code for r in (public, moderated, admin_page)] == [200, 200, 200]
    assert 'href="http://169.254.169.254/' in public.json()["results"][0]["body_html"]
    assert "<img" not in public.json()["results"][0]["body_html"]
    assert outbound == []
