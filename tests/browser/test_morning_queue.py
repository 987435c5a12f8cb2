"""
Issue 28's target, counted in a real browser: from the moderators' dashboard, approve ten harmless
comments and answer the safety-flagged one privately in at most 8 clicks and 3 full page loads.
And the queue at a phone's width (375 px): no sideways scrolling, the row's actions at hand.
(Named to run after test_admin.py, which counts the flagged comments waiting: this one leaves one.)
"""

from .conftest import browser_test, screenshot
from .content import HARMLESS_BODIES, KNEE_QUESTION, MORNING_MODERATOR

pytestmark = browser_test

MAX_CLICKS, MAX_PAGE_LOADS = 8, 3
SEE_YOUR_DOCTOR = "See your doctor before booking"


class Counted:
    """The moderator's clicks (made through `click`) and the page's full loads (its `load` events)."""

    def __init__(self, page):
        self.page = page
        self.clicks = 0
        self.loads = 0
        page.on("load", self.count_load)

    def count_load(self, _page):
        self.loads += 1

    def click(self, locator):
        locator.click()
        self.clicks += 1


def sign_in(page, cms):
    page.goto(f"{cms.url}/admin/login/")
    page.get_by_label("Username").fill(MORNING_MODERATOR[0])
    page.get_by_label("Password").fill(MORNING_MODERATOR[1])
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Readers' comments").wait_for()


def statuses(cms, bodies):
    placeholders = ", ".join(["%s"] * len(bodies))
    rows = cms.database.fetch(
        f"SELECT body, status FROM moderation_comment WHERE body IN ({placeholders})",  # noqa: S608
        tuple(bodies),
    )
    return dict(rows)


def private_replies(cms, body):
    return cms.database.fetch(
        "SELECT e.details FROM moderation_auditentry e JOIN moderation_comment c ON c.id = e.comment_id "
        "WHERE c.body = %s AND e.action = 'private-reply'",
        (body,),
    )


def test_the_mornings_queue_takes_eight_clicks_and_three_page_loads(visit, shop_and_cms):
    _shop, cms = shop_and_cms
    cms.manage("shell", "-c", "from tests.browser.content import morning_queue; morning_queue()")
    page = visit.page
    sign_in(page, cms)
    screenshot(page, "morning-1-dashboard")
    counted = Counted(page)

    # The dashboard: the comments without a safety flag are one link away...
    counted.click(page.locator('[data-figure="unflagged"]'))
    page.wait_for_load_state()
    rows = page.locator("tbody")
    for body in HARMLESS_BODIES:
        assert rows.get_by_text(body).count() == 1
    assert rows.get_by_text(KNEE_QUESTION).count() == 0
    screenshot(page, "morning-2-unflagged-queue")
    # ...all ticked at once and approved in bulk, with Wagtail's confirmation.
    counted.click(page.locator("thead [data-bulk-action-select-all-checkbox]"))
    counted.click(page.locator("[data-bulk-action-footer]").get_by_role("link", name="Approve"))
    screenshot(page, "morning-3-bulk-confirm")
    counted.click(page.get_by_role("button", name="Yes, approve"))
    page.locator(".messages").get_by_text("comments are now approved").wait_for()
    assert statuses(cms, HARMLESS_BODIES) == dict.fromkeys(HARMLESS_BODIES, "approved")
    screenshot(page, "morning-4-approved")

    # The safety flag filter taken off (in place): the flagged comment waits, its reason in red.
    counted.click(page.locator(".w-pill", has_text="Safety flag").locator(".w-pill__remove"))
    row = page.locator("tbody tr", has_text=KNEE_QUESTION)
    row.wait_for()
    assert "Safety flag:" in row.locator(".moderation-safety-flag").inner_text()

    # Reply privately in a dialog: the canned reply fills the box, where it can be read and adapted.
    counted.click(row.get_by_role("button", name="Reply privately"))
    dialog = page.get_by_role("dialog")
    counted.click(dialog.get_by_label(SEE_YOUR_DOCTOR))
    reply_box = dialog.get_by_label("Reply", exact=True)
    assert reply_box.input_value().startswith("Thank you for asking before you book. Please see your doctor")
    screenshot(page, "morning-5-reply-dialog")
    counted.click(dialog.get_by_role("button", name="Send privately"))
    outcome = page.locator(".moderation-row-messages")
    outcome.get_by_text("Private reply sent to Morning reader 11.").wait_for()
    screenshot(page, "morning-6-replied")

    assert counted.clicks <= MAX_CLICKS, counted.clicks
    assert counted.loads <= MAX_PAGE_LOADS, counted.loads
    (details,) = private_replies(cms, KNEE_QUESTION)
    assert "Please see your doctor first" in str(details)
    assert statuses(cms, [KNEE_QUESTION]) == {KNEE_QUESTION: "pending"}
    assert visit.errors == []


def test_the_queue_fits_a_phone(browser, shop_and_cms):
    _shop, cms = shop_and_cms
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="en-CA")
    page = context.new_page()
    try:
        sign_in(page, cms)
        page.goto(f"{cms.url}/admin/comments/?status=all")
        row = page.locator("tbody tr").first
        row.wait_for()
        screenshot(page, "morning-queue-375px")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        assert row.locator(".moderation-spam__score").is_visible()
        assert row.locator(".moderation-row-actions button").first.is_visible()
        assert not row.locator("td.moderation-col-optional").first.is_visible()
    finally:
        context.close()
