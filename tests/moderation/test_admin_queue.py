"""The admin queue as a Wagtail listing: filters, search, order, and bulk actions."""

from datetime import datetime, timedelta
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from moderation.abuse.models import Commenter
from moderation.models import AuditEntry, Comment
from moderation.text.normalise import email_key
from tests.factories import ArticlePageFactory

from .factories import ApprovedCommentFactory, CommentFactory, EditorFactory, ModeratorFactory

pytestmark = pytest.mark.django_db

INDEX = "moderation_comments:index"


@pytest.fixture
def moderator_browser(client):
    client.force_login(ModeratorFactory(username="mia"))
    return client


def listed(browser, **params):
    """The bodies the queue lists for `params`, in its order."""
    response = browser.get(reverse(INDEX), params)
    assert response.status_code == 200
    return [comment.body for comment in response.context["object_list"]]


def test_the_queue_lists_pending_comments_flagged_first(moderator_browser):
    now = timezone.now()
    CommentFactory(body="Oldest", created_at=now - timedelta(hours=3))
    CommentFactory(body="Flagged", created_at=now - timedelta(hours=1), safety_flagged=True)
    CommentFactory(body="Public", status="approved")

    assert listed(moderator_browser) == ["Flagged", "Oldest"]
    assert listed(moderator_browser, status="approved") == ["Public"]
    assert sorted(listed(moderator_browser, status="all")) == ["Flagged", "Oldest", "Public"]


def test_the_queue_orders_by_spam_score_when_asked(moderator_browser):
    CommentFactory(body="Low", spam_score=1)
    CommentFactory(body="High", spam_score=4, safety_flagged=True)
    CommentFactory(body="Middle", spam_score=2)

    assert listed(moderator_browser, ordering="-spam_score") == ["High", "Middle", "Low"]
    assert listed(moderator_browser, ordering="spam_score") == ["Low", "Middle", "High"]


def test_the_article_filter_narrows_the_queue(moderator_browser):
    knee = ArticlePageFactory(title="Knee pain")
    CommentFactory(article=knee, body="About the knee")
    CommentFactory(body="About something else")

    assert listed(moderator_browser, article=knee.pk) == ["About the knee"]


def test_the_date_filter_narrows_the_queue(moderator_browser):
    CommentFactory(body="March", created_at=timezone.make_aware(datetime(2026, 3, 10, 12)))
    CommentFactory(body="April", created_at=timezone.make_aware(datetime(2026, 4, 10, 12)))

    assert listed(moderator_browser, created_at_from="2026-04-01", created_at_to="2026-04-30") == ["April"]


def test_the_spam_score_filter_narrows_the_queue(moderator_browser):
    CommentFactory(body="Clean", spam_score=0)
    CommentFactory(body="Suspicious", spam_score=3)

    assert listed(moderator_browser, spam_score_min=2) == ["Suspicious"]
    assert listed(moderator_browser, spam_score_max=1) == ["Clean"]


def test_the_safety_filter_narrows_the_queue(moderator_browser):
    CommentFactory(body="Flagged", safety_flagged=True)
    CommentFactory(body="Clear")

    assert listed(moderator_browser, safety_flagged="true") == ["Flagged"]
    assert listed(moderator_browser, safety_flagged="false") == ["Clear"]


def test_the_trusted_filter_narrows_the_queue_to_trusted_authors(moderator_browser):
    ApprovedCommentFactory(author_email="ada@example.org")
    Commenter.objects.create(email=email_key("ada@example.org"), email_confirmed_at=timezone.now())
    CommentFactory(author_email="ADA@example.org", body="From a trusted reader")
    CommentFactory(author_email="bob@example.org", body="From a new reader")

    assert listed(moderator_browser, trusted="true") == ["From a trusted reader"]
    assert listed(moderator_browser, trusted="false") == ["From a new reader"]


@pytest.mark.parametrize("query", ["knee brace", "Ada Lovelace", "ada@lovelace"])
def test_the_search_finds_by_body_name_or_email(moderator_browser, query):
    CommentFactory(
        body="Would a knee brace help?", author_name="Ada Lovelace", author_email="ada@lovelace.example"
    )
    CommentFactory(body="Thanks!", author_name="Bob", author_email="bob@example.org")

    assert listed(moderator_browser, q=query) == ["Would a knee brace help?"]


def bulk_url(action, comments):
    """As the listing's bulk action buttons link: the selected ids, and back to the queue after."""
    query = urlencode([*(("id", comment.pk) for comment in comments), ("next", reverse(INDEX))])
    return f"{reverse('wagtail_bulk_action', args=['moderation', 'comment', action])}?{query}"


def test_the_listing_offers_the_bulk_actions(moderator_browser):
    CommentFactory()

    html = moderator_browser.get(reverse(INDEX)).content.decode()

    for action, label in [
        ("approve", "Approve"),
        ("reject", "Reject"),
        ("spam", "Mark as spam"),
        ("remove", "Remove"),
    ]:
        assert reverse("wagtail_bulk_action", args=["moderation", "comment", action]) in html
        assert label in html


def test_a_bulk_approve_asks_then_approves_with_source_admin(moderator_browser):
    first, second = CommentFactory(body="First one"), CommentFactory(body="Second one")
    url = bulk_url("approve", [first, second])

    confirmation = moderator_browser.get(url)
    assert confirmation.status_code == 200
    assert "First one" in confirmation.content.decode() and "Second one" in confirmation.content.decode()
    assert Comment.objects.filter(status="approved").count() == 0

    done = moderator_browser.post(url, {"reason": "Both fine"}, follow=True)

    assert done.status_code == 200
    assert "2 comments are now approved." in done.content.decode()
    assert set(Comment.objects.values_list("status", flat=True)) == {"approved"}
    entries = AuditEntry.objects.filter(action="approve")
    assert [(e.source, e.actor_name, e.reason) for e in entries] == [("admin", "mia", "Both fine")] * 2


def test_a_refused_transition_in_bulk_is_reported_not_a_server_error(moderator_browser):
    waiting = CommentFactory(author_name="Waiting reader")
    rejected = CommentFactory(author_name="Rejected reader", status="rejected")

    response = moderator_browser.post(bulk_url("approve", [waiting, rejected]), {"reason": ""}, follow=True)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Comment by Rejected reader: Cannot approve this comment: it is rejected." in html
    assert "1 comment is now approved." in html
    assert Comment.objects.get(pk=rejected.pk).status == "rejected"
    assert Comment.objects.get(pk=waiting.pk).status == "approved"


def test_selecting_all_in_the_listing_keeps_to_its_filters(moderator_browser):
    flagged = CommentFactory(safety_flagged=True)
    other = CommentFactory()
    url = (
        reverse("wagtail_bulk_action", args=["moderation", "comment", "reject"])
        + "?id=all&safety_flagged=true"
    )

    moderator_browser.post(url, {"reason": ""})

    assert Comment.objects.get(pk=flagged.pk).status == "rejected"
    assert Comment.objects.get(pk=other.pk).status == "pending"


def test_bulk_actions_are_closed_to_non_moderators(client):
    client.force_login(EditorFactory())
    comment = CommentFactory()

    for method in (client.get, client.post):
        assert method(bulk_url("approve", [comment])).status_code in (302, 403)
    assert Comment.objects.get(pk=comment.pk).status == "pending"
