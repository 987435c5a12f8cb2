"""
The shop developer's kit in a real browser: the severity and urgency colours docs/widget.md
promises, the example page's `?api=` and `?slug=`, the CORS hint a developer gets, a success
message a reader cannot miss, and the editor's Preview panel showing an unpublished draft.
"""

from .conftest import browser_test, screenshot
from .content import EDITOR, LEVELS_SLUG, UNPUBLISHED_TITLE

pytestmark = browser_test

# docs/widget.md, Styling: the defaults of --clinic-avoid, -clearance, -modify and of
# --clinic-emergency, -urgent, -routine.
RED, AMBER, BLUE = "rgb(155, 28, 28)", "rgb(138, 75, 0)", "rgb(29, 79, 145)"
SEVERITY_COLOURS = {"avoid": RED, "clearance": AMBER, "modify": BLUE}
URGENCY_COLOURS = {"emergency": RED, "urgent": "rgb(180, 83, 9)", "routine": BLUE}


def computed(locator, prop):
    return locator.evaluate("(element, prop) => getComputedStyle(element)[prop]", prop)


def test_each_severity_and_urgency_has_its_documented_colour(visit, shop_and_cms):
    shop, _cms = shop_and_cms
    page = visit.page
    page.goto(f"{shop.origin}/?slug={LEVELS_SLUG}")
    page.get_by_role("heading", level=1).wait_for()

    for severity, colour in SEVERITY_COLOURS.items():
        item = page.locator(f"clinic-article li[data-severity={severity}]")
        assert computed(item.locator(".badge"), "color") == colour, severity
        assert computed(item, "borderLeftColor") == colour, severity
    # The condition's words stay in the text colour, apart from the badge's.
    condition = page.locator("clinic-article li[data-severity=avoid] .condition")
    assert computed(condition, "color") == computed(page.locator("body"), "color")
    for urgency, colour in URGENCY_COLOURS.items():
        warning = page.locator(f"clinic-article aside[data-urgency={urgency}]")
        assert computed(warning, "borderLeftColor") == colour, urgency
        assert computed(warning.locator("strong"), "color") == colour, urgency
    # A theme's custom property still wins over the default.
    page.locator("clinic-article").evaluate(
        "element => element.style.setProperty('--clinic-avoid', 'rgb(1, 2, 3)')"
    )
    assert computed(page.locator("clinic-article li[data-severity=avoid] .badge"), "color") == "rgb(1, 2, 3)"
    screenshot(page, "shop-severities")


def test_the_example_page_takes_the_cms_and_the_article_from_its_address(visit, shop_and_cms):
    shop, cms = shop_and_cms

    # With ?api=, the shop serves the page as it is in the repository (its meta tag untouched).
    visit.page.goto(f"{shop.origin}/?api={cms.url}/&slug={LEVELS_SLUG}")

    visit.page.get_by_role("heading", level=1, name="Every severity and urgency").wait_for()
    assert visit.page.locator("clinic-comments form").is_visible()
    assert visit.errors == []


def test_an_origin_the_cms_does_not_allow_is_told_it_may_be_cors(visit, shop_and_cms):
    shop, cms = shop_and_cms

    # The same page from another origin (localhost is not 127.0.0.1 to a browser).
    visit.page.goto(f"http://localhost:{shop.port}/")

    alert = visit.page.locator("clinic-article [role=alert]")
    alert.wait_for()
    text = alert.inner_text()
    assert "The article could not be loaded." in text
    assert f"add http://localhost:{shop.port} to its CORS_ALLOWED_ORIGINS" in text
    assert cms.url in text
    comments = visit.page.locator("clinic-comments [role=status]")
    comments.filter(has_text="CORS_ALLOWED_ORIGINS").wait_for()
    screenshot(visit.page, "shop-cors-hint")


