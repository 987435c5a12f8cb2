"""
Issue 28 in the admin: the queue's rows act in place (Approve, Mark as spam, Reply privately), the
spam score reads against its threshold, and the comment page answers readers privately or
approves and replies in one step, showing what was sent.
"""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from django.urls import reverse

from moderation.models import AuditEntry, CannedReply, Comment

from .factories import ApprovedCommentFactory, CommentFactory, ModeratorFactory

pytestmark = pytest.mark.django_db

SEE_A_DOCTOR = "Please see your doctor before booking: a hot, swollen knee needs checking first."
IN_PLACE = {"headers": {"x-requested-with": "XMLHttpRequest"}}


@pytest.fixture
def moderator_browser(client):
    client.force_login(ModeratorFactory(username="mia"))
    return client


def url(name, comment):
    return reverse(f"moderation_comments:{name}", args=[comment.pk])


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_a_row_approves_in_place_and_answers_with_the_same_filtered_results(moderator_browser):
    comment = CommentFactory(author_name="Grace")
    CommentFactory(author_name="Flagged", safety_flagged=True)
    listing = "status=pending&safety_flagged=false"

    response = moderator_browser.post(
        url("row_action", comment),
        {"action": "approve", "version": 1, "listing": listing},
        follow=True,
        **IN_PLACE,
    )

    assert response.redirect_chain == [(f"{reverse('moderation_comments:index_results')}?{listing}", 302)]
    assert Comment.objects.get(pk=comment.pk).status == "approved"
    page = soup(response)
    assert page.select_one(".moderation-row-messages").get_text(strip=True) == "Comment by Grace: approved."
    assert page.find("html") is None  # the results alone, for w-swap to put in place
    assert "Flagged" not in page.get_text()  # still filtered: the flagged comment is not listed
    assert AuditEntry.objects.get(comment=comment, action="approve").source == "admin"


