"""The whole story: a reader comments, a moderator is told, approves and replies, readers see it."""

import json
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from rest_framework.test import APIClient

from tests.factories import ArticlePageFactory

from .helpers import action_url, comments_url, detail_url, history_url, queue_url, reply_url, stats_url
from .receiver import verify

pytestmark = pytest.mark.django_db


def test_reader_to_moderator_and_back(receiver, django_capture_on_commit_callbacks):
    def committed(call, *args, **kwargs):
        """Make a request and run what its transaction's commit triggers, as in production."""
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, format="json", **kwargs)

    article = ArticlePageFactory(slug="massage-for-knee-pain", title="Massage for knee pain")
    out = StringIO()
    call_command("create_moderator", "mia", "--email", "mia@shop.example", stdout=out)
    moderator = APIClient()
    moderator.credentials(HTTP_AUTHORIZATION=f"Token {out.getvalue().splitlines()[-1]}")
    reader = APIClient()

    receipt = committed(
        reader.post,
        comments_url(article.slug),
        {
            "author_name": "Ada",
            "author_email": "ada@example.org",
            "body": "Does this work for runners?",
            "notify": True,
        },
    )
    assert receipt.status_code == 202
    pk = receipt.json()["id"]

    # Not public yet; the moderator was emailed and finds it in the queue.
    assert reader.get(comments_url(article.slug)).json()["results"] == []
    # (the reader hears nothing about a comment not published yet)
    assert [message.to for message in mail.outbox] == [["mia@shop.example"]]
    assert [item["id"] for item in moderator.get(queue_url()).json()["results"]] == [pk]
    assert moderator.get(stats_url()).json()["counts"]["pending"] == 1

    etag = moderator.get(detail_url(pk))["ETag"]
    approved = committed(
        moderator.post, action_url(pk, "approve"), {"reason": "On topic"}, HTTP_IF_MATCH=etag
    )
    assert approved.status_code == 200
    # She asked to be told: published, with the link that confirms her address.
    assert mail.outbox[-1].to == ["ada@example.org"] and "confirm-email" in mail.outbox[-1].body
    reply = committed(moderator.post, reply_url(pk), {"body": "Yes, it helps runners too."})
    assert reply.status_code == 201

    public = reader.get(comments_url(article.slug)).json()["results"]
    assert [(c["author_name"], c["is_staff_reply"], c["parent"]) for c in public] == [
        ("Ada", False, None),
        # A moderator without a full name replies in the publisher's name, never their login's.
        ("ABD Naturals", True, pk),
    ]
    assert "ada@example.org" not in json.dumps(public)
    assert moderator.get(queue_url()).json()["count"] == 0
    history = moderator.get(history_url(pk)).json()["results"]
    assert [(e["action"], e["to_status"], e["actor"]) for e in history] == [
        ("submit", "pending", None),
        ("approve", "approved", "mia"),
    ]
    assert len(mail.outbox) == 2
    events = [json.loads(delivery["body"])["type"] for delivery in receiver.received]
    assert events == ["comment.created", "comment.status_changed", "comment.created"]
    assert all(verify(delivery) for delivery in receiver.received)
