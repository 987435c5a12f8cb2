"""
The two-person medical sign-off in a real browser: the writer sees the article's clinical checks
and cannot approve what they submitted; a medical reviewer approves it from the dashboard, and the
API then names the reviewer and the review date. (Named to run after the widget tests: it
publishes the demo article again.)
"""

from .conftest import browser_test, screenshot
from .content import REVIEWER, WRITER

pytestmark = browser_test

EDIT_PATH = "/admin/pages/{}/edit/"


def sign_in(page, cms, account):
    page.goto(f"{cms.url}/admin/login/")
    page.get_by_label("Username").fill(account[0])
    page.get_by_label("Password").fill(account[1])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{cms.url}/admin/")


def test_a_reviewer_signs_off_what_a_writer_submitted(browser, shop_and_cms):
    _shop, cms = shop_and_cms
    cms.manage("shell", "-c", "from tests.browser.content import sign_off_scenario; sign_off_scenario()")
    _status, article = cms.request("GET", "/api/v1/articles/massage-for-knee-pain/")

    writer = browser.new_context(viewport={"width": 1100, "height": 900}, locale="en-CA").new_page()
    sign_in(writer, cms, WRITER)
    writer.goto(cms.url + EDIT_PATH.format(article["id"]))
    checks = writer.locator("[data-clinical-checks]")
    checks.scroll_into_view_if_needed()
    assert "The article has no author" in checks.inner_text()
    assert "cite no evidence block" in checks.inner_text()
    assert "Reading age" in checks.inner_text()
    screenshot(writer, "admin-clinical-checks")
    # The writer may cancel the workflow but never approve their own submission, nor publish it
    # directly, though in Moderators.
    assert writer.get_by_text("Cancel workflow").count() == 1
    assert writer.get_by_role("button", name="Approve", exact=True).count() == 0
    assert writer.locator('button[name="action-publish"]').count() == 0

    reviewer = browser.new_context(viewport={"width": 1100, "height": 900}, locale="en-CA").new_page()
    sign_in(reviewer, cms, REVIEWER)
    reviewer.get_by_text("Awaiting your review").wait_for()
    screenshot(reviewer, "admin-awaiting-medical-review")
    reviewer.get_by_role("button", name="Actions").first.click()
    reviewer.get_by_role("button", name="Approve", exact=True).first.click()
    # Approving reloads the dashboard, with nothing left awaiting review.
    reviewer.get_by_text("Awaiting your review").wait_for(state="detached")
    screenshot(reviewer, "admin-signed-off")

    _status, signed = cms.request("GET", "/api/v1/articles/massage-for-knee-pain/")
    assert signed["reviewed_by"]["name"] == "Rhea Example"
    assert signed["last_reviewed"] is not None
    assert signed["json_ld"]["reviewedBy"]["name"] == "Rhea Example"

    # Signed off and live, the article offers its next change for sign-off, not for publishing.
    writer.goto(cms.url + EDIT_PATH.format(article["id"]))
    assert writer.locator('button[name="action-submit"]').inner_text().strip() == "Submit to Medical sign-off"
    assert writer.locator('button[name="action-publish"]').count() == 0
    writer.locator("footer [data-w-dropdown-target='toggle']").last.click()
    writer.locator('button[name="action-submit"]').wait_for()
    screenshot(writer, "admin-submit-for-sign-off")
