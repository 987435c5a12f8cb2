"""The moderation queue: pending and oldest first by default, filtered as asked, all details."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import ArticlePageFactory

from .factories import CommentFactory
from .helpers import comments_url, detail_url, queue_url

pytestmark = pytest.mark.django_db

MODERATOR_FIELDS = {
    "id",
    "parent",
    "author_name",
    "body",
    "body_html",
    "created_at",
    "is_staff_reply",
    "verified_customer",
    "shopify_customer_id",
    "author_email",
    "ip_address",
    "user_agent",
    "status",
    "article",
    "parent_excerpt",
    "version",
    "spam_score",
    "spam_signals",
    "safety_flagged",
    "safety_signals",
    "notify_author",
    "updated_at",
}


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)


def test_the_default_queue_is_pending_comments_oldest_first(moderator_client):
    newer = CommentFactory(created_at=ago(hours=1))
    older = CommentFactory(created_at=ago(days=2))
    CommentFactory(status="approved", created_at=ago(days=3))

    assert ids(moderator_client.get(queue_url())) == [older.pk, newer.pk]


def test_an_item_carries_what_a_moderator_needs(moderator_client, article):
    parent = CommentFactory(article=article, status="approved", body="The first comment in the thread")
    CommentFactory(
        article=article,
        parent=parent,
        author_email="ada@example.org",
        ip_address="192.0.2.1",
        user_agent="Firefox",
        body="See https://a.example and https://b.example",
        spam_signals=[{"name": "links", "score": 1.0, "detail": "2 links in the body"}],
        spam_score=1.0,
    )

    item = moderator_client.get(queue_url()).json()["results"][0]

    assert set(item) == MODERATOR_FIELDS
    assert (item["author_email"], item["ip_address"], item["user_agent"]) == (
        "ada@example.org",
        "192.0.2.1",
        "Firefox",
    )
    assert item["article"] == {"slug": "knee-pain", "title": article.title}
    assert (item["parent"], item["parent_excerpt"]) == (parent.pk, "The first comment in the thread")
    assert item["status"] == "pending" and item["version"] == 1
    assert item["spam_signals"][0]["name"] == "links" and item["spam_score"] == 1.0


def test_a_submission_records_its_spam_signals(reader, moderator_client, article):
    reader.post(
        comments_url(article.slug),
        {"author_name": "Spam", "author_email": "s@example.org", "body": "http://a.example www.b.example"},
        format="json",
    )

    item = moderator_client.get(queue_url()).json()["results"][0]
    assert {"name": "links", "score": 1.0, "detail": "2 links in the body"} in item["spam_signals"]
    assert item["spam_score"] == sum(signal["score"] for signal in item["spam_signals"])


@pytest.mark.parametrize("status", ["approved", "rejected", "spam", "removed"])
def test_status_filters_the_queue(moderator_client, status):
    wanted = CommentFactory(status=status)
    CommentFactory()

    assert ids(moderator_client.get(queue_url(), {"status": status})) == [wanted.pk]


def test_status_all_lists_every_comment(moderator_client):
    comments = [CommentFactory(status=status) for status in ["pending", "approved", "spam"]]

    assert ids(moderator_client.get(queue_url(), {"status": "all"})) == [c.pk for c in comments]


def test_article_author_email_and_date_filters(moderator_client):
    other = ArticlePageFactory(slug="back-pain")
    on_other = CommentFactory(article=other, created_at=ago(days=10))
    by_ada = CommentFactory(author_email="Ada@Example.org", created_at=ago(days=5))
    # Now is today in every time zone and at every hour; an hour ago is yesterday after midnight.
    recent = CommentFactory(created_at=timezone.now())

    assert ids(moderator_client.get(queue_url(), {"article": "back-pain"})) == [on_other.pk]
    assert ids(moderator_client.get(queue_url(), {"author_email": "ada@example.org"})) == [by_ada.pk]
    after = (timezone.now() - timedelta(days=6)).isoformat()
    before = (timezone.now() - timedelta(days=1)).isoformat()
    assert ids(moderator_client.get(queue_url(), {"created_after": after, "created_before": before})) == [
        by_ada.pk
    ]
    assert ids(moderator_client.get(queue_url(), {"created_after": timezone.localdate().isoformat()})) == [
        recent.pk
    ]


def test_a_date_with_any_offset_python_accepts_filters_in_utc(moderator_client):
    """PostgreSQL refuses offsets beyond 16 hours; the filter hands it UTC, never a 500."""
    early = CommentFactory(created_at=ago(days=3))
    CommentFactory(created_at=timezone.now())
    before = (timezone.now() - timedelta(days=2)).astimezone(timezone.get_fixed_timezone(-(17 * 60 + 47)))

    response = moderator_client.get(queue_url(), {"created_before": before.isoformat()})

    assert ids(response) == [early.pk]
    fuzzed = {"created_before": "0255-03-26T16:39:58-17:47"}
    assert moderator_client.get(queue_url(), fuzzed).status_code == 200


def test_search_looks_in_body_name_and_email(moderator_client):
    by_body = CommentFactory(body="Arnica worked wonders")
    by_name = CommentFactory(author_name="Arnie")
    by_email = CommentFactory(author_email="arnold@example.org")
    CommentFactory(body="Nothing to see", author_name="Bea", author_email="bea@example.org")

    assert ids(moderator_client.get(queue_url(), {"search": "ARN"})) == [by_body.pk, by_name.pk, by_email.pk]


def test_ordering_newest_first(moderator_client):
    older = CommentFactory(created_at=ago(days=1))
    newer = CommentFactory(created_at=ago(hours=1))

    assert ids(moderator_client.get(queue_url(), {"ordering": "-created_at"})) == [newer.pk, older.pk]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"status": "published"}, "status"),
        ({"created_after": "yesterday"}, "created_after"),
        ({"created_before": "2024-13-45"}, "created_before"),
        ({"ordering": "author_email"}, "ordering"),
    ],
)
def test_invalid_filter_values_are_a_400(moderator_client, params, field):
    response = moderator_client.get(queue_url(), params)

    assert response.status_code == 400
    assert field in response.json()


def test_one_request_s_filters_leave_the_next_request_alone(moderator_client):
    """The filters' form class and the serializer's fields are built once per process, not per request."""
    pending = CommentFactory()
    spam = CommentFactory(status="spam")

    assert moderator_client.get(queue_url(), {"status": "published"}).status_code == 400
    assert ids(moderator_client.get(queue_url(), {"status": "spam"})) == [spam.pk]
    assert ids(moderator_client.get(queue_url())) == [pending.pk]
    item = moderator_client.get(queue_url()).json()["results"][0]
    assert set(item) == MODERATOR_FIELDS
    assert moderator_client.get(queue_url(), {"created_after": "yesterday"}).json() == {
        "created_after": ["Enter a valid date/time."]
    }


def test_the_queue_takes_a_fixed_number_of_queries(moderator_client, django_assert_max_num_queries):
    parent = CommentFactory(status="approved")
    CommentFactory.create_batch(20, article=parent.article, parent=parent)

    with django_assert_max_num_queries(6):
        assert len(ids(moderator_client.get(queue_url()))) == 20


def test_one_comment_in_detail_carries_its_version_as_etag(moderator_client):
    comment = CommentFactory(version=4)

    response = moderator_client.get(detail_url(comment.pk))

    assert response.status_code == 200
    assert set(response.json()) == {*MODERATOR_FIELDS, "private_replies"}
    assert response["ETag"] == '"4"'


def test_an_unknown_comment_is_404(moderator_client):
    assert moderator_client.get(detail_url(31337)).status_code == 404
