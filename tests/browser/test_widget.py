"""
The shop's side, in a real browser: the example shop page, on another origin than the CMS, shows
an article with every block type and takes a comment through the whole moderation round trip.
"""

import re

from axe_playwright_python.sync_playwright import Axe

from articles.blocks import ArticleBodyBlock

from .conftest import browser_test, screenshot
from .content import DRAFT_TITLE, EVERY_BLOCK_SLUG

pytestmark = browser_test

PENDING_MESSAGE = "awaiting approval"


def open_shop(visit, shop, slug=None):
    visit.page.goto(shop.origin + "/" + (f"?slug={slug}" if slug else ""))
    visit.page.get_by_role("heading", level=1).wait_for()
    visit.page.locator("clinic-comments form").wait_for()
    return visit.page


def assert_only_shop_and_cms_were_asked(visit, shop, cms, expected_errors=()):
    assert visit.origins <= {shop.origin, cms.url}
    assert cms.url in visit.origins
    assert visit.errors == list(expected_errors)


def test_the_example_page_shows_the_knee_pain_article_accessibly(visit, shop_and_cms):
    shop, cms = shop_and_cms

    page = open_shop(visit, shop)

    assert page.get_by_role("heading", level=1).inner_text().startswith("Massage for Knee Pain")
    assert page.get_by_role("heading", name="Common Causes of Knee Pain").is_visible()
    assert page.locator("[data-severity=avoid]").first.is_visible()
    assert "Avoid massage" in page.locator("[data-block-type=contraindications]").inner_text()
    assert "doi:10.1001/archinte.166.22.2533" in page.locator("[data-block-type=evidence]").inner_text()
    json_ld = page.locator('head script[type="application/ld+json"]')
    assert '"MedicalWebPage"' in json_ld.text_content()
    screenshot(page, "shop-article")
    serious = [
        violation
        for violation in Axe().run(page).response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == [], [(violation["id"], violation["nodes"][0]["html"]) for violation in serious]
    assert_only_shop_and_cms_were_asked(visit, shop, cms)


def test_every_block_type_is_laid_out(visit, shop_and_cms):
    shop, cms = shop_and_cms

    page = open_shop(visit, shop, EVERY_BLOCK_SLUG)

    for block_type in ArticleBodyBlock.base_blocks:
        assert page.locator(f"[data-block-type={block_type}]").is_visible(), block_type
    assert page.locator("[data-block-type=image] img").evaluate(
        "image => image.complete && image.naturalWidth > 0"
    )
    assert page.locator("[data-urgency=emergency]").is_visible()
    assert (
        page.locator("clinic-article").get_by_role("link", name="Book a massage").get_attribute("href")
        == "https://clinic.example.com/book"
    )
    screenshot(page, "shop-every-block")
    assert_only_shop_and_cms_were_asked(visit, shop, cms)


def fill_comment(page, name, email, body):
    form = page.locator("clinic-comments form")
    form.get_by_label("Name").fill(name)
    form.get_by_label("Email").fill(email)
    form.get_by_label("Comment", exact=True).fill(body)
    form.get_by_role("button", name="Post comment").click()
    return form


def pending(cms, body):
    status, queue = cms.request(
        "GET", "/api/v1/moderation/comments/?status=pending", headers={"Authorization": f"Token {cms.token}"}
    )
    assert status == 200
    return next(comment for comment in queue["results"] if comment["body"] == body)


def test_a_comment_waits_for_approval_then_shows(visit, shop_and_cms):
    shop, cms = shop_and_cms
    page = open_shop(visit, shop)
    words = "Massage helped my knee after long runs, thank you."

    fill_comment(page, "Robin", "robin@example.com", words)

    status = page.locator("clinic-comments [role=status]")
    status.filter(has_text=PENDING_MESSAGE).wait_for()
    assert page.locator("clinic-comments").get_by_text(words).count() == 0
    comment = pending(cms, words)
    # The widget fetched the form's token from its own endpoint and sent it back, valid.
    assert "form_token" not in [signal["name"] for signal in comment["spam_signals"]]
    comment_id = comment["id"]
    approved, _ = cms.request(
        "POST",
        f"/api/v1/moderation/comments/{comment_id}/approve/",
        body={},
        headers={"Authorization": f"Token {cms.token}"},
    )
    assert approved == 200

    page.reload()

    page.locator("clinic-comments").get_by_text(words).wait_for()
    assert page.locator("clinic-comments").get_by_role("article", name="Comment by Robin").is_visible()
    screenshot(page, "shop-comment-approved")
    assert_only_shop_and_cms_were_asked(visit, shop, cms)


def test_a_comment_sent_before_its_form_token_arrives_waits_for_it(visit, shop_and_cms):
    shop, cms = shop_and_cms
    held = []
    visit.page.route("**/comments/form-token/", lambda route: held.append(route))
    page = open_shop(visit, shop)
    words = "Autofill sent this before the page had finished loading."

    fill_comment(page, "Sam", "sam@example.com", words)
    page.wait_for_timeout(300)
    assert page.locator("clinic-comments [role=status]").inner_text() == ""
    [token_request] = held
    token_request.continue_()

    page.locator("clinic-comments [role=status]").filter(has_text=PENDING_MESSAGE).wait_for()
    assert "form_token" not in [signal["name"] for signal in pending(cms, words)["spam_signals"]]


def test_the_reader_opts_in_to_emails_with_an_unticked_box(visit, shop_and_cms):
    shop, cms = shop_and_cms
    page = open_shop(visit, shop)
    form = page.locator("clinic-comments form")
    box = form.get_by_role("checkbox", name="Notify me at this address when my comment is published")
    assert not box.is_checked()
    words = "Does the massage help a stiff shoulder too?"

    box.check()
    fill_comment(page, "Robin", "robin@example.com", words)
    page.locator("clinic-comments [role=status]").filter(has_text=PENDING_MESSAGE).wait_for()

    status, comment = cms.request(
        "GET",
        f"/api/v1/moderation/comments/{pending(cms, words)['id']}/",
        headers={"Authorization": f"Token {cms.token}"},
    )
    assert (status, comment["notify_author"]) == (200, True)
    assert not box.is_checked()  # the form is reset for the next comment
    assert_only_shop_and_cms_were_asked(visit, shop, cms)


def test_the_servers_field_error_shows_beside_its_field(visit, shop_and_cms):
    shop, cms = shop_and_cms
    page = open_shop(visit, shop)

    # A valid address to the browser; the server refuses addresses at an IP literal.
    form = fill_comment(page, "Sam", "sam@127.0.0.1", "Is massage fine a week after a sprain?")

    error = form.locator("#author_email-error")
    error.wait_for()
    assert error.inner_text()
    assert form.get_by_label("Email").get_attribute("aria-invalid") == "true"
    assert (
        form.locator("[role=status]").count() == 0
        or PENDING_MESSAGE not in page.locator("clinic-comments [role=status]").inner_text()
    )
    screenshot(page, "shop-comment-field-error")
    # Chromium logs every 4xx answer; the 400 is the one expected.
    refused = "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    assert_only_shop_and_cms_were_asked(visit, shop, cms, expected_errors=[refused])


def test_the_client_checks_the_servers_limits_before_sending(visit, shop_and_cms):
    shop, _cms = shop_and_cms
    page = open_shop(visit, shop)
    posts = []
    page.on("request", lambda request: request.method == "POST" and posts.append(request.url))

    form = fill_comment(page, "Sam", "sam@example.com", "x")

    assert re.search(r"at least 2 characters", form.locator("#body-error").inner_text())
    assert posts == []


def test_too_many_comments_say_when_to_try_again(visit, shop_and_cms):
    shop, _cms = shop_and_cms
    page = open_shop(visit, shop)
    page.route(
        re.compile(r".*/comments/$"),
        lambda route: (
            route.fulfill(
                status=429,
                headers={
                    "Retry-After": "30",
                    "Access-Control-Allow-Origin": shop.origin,
                    "Access-Control-Expose-Headers": "Retry-After",
                },
                content_type="application/json",
                body='{"detail": "Request was throttled. Expected available in 30 seconds."}',
            )
            if route.request.method == "POST"
            else route.continue_()
        ),
    )

    form = fill_comment(page, "Sam", "sam@example.com", "A question about my knee.")

    form.get_by_text("try again in 30 seconds").wait_for()


def test_the_preview_route_shows_the_draft_from_its_token(visit, shop_and_cms):
    shop, cms = shop_and_cms
    token = cms.manage(
        "shell",
        "-v",
        "0",
        "-c",
        "from tests.browser.content import draft_preview_token; draft_preview_token()",
    ).strip()

    visit.page.goto(f"{shop.origin}/preview/?token={token}")

    visit.page.get_by_role("heading", level=1, name=DRAFT_TITLE).wait_for()
    assert_only_shop_and_cms_were_asked(visit, shop, cms)
    # Readers still see the published title.
    assert cms.request("GET", "/api/v1/articles/massage-for-knee-pain/")[1]["title"] != DRAFT_TITLE