def test_the_thank_you_after_a_comment_stands_out_and_is_in_view(visit, shop_and_cms):
    shop, _cms = shop_and_cms
    page = visit.page
    page.goto(f"{shop.origin}/?slug={LEVELS_SLUG}")
    form = page.locator("clinic-comments form")
    form.wait_for()
    form.get_by_label("Name").fill("Robin")
    form.get_by_label("Email").fill("robin@example.com")
    form.get_by_label("Comment", exact=True).fill("Does the clearance apply after a knee scope?")
    form.get_by_role("button", name="Post comment").click()

    status = page.locator("clinic-comments [role=status]")
    status.filter(has_text="awaiting approval").wait_for()
    assert computed(status, "fontWeight") == "600"
    assert computed(status, "backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    in_view = (
        "element => { const box = element.getBoundingClientRect();"
        " return box.top >= 0 && box.bottom <= innerHeight; }"
    )
    assert status.evaluate(in_view)
    screenshot(page, "shop-comment-thanks")


def test_the_editors_preview_panel_shows_an_unpublished_draft(visit, shop_and_cms):
    shop, cms = shop_and_cms
    article_id = cms.manage(
        "shell", "-v", "0", "-c", "from tests.browser.content import unpublished_draft; unpublished_draft()"
    ).strip()
    page = visit.page
    page.goto(f"{cms.url}/admin/login/")
    page.get_by_label("Username").fill(EDITOR[0])
    page.get_by_label("Password").fill(EDITOR[1])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{cms.url}/admin/")

    page.goto(f"{cms.url}/admin/pages/{article_id}/edit/")
    page.locator('[data-side-panel-toggle="preview"]').click()

    preview = page.frame_locator("#w-preview-iframe")
    preview.get_by_role("heading", level=1, name=UNPUBLISHED_TITLE).wait_for(timeout=20_000)
    assert shop.origin in visit.origins
    assert not [error for error in visit.errors if "frame-src" in error or "frame" in error.lower()]
    screenshot(page, "admin-preview-panel")


def test_a_logged_in_customers_comment_through_the_app_proxy_shows_as_a_verified_clients(visit, shop_and_cms):
    shop, cms = shop_and_cms
    page = visit.page
    # Logged in to the shop: the (fake) Shopify session the app proxy reads.
    page.context.add_cookies([{"name": "customer_id", "value": "7012345678901", "url": shop.origin}])
    page.goto(f"{shop.origin}/?slug={LEVELS_SLUG}&proxy=/apps/clinic")
    form = page.locator("clinic-comments form")
    form.wait_for()
    words = "Booked through the shop, the clearance note was useful."
    form.get_by_label("Name").fill("Morgan")
    form.get_by_label("Email").fill("morgan@example.com")
    form.get_by_label("Comment", exact=True).fill(words)
    form.get_by_role("button", name="Post comment").click()
    page.locator("clinic-comments [role=status]").filter(has_text="awaiting approval").wait_for()

    _status, queue = cms.request(
        "GET", "/api/v1/moderation/comments/?status=pending", headers={"Authorization": f"Token {cms.token}"}
    )
    [comment] = [comment for comment in queue["results"] if comment["body"] == words]
    assert (comment["verified_customer"], comment["shopify_customer_id"]) == (True, 7012345678901)
    assert comment["ip_address"] == "127.0.0.1"
    # The comment passed the spam checks as a person's: the form token came through the proxy.
    assert "form_token" not in [signal["name"] for signal in comment["spam_signals"]]
    cms.request(
        "POST",
        f"/api/v1/moderation/comments/{comment['id']}/approve/",
        body={},
        headers={"Authorization": f"Token {cms.token}"},
    )

    page.reload()

    published = page.locator("clinic-comments").get_by_role("article", name="Comment by Morgan")
    published.wait_for()
    assert published.locator(".badge.verified").inner_text() == "Verified client"
    # Every comment request went to the shop's own origin.
    assert not [origin for origin in visit.origins if origin not in (shop.origin, cms.url)]
    screenshot(page, "shop-verified-client")
