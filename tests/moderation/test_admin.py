"""The Wagtail admin's comment queue: same services, same rules, source "admin"."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from moderation import services
from moderation.admin.buttons import article_comments_button
from moderation.canned_replies import CannedReply
from moderation.models import AuditEntry, Comment
from tests.factories import ArticlePageFactory

from .factories import ApprovedCommentFactory, CommentFactory, EditorFactory, ModeratorFactory

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


def test_the_detail_page_shows_signals_history_and_only_the_allowed_actions(moderator_browser):
    comment = CommentFactory(
        author_name="Ada",
        spam_signals=[{"name": "links", "score": 2, "detail": "3 links in the body"}],
        spam_score=2,
        safety_signals=[{"name": "red_flag", "matched": ["swollen"], "detail": "Swelling after a fall"}],
        safety_flagged=True,
    )
    services.comment_moderate(comment_id=comment.pk, action="approve", actor=None, reason="Looks fine")

    response = moderator_browser.get(reverse("moderation_comments:edit", args=[comment.pk]))

    html = response.content.decode()
    assert response.context["header_title"] == "Comment by Ada"
    assert [item["label"] for item in response.context["breadcrumbs_items"]][1:] == [
        "Comments",
        "Comment by Ada",
    ]
    assert "3 links in the body" in html and "Swelling after a fall" in html
    assert "Looks fine" in html
    buttons = [action.label for action in response.context["actions"]]
    assert buttons == ["Mark as spam", "Remove"]
    assert 'value="remove"' in html and 'value="approve"' not in html


def test_a_canned_reply_is_posted_as_a_staff_reply_and_audited(moderator_browser):
    comment = ApprovedCommentFactory()
    canned = CannedReply.objects.create(title="See a doctor", body="Please see a doctor before booking.")

    page = moderator_browser.get(reverse("moderation_comments:edit", args=[comment.pk]))
    response = moderator_browser.post(
        reverse("moderation_comments:reply", args=[comment.pk]), {"canned_reply": canned.pk, "body": ""}
    )

    assert "See a doctor" in page.content.decode()
    assert response.status_code == 302
    reply = Comment.objects.get(parent=comment)
    assert (reply.body, reply.status, reply.is_staff_reply) == (canned.body, "approved", True)
    entry = AuditEntry.objects.get(comment=reply)
    assert (entry.source, entry.details["canned_reply"]["title"]) == ("admin", "See a doctor")


def test_a_reply_needs_a_canned_reply_or_words(moderator_browser):
    comment = ApprovedCommentFactory()

    response = moderator_browser.post(
        reverse("moderation_comments:reply", args=[comment.pk]), {}, follow=True
    )

    assert "Pick a canned reply or write a reply." in response.content.decode()
    assert not Comment.objects.filter(parent=comment).exists()


def test_each_way_of_answering_is_offered_where_the_status_allows_it(moderator_browser):
    def offered(comment):
        response = moderator_browser.get(reverse("moderation_comments:edit", args=[comment.pk]))
        return {name for name, form in response.context["reply_forms"].items() if form}

    assert offered(CommentFactory()) == {"reply_privately", "approve_and_reply"}
    assert offered(ApprovedCommentFactory()) == {"reply_privately", "reply"}
    assert offered(CommentFactory(status="rejected")) == set()


def test_the_action_views_are_closed_to_editors(client):
    client.force_login(EditorFactory())
    comment = CommentFactory()

    for name, data in [
        ("action", {"action": "approve", "version": 1}),
        ("reply", {"body": "Hello there"}),
        ("reply_privately", {"body": "Hello there"}),
        ("approve_and_reply", {"body": "Hello there", "version": 1}),
        ("row_action", {"action": "approve", "version": 1}),
        ("row_reply", {"body": "Hello there"}),
    ]:
        response = client.post(reverse(f"moderation_comments:{name}", args=[comment.pk]), data)
        assert response.status_code in (302, 403)
    assert Comment.objects.get(pk=comment.pk).status == "pending"
    assert not Comment.objects.filter(parent=comment).exists()
    assert not AuditEntry.objects.filter(action="private-reply").exists()


def test_the_article_edit_page_links_to_its_comments(client):
    # A moderator who also edits pages, as in Wagtail's own "Editors" group.
    moderator = ModeratorFactory()
    moderator.groups.add(Group.objects.get(name="Editors"))
    client.force_login(moderator)
    article = ArticlePageFactory()
    CommentFactory.create_batch(2, article=article)
    ApprovedCommentFactory(article=article)
    CommentFactory()  # another article's

    response = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))

    html = response.content.decode()
    assert "Comments (2 pending, 1 approved)" in html
    assert f"{reverse('moderation_comments:index')}?article={article.pk}" in html


def test_the_article_comments_link_is_for_moderators_only():
    assert list(article_comments_button(ArticlePageFactory(), EditorFactory())) == []