def test_without_javascript_a_row_comes_back_to_the_whole_listing(moderator_browser):
    comment = CommentFactory()

    response = moderator_browser.post(
        url("row_action", comment), {"action": "spam", "version": 1, "listing": "status=pending&p=1"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('moderation_comments:index')}?status=pending&p=1"
    assert Comment.objects.get(pk=comment.pk).status == "spam"


def test_a_stale_row_is_refused_and_says_why(moderator_browser):
    comment = CommentFactory(version=2)

    response = moderator_browser.post(
        url("row_action", comment),
        {"action": "approve", "version": 1, "listing": ""},
        follow=True,
        **IN_PLACE,
    )

    assert Comment.objects.get(pk=comment.pk).status == "pending"
    assert soup(response).select_one(".moderation-row-messages li.error")


def test_a_row_offers_only_what_its_status_allows(moderator_browser):
    CommentFactory(author_name="Waiting")
    ApprovedCommentFactory(author_name="Published")

    page = soup(moderator_browser.get(reverse("moderation_comments:index"), {"status": "all"}))

    def offered(name):
        row = next(row for row in page.select("tbody tr") if name in row.get_text())
        actions = [field["value"] for field in row.select(".moderation-row-actions input[name=action]")]
        return actions, bool(row.select("[data-a11y-dialog-show]"))

    assert offered("Waiting") == (["approve", "spam"], True)
    assert not page.select(".moderation-answered")
    assert offered("Published") == (["spam"], True)


def test_a_row_replies_privately_and_the_reader_is_emailed(
    moderator_browser, django_capture_on_commit_callbacks
):
    comment = CommentFactory(author_name="Priya", safety_flagged=True, body="My knee is hot and swollen.")
    canned = CannedReply.objects.create(title="See your doctor", body=SEE_A_DOCTOR)

    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_browser.post(
            url("row_reply", comment),
            {
                "canned_reply": canned.pk,
                "body": SEE_A_DOCTOR + " We will be glad to see you after.",
                "listing": "",
            },
            follow=True,
            **IN_PLACE,
        )

    page = soup(response)
    assert page.select_one(".moderation-row-messages").get_text(strip=True) == "Private reply sent to Priya."
    assert page.select_one("tbody tr .moderation-answered").get_text(strip=True) == "Answered privately"
    entry = AuditEntry.objects.get(comment=comment, action="private-reply")
    assert entry.details["body"] == SEE_A_DOCTOR + " We will be glad to see you after."
    assert entry.details["canned_reply"]["title"] == "See your doctor"
    assert Comment.objects.get(pk=comment.pk).status == "pending"
    (message,) = mail.outbox
    assert message.to == [comment.author_email]


def test_the_spam_score_reads_against_the_threshold_with_its_signals_in_words(moderator_browser):
    CommentFactory(
        spam_score=2,
        spam_signals=[{"name": "form_token", "score": 2.0, "detail": "Form token missing."}],
    )

    page = soup(moderator_browser.get(reverse("moderation_comments:index")))

    cell = page.select_one("td.moderation-spam")
    assert cell.select_one(".moderation-spam__score").get_text(strip=True) == "2 of 5"
    assert [item.get_text() for item in cell.select("li")] == ["Not sent from the comment form"]
    assert "form_token" not in cell.get_text()


def test_choosing_a_canned_reply_carries_its_words_to_the_reply_box(moderator_browser):
    comment = CommentFactory()
    CannedReply.objects.create(title="See your doctor", body=SEE_A_DOCTOR)

    page = soup(moderator_browser.get(url("edit", comment)))

    form = page.select_one(f"form[action='{url('reply_privately', comment)}']")
    assert form["data-controller"] == "moderation-canned-reply"
    choice = form.find("input", {"data-reply-body": SEE_A_DOCTOR})
    assert choice["data-action"] == "change->moderation-canned-reply#fill"
    assert form.select_one("textarea")["data-moderation-canned-reply-target"] == "body"


def test_the_comment_page_replies_privately_and_shows_what_was_sent(
    moderator_browser, django_capture_on_commit_callbacks
):
    comment = CommentFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_browser.post(
            url("reply_privately", comment), {"body": SEE_A_DOCTOR}, follow=True
        )

    assert response.redirect_chain == [(url("edit", comment), 302)]
    page = soup(response)
    assert "Private reply sent to" in page.select_one(".messages").get_text()
    answer = page.select_one(".moderation-answer--private")
    assert SEE_A_DOCTOR in answer.get_text()
    assert SEE_A_DOCTOR in page.select_one("#history-content").get_text()
    assert len(mail.outbox) == 1


def test_approve_and_reply_publishes_both_and_the_reply_shows_on_the_page(moderator_browser):
    comment = CommentFactory()
    thanks = "Thank you for sharing this: approved."

    response = moderator_browser.post(
        url("approve_and_reply", comment), {"body": thanks, "version": 1}, follow=True
    )

    comment.refresh_from_db()
    assert comment.status == "approved"
    reply = Comment.objects.get(parent=comment, is_staff_reply=True)
    assert (reply.body, reply.status) == (thanks, "approved")
    page = soup(response)
    assert thanks in page.select_one(".moderation-answer").get_text()
    history = page.select_one("#history-content").get_text()
    assert "approve" in history
    assert thanks in history


def test_approve_and_reply_on_a_stale_page_changes_nothing(moderator_browser):
    comment = CommentFactory(version=3)

    response = moderator_browser.post(
        url("approve_and_reply", comment), {"body": "Thank you, approved.", "version": 1}, follow=True
    )

    assert Comment.objects.get(pk=comment.pk).status == "pending"
    assert not Comment.objects.filter(parent=comment).exists()
    assert soup(response).select_one(".messages .error")


@pytest.fixture
def strict_browser():
    """A browser whose posts are checked for the CSRF token, as a real one's are."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(ModeratorFactory())
    return client


def posted_form(browser, page_url, action, extra):
    """Post the form of `page_url` whose action is `action`, with its own hidden fields and `extra`."""
    # find(), not select(): CSS selectors do not look inside a <template> (the rows' dialogs).
    form = soup(browser.get(page_url)).find("form", attrs={"action": action})
    data = {field["name"]: field.get("value", "") for field in form.find_all("input", type="hidden")}
    return browser.post(action, {**data, **extra})


def test_the_rows_forms_carry_their_csrf_token(strict_browser):
    comment = CommentFactory()

    queue = reverse("moderation_comments:index") + "?status=all"
    approved = posted_form(strict_browser, queue, url("row_action", comment), {})
    replied = posted_form(strict_browser, queue, url("row_reply", comment), {"body": SEE_A_DOCTOR})

    assert (approved.status_code, replied.status_code) == (302, 302)
    assert AuditEntry.objects.filter(comment=comment, action__in=["approve", "private-reply"]).count() == 2


@pytest.mark.parametrize("name", ["reply_privately", "approve_and_reply"])
def test_the_comment_pages_reply_forms_carry_their_csrf_token(strict_browser, name):
    comment = CommentFactory()

    response = posted_form(strict_browser, url("edit", comment), url(name, comment), {"body": SEE_A_DOCTOR})

    assert response.status_code == 302
    assert AuditEntry.objects.filter(comment=comment, action__in=["approve", "private-reply"]).count() == 1
