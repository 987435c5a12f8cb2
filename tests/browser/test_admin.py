"""
Moderators and editors in the Wagtail admin, in a real browser: sign in, the queue filtered to
the comments the safety triage flagged, two approved at once, a canned reply posted, the report
of articles due for medical review.
"""

from .conftest import browser_test, screenshot
from .content import CANNED_REPLY, FLAGGED_BODIES, MODERATOR

pytestmark = browser_test


def statuses(cms, bodies):
    rows = cms.database.fetch(
        "SELECT body, status FROM moderation_comment WHERE body IN (%s, %s)", tuple(bodies)
    )
    return dict(rows)


def test_a_moderator_triages_flagged_comments_replies_and_opens_the_review_report(visit, shop_and_cms):
    _shop, cms = shop_and_cms
    answered = int(
        cms.manage(
            "shell", "-v", "0", "-c", "from tests.browser.content import admin_scenario; admin_scenario()"
        )
    )
    page = visit.page

    page.goto(f"{cms.url}/admin/login/")
    page.get_by_label("Username").fill(MODERATOR[0])
    page.get_by_label("Password").fill(MODERATOR[1])
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Readers' comments").wait_for()
    screenshot(page, "admin-dashboard")

    page.goto(f"{cms.url}/admin/comments/?status=pending&safety_flagged=true")
    rows = page.locator("table.listing tbody tr")
    assert rows.count() == 2
    for body in FLAGGED_BODIES:
        assert rows.get_by_text(body[:40]).count() == 1
    screenshot(page, "admin-queue-flagged")
    for checkbox in page.locator("tbody input[type=checkbox]").all():
        checkbox.check()
    page.locator("[data-bulk-action-footer]").get_by_role("link", name="Approve").click()
    page.get_by_role("button", name="Yes, approve").click()
    page.locator(".messages").wait_for()
    assert statuses(cms, FLAGGED_BODIES) == {body: "approved" for body in FLAGGED_BODIES}

    page.goto(f"{cms.url}/admin/comments/{answered}/")
    public_reply = page.locator("form", has=page.get_by_role("button", name="Post the reply"))
    public_reply.get_by_label("See a doctor first").check()
    assert public_reply.get_by_label("Reply", exact=True).input_value() == CANNED_REPLY
    public_reply.get_by_role("button", name="Post the reply").click()
    page.locator(".messages").wait_for()
    _status, public = cms.request("GET", "/api/v1/articles/massage-for-knee-pain/comments/?page_size=100")
    replies = [comment for comment in public["results"] if comment["is_staff_reply"]]
    assert [reply["body"] for reply in replies] == [CANNED_REPLY]
    assert replies[0]["parent"] == answered
    screenshot(page, "admin-canned-reply")

    page.goto(f"{cms.url}/admin/reports/due-for-medical-review/")
    assert page.get_by_role("link", name="Massage for Knee Pain", exact=False).first.is_visible()
    screenshot(page, "admin-review-report")
    assert visit.errors == []
