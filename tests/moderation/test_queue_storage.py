"""
What the queue reads is stored with the comment: the rendered body is written by the services
and backfilled for older comments; the queue's queries do not grow with the comments it pages.
"""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from moderation.models import Comment
from tests.factories import ArticlePageFactory

from .factories import ApprovedCommentFactory, CommentFactory
from .helpers import comments_url, detail_url, queue_url, reply_url

pytestmark = pytest.mark.django_db

backfill = importlib.import_module("moderation.migrations.0005_render_comment_bodies")

LINKED_BODY = "See https://a.example\nthanks <b>you</b>"
LINKED_HTML = (
    '<p>See <a href="https://a.example" rel="nofollow ugc noopener">https://a.example</a>'
    "<br>thanks &lt;b&gt;you&lt;/b&gt;</p>"
)
VALID = {"author_name": "Ada", "author_email": "ada@example.org", "body": LINKED_BODY}


def test_a_submitted_comment_is_stored_with_its_html(reader, moderator_client, article):
    response = reader.post(comments_url(article.slug), VALID, format="json")

    assert response.status_code == 202
    assert Comment.objects.get(pk=response.json()["id"]).body_html == LINKED_HTML
    assert moderator_client.get(queue_url()).json()["results"][0]["body_html"] == LINKED_HTML


def test_an_edit_stores_the_new_html(moderator_client):
    comment = CommentFactory(body="Before the edit")

    response = moderator_client.patch(detail_url(comment.pk), {"body": "Edited: www.b.example"})

    assert response.status_code == 200
    expected = '<p>Edited: <a href="http://www.b.example" rel="nofollow ugc noopener">www.b.example</a></p>'
    assert response.json()["body_html"] == expected
    comment.refresh_from_db()
    assert (comment.body_html, comment.version) == (expected, 2)


def test_a_staff_reply_is_stored_with_its_html(moderator_client):
    parent = ApprovedCommentFactory()

    response = moderator_client.post(reply_url(parent.pk), {"body": LINKED_BODY}, format="json")

    assert response.status_code == 201
    assert Comment.objects.get(pk=response.json()["id"]).body_html == LINKED_HTML


def test_the_api_serves_the_stored_html(reader, moderator_client, article):
    comment = ApprovedCommentFactory(article=article, body="Plain words")
    Comment.objects.filter(pk=comment.pk).update(body_html="<p>The stored copy</p>")

    queue = moderator_client.get(queue_url(), {"status": "approved"}).json()["results"]
    public = reader.get(comments_url(article.slug)).json()["results"]

    assert [item["body_html"] for item in queue + public] == ["<p>The stored copy</p>"] * 2


def test_the_backfill_renders_every_comment_stored_without_html():
    old = [CommentFactory(body_html="", body=body) for body in (LINKED_BODY, "Two\n\nparagraphs", "Third")]
    versions = {comment.pk: (comment.version, comment.updated_at) for comment in old}

    backfill.render_stored_bodies(apps, None, batch_size=2)

    stored = Comment.objects.in_bulk([comment.pk for comment in old])
    assert [stored[comment.pk].body_html for comment in old] == [
        LINKED_HTML,
        "<p>Two</p>\n\n<p>paragraphs</p>",
        "<p>Third</p>",
    ]
    assert {pk: (c.version, c.updated_at) for pk, c in stored.items()} == versions


def test_the_backfill_leaves_rendered_comments_alone():
    rendered = CommentFactory(body="Already rendered", body_html="<p>Rendered before</p>")
    missing = CommentFactory(body="Not yet", body_html="")

    backfill.render_stored_bodies(apps, None)

    rendered.refresh_from_db()
    missing.refresh_from_db()
    assert (rendered.body_html, missing.body_html) == ("<p>Rendered before</p>", "<p>Not yet</p>")


def test_a_queue_item_is_the_comment_as_its_own_endpoint_shows_it(moderator_client, article):
    parent = ApprovedCommentFactory(article=article, body="The comment answered")
    CommentFactory(article=article, parent=parent, body=LINKED_BODY)
    CommentFactory(article=ArticlePageFactory(slug="hip-pain"))

    items = moderator_client.get(queue_url(), {"status": "all"}).json()["results"]

    assert len(items) == 3
    for item in items:
        detail = moderator_client.get(detail_url(item["id"])).json()
        # The detail adds the private answers the comment was sent.
        assert detail.pop("private_replies") == []
        assert detail == item


def test_the_count_follows_the_filters_that_need_a_join(moderator_client, article):
    CommentFactory.create_batch(3, article=article)
    CommentFactory.create_batch(2, article=ArticlePageFactory(slug="hip-pain"))

    response = moderator_client.get(queue_url(), {"article": "hip-pain"})

    assert response.json()["count"] == 2
    assert len(response.json()["results"]) == 2


def queue_queries(client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(queue_url(), params)
    assert response.status_code == 200
    return [query["sql"] for query in queries]


def test_the_queue_takes_the_same_queries_however_many_comments_it_holds(moderator_client, article):
    CommentFactory(article=article)
    few = queue_queries(moderator_client)
    parents = ApprovedCommentFactory.create_batch(3, article=article)
    for n in range(30):
        CommentFactory(article=ArticlePageFactory(slug=f"article-{n}"), parent=parents[n % 3])

    many = queue_queries(moderator_client)

    assert len(many) == len(few)
    counts = [sql for sql in many if "COUNT(" in sql]
    assert len(counts) == 1 and "JOIN" not in counts[0]


def test_the_data_export_does_not_repeat_the_body_as_html(moderator_client):
    CommentFactory(author_email="ada@example.org", body=LINKED_BODY)

    response = moderator_client.get(reverse("api:moderation-export"), {"email": "ada@example.org"})

    assert response.status_code == 200
    comment = response.json()["comments"][0]
    assert comment["body"] == LINKED_BODY and "body_html" not in comment
