"""The Wagtail admin's comment queue: same services, same rules, source "admin"."""

import pytest
from django.urls import reverse

from moderation.models import AuditEntry, Comment

from .factories import CommentFactory, EditorFactory, ModeratorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator_browser(client):
    client.force_login(ModeratorFactory(username="mia"))
    return client


def test_the_queue_lists_pending_comments_for_moderators(moderator_browser):
    waiting = CommentFactory(body="Please approve me")
    CommentFactory(status="approved", body="Already public")

    response = moderator_browser.get(reverse("moderation_comments:index"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Please approve me" in html and "Already public" not in html
    assert waiting.author_email in html


def test_the_queue_and_menu_are_closed_to_editors(client):
    client.force_login(EditorFactory())
    comment = CommentFactory()

    for url in (reverse("moderation_comments:index"), reverse("moderation_comments:edit", args=[comment.pk])):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert comment.body not in response.content.decode()
    assert (
        reverse("moderation_comments:index") not in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_the_detail_page_shows_the_comment_and_its_history(moderator_browser):
    comment = CommentFactory(ip_address="192.0.2.44")

    response = moderator_browser.get(reverse("moderation_comments:edit", args=[comment.pk]))

    assert response.status_code == 200
    assert "192.0.2.44" in response.content.decode()


def test_an_admin_action_goes_through_the_workflow_with_source_admin(moderator_browser):
    comment = CommentFactory()

    response = moderator_browser.post(
        reverse("moderation_comments:action", args=[comment.pk]),
        {"action": "approve", "reason": "Good", "version": 1},
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.version) == ("approved", 2)
    entry = AuditEntry.objects.get(comment=comment)
    assert (entry.action, entry.source, entry.actor_name, entry.reason) == ("approve", "admin", "mia", "Good")


def test_an_admin_action_is_refused_like_the_apis(moderator_browser):
    comment = CommentFactory(status="rejected")
    url = reverse("moderation_comments:action", args=[comment.pk])

    refused = moderator_browser.post(url, {"action": "approve", "version": 1}, follow=True)
    stale = moderator_browser.post(url, {"action": "restore", "version": 7}, follow=True)

    assert "it is rejected" in refused.content.decode()
    assert "changed since you loaded it" in stale.content.decode()
    assert Comment.objects.get(pk=comment.pk).status == "rejected"


def test_an_admin_edit_keeps_the_original_in_history(moderator_browser):
    comment = CommentFactory(body="Original body")

    moderator_browser.post(
        reverse("moderation_comments:edit_body", args=[comment.pk]), {"body": "Edited body", "version": 1}
    )

    comment.refresh_from_db()
    assert comment.body == "Edited body"
    entry = AuditEntry.objects.get(comment=comment, action="edit")
    assert (entry.source, entry.details["previous_body"]) == ("admin", "Original body")
