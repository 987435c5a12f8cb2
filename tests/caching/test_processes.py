"""
Every change reaches every process. A real gunicorn with three workers serves the API in the
configuration `make test` runs in (the SQLite default with its file cache, or PostgreSQL and
Redis under CI); changes come through the API, through a management command (a process of its
own, as the admin on another worker or a cron job would be), and every one of 24 reads after it
shows the change, whichever worker answers.
"""

import itertools
import secrets

import pytest
from django.utils.http import parse_http_date

from tests.hardening.live import DEMO_ARTICLE, LiveServer

pytestmark = pytest.mark.live

READS = 24
COMMENTS = f"/api/v1/articles/{DEMO_ARTICLE}/comments/"
DETAIL = f"/api/v1/articles/{DEMO_ARTICLE}/"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    # Each test submits from an address of its own (X-Forwarded-For, one proxy of ours).
    live = LiveServer(
        tmp_path_factory.mktemp("processes"),
        workers=3,
        env={"NUM_PROXIES": "1", "COMMENT_THROTTLE_RATE": "5/min"},
    )
    try:
        live.start()
        yield live
    finally:
        live.stop()


# Addresses handed out in turn: a random one could repeat another test's, whose submissions the
# shared server's throttle still counts (the throttle test then saw 4 accepted, not 5).
ADDRESSES = (f"198.51.100.{n}" for n in itertools.count(1))


def client_address():
    """An address no other test of this module submitted from."""
    return next(ADDRESSES)


def read_all(server, path, headers=None):
    """The bodies of READS reads of `path` (gunicorn's workers take them in turn)."""
    answers = [server.request("GET", path, headers=headers) for _ in range(READS)]
    assert {status for status, _body in answers} == {200}
    return [body for _status, body in answers]


def submit(server, address, body, **fields):
    _status, token = server.request("GET", COMMENTS + "form-token/", headers={"X-Forwarded-For": address})
    submission = {
        "author_name": fields.pop("author_name", "Sam Reader"),
        "author_email": fields.pop("author_email", f"{secrets.token_hex(4)}@example.org"),
        "body": body,
        "form_token": token["form_token"],
        "website": "",
    }
    return server.request("POST", COMMENTS, submission, headers={"X-Forwarded-For": address})


def moderate(server, comment_id, action):
    status, _body = server.request(
        "POST",
        f"/api/v1/moderation/comments/{comment_id}/{action}/",
        {},
        headers={"Authorization": f"Token {server.token}"},
    )
    assert status == 200


def bodies(page):
    return [comment["body"] for comment in page["results"]]


def test_an_approved_comment_is_in_every_read(server):
    read_all(server, COMMENTS)
    text = f"Approved comment {secrets.token_hex(4)} about the knee."
    status, receipt = submit(server, client_address(), text)
    assert status == 202

    assert not any(text in bodies(page) for page in read_all(server, COMMENTS))
    moderate(server, receipt["id"], "approve")

    assert all(text in bodies(page) for page in read_all(server, COMMENTS))


def test_an_article_published_by_another_process_is_in_every_read(server):
    before = read_all(server, DETAIL)
    _status, old_headers, _detail = server.exchange("GET", DETAIL)
    title = f"Massage for knee pain ({secrets.token_hex(3)})"

    server.manage(
        "shell",
        "-c",
        "from articles.models import ArticlePage\n"
        f"page = ArticlePage.objects.get(slug={DEMO_ARTICLE!r})\n"
        f"page.title = {title!r}\n"
        "page.save_revision().publish()\n",
    )

    assert {detail["title"] for detail in before} != {title}
    assert {detail["title"] for detail in read_all(server, DETAIL)} == {title}
    listing = read_all(server, "/api/v1/articles/")
    assert all(title in [item["title"] for item in page["results"]] for page in listing)
    status, headers, _detail = server.exchange(
        "GET", DETAIL, headers={"If-Modified-Since": old_headers["Last-Modified"]}
    )
    assert status == 200
    assert parse_http_date(headers["Last-Modified"]) > parse_http_date(old_headers["Last-Modified"])


def test_an_erased_commenter_is_gone_from_every_read(server):
    email = f"erase-me-{secrets.token_hex(4)}@example.org"
    text = f"Words to erase {secrets.token_hex(4)}."
    _status, receipt = submit(server, client_address(), text, author_name="Erin Erased", author_email=email)
    moderate(server, receipt["id"], "approve")
    assert all(text in bodies(page) for page in read_all(server, COMMENTS))

    server.manage("erase_commenter", email)

    for page in read_all(server, COMMENTS):
        assert text not in bodies(page)
        assert "Erin Erased" not in [comment["author_name"] for comment in page["results"]]


def test_a_removed_comment_is_gone_from_every_read(server):
    text = f"Comment to remove {secrets.token_hex(4)}."
    _status, receipt = submit(server, client_address(), text)
    moderate(server, receipt["id"], "approve")
    assert all(text in bodies(page) for page in read_all(server, COMMENTS))

    moderate(server, receipt["id"], "remove")

    assert not any(text in bodies(page) for page in read_all(server, COMMENTS))


def test_the_comment_throttle_counts_across_workers(server):
    address = client_address()

    statuses = [submit(server, address, f"Comment {n} {secrets.token_hex(4)}.")[0] for n in range(12)]

    assert statuses == [202] * 5 + [429] * 7
