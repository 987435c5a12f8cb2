"""
Content the browser tests add to a live server's database, run there by `manage.py shell`
(`python manage.py shell -c "from tests.browser.content import every_block_article; ..."`).
"""

from articles.frontend.preview import make_preview_token
from articles.models import ArticlePage
from tests.api_content.helpers import block, every_block_body, section
from tests.factories import (
    ArticlePageFactory,
    ClinicLocationFactory,
    ImageFactory,
    TechniqueFactory,
    UserFactory,
)

EVERY_BLOCK_SLUG = "every-block-type"
DRAFT_TITLE = "A draft title nobody has published"


def every_block_article():
    """A published article with one block of each type, for the widget to lay out."""
    body = every_block_body(
        technique=TechniqueFactory(name="Sports massage", summary="Eases muscles after training"),
        clinic=ClinicLocationFactory(booking_url="https://clinic.example.com/book"),
        image=ImageFactory(title="A knee"),
    )
    ArticlePageFactory(title="Every block type", slug=EVERY_BLOCK_SLUG, body=body)


LEVELS_SLUG = "every-severity-and-urgency"
UNPUBLISHED_TITLE = "Massage after knee surgery (not yet published)"
EDITOR = ("eden", "eden-browser-test")


def levels_article():
    """A published article with a contraindication of each severity and a warning of each urgency."""
    severities = [
        {"condition": f"A {severity} condition", "severity": severity, "guidance": "Ask us."}
        for severity in ("avoid", "clearance", "modify")
    ]
    warnings = [
        block("warning", {"urgency": urgency, "heading": "", "text": f"An {urgency} warning."})
        for urgency in ("emergency", "urgent", "routine")
    ]
    body = [section("contraindications", severities), *warnings]
    ArticlePageFactory(title="Every severity and urgency", slug=LEVELS_SLUG, body=body)


def unpublished_draft():
    """An article never published, with its saved draft, and an editor who may edit it; prints its id."""
    article = ArticlePageFactory(title=UNPUBLISHED_TITLE, live=False)
    article.save_revision()
    editor = UserFactory(username=EDITOR[0], is_staff=True, is_superuser=True)
    editor.set_password(EDITOR[1])
    editor.save()
    print(article.pk)


def draft_preview_token():
    """A saved, unpublished draft of the demo article, and the token of its preview link."""
    article = ArticlePage.objects.get(slug="massage-for-knee-pain")
    draft = article.get_latest_revision_as_object()
    draft.title = DRAFT_TITLE
    draft.save_revision()
    print(make_preview_token(article))


MODERATOR = ("mia", "mia-browser-test")
FLAGGED_BODIES = (
    "My knee has been hot and swollen since I fell on the stairs. Should I still book?",
    "Since the car accident I have numbness down my leg. Is it safe to have a deep tissue massage?",
)
CANNED_REPLY = "Please see a doctor before booking: we will be glad to help once you are cleared."


def admin_scenario():
    """
    What the admin test works with: a moderator who signs in with a password, two comments the
    safety triage flagged, an approved one to answer, a canned reply, an article due for review.
    Prints the approved comment's id.
    """
    from datetime import date

    from django.contrib.auth.models import Group

    from moderation import services
    from moderation.canned_replies import CannedReply
    from moderation.models import AuditEntry
    from moderation.permissions import moderators_group

    user = UserFactory(username=MODERATOR[0], is_staff=True)
    user.set_password(MODERATOR[1])
    user.save()
    user.groups.add(moderators_group(), Group.objects.get(name="Moderators"))
    article = ArticlePage.objects.get(slug="massage-for-knee-pain")
    for number, body in enumerate(FLAGGED_BODIES):
        services.comment_submit(
            article=article,
            author_name=f"Reader {number + 1}",
            author_email=f"r{number}@example.com",
            body=body,
        )
    thanks = services.comment_submit(
        article=article, author_name="Alex", author_email="alex@example.com", body="Thank you, very clear."
    )
    services.comment_moderate(
        comment_id=thanks.pk, action="approve", actor=user, source=AuditEntry.Source.ADMIN
    )
    CannedReply.objects.create(title="See a doctor first", body=CANNED_REPLY)
    article.next_review_due = date.today()
    article.save_revision().publish()
    print(thanks.pk)


WRITER = ("erin", "erin-browser-test")
REVIEWER = ("rhea", "rhea-browser-test")


def sign_off_scenario():
    """
    An editor who submitted the demo article to the medical sign-off, with a claim the article
    does not support, and a medical reviewer to approve it; both sign in with a password. The
    editor is in the demo editor's groups, Moderators included: they may publish other pages.
    """
    from django.contrib.auth.models import Group

    from articles.demo.loader import DEMO_EDITOR_GROUPS, DEMO_REVIEWER_GROUPS
    from tests.factories import UserFactory

    accounts = {}
    for (username, password), groups in ((WRITER, DEMO_EDITOR_GROUPS), (REVIEWER, DEMO_REVIEWER_GROUPS)):
        user = UserFactory(username=username, first_name=username.title(), last_name="Example")
        user.set_password(password)
        user.save()
        user.groups.add(*Group.objects.filter(name__in=groups))
        accounts[username] = user
    writer = accounts[WRITER[0]]
    article = ArticlePage.objects.get(slug="massage-for-knee-pain")
    article.save_revision(user=writer)
    article.get_workflow().start(article, writer)


MORNING_MODERATOR = ("morgan", "morgan-browser-test")
HARMLESS_BODIES = tuple(
    f"Comment {number}: {words}"
    for number, words in enumerate(
        (
            "Thank you, this was really clear.",
            "The stretches in this article helped me a lot.",
            "Great article, I shared it with my running club.",
            "I had my first session last week and loved it.",
            "Very useful, thanks for writing it.",
            "My therapist recommended this page, glad I read it.",
            "Clear and kind advice, thank you.",
            "I liked the part about warming up first.",
            "This answered the question I was going to ask.",
            "Lovely to read something so practical.",
        ),
        start=1,
    )
)
KNEE_QUESTION = "My knee has been hot and swollen since I fell on the stairs, should I still book?"


def morning_queue():
    """
    The morning's job of issue 28: a moderator, ten harmless comments and one the safety triage
    flags waiting on the demo article, and the demo's canned replies.
    """
    from django.contrib.auth.models import Group

    from moderation import services
    from moderation.demo import load_demo_canned_replies
    from moderation.permissions import moderators_group

    user = UserFactory(username=MORNING_MODERATOR[0], first_name="Morgan", is_staff=True)
    user.set_password(MORNING_MODERATOR[1])
    user.save()
    user.groups.add(moderators_group(), Group.objects.get(name="Moderators"))
    article = ArticlePage.objects.get(slug="massage-for-knee-pain")
    for number, body in enumerate((*HARMLESS_BODIES, KNEE_QUESTION)):
        services.comment_submit(
            article=article,
            author_name=f"Morning reader {number + 1}",
            author_email=f"morning{number}@example.com",
            body=body,
        )
    load_demo_canned_replies()
