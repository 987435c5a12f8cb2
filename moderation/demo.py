"""
The moderation part of the demo (`manage.py load_demo_comments`): a demo moderator account, a
handful of readers' comments on the demo article, one in every state, so that the queue, the
dashboard and the public listing all have something to show, and three canned replies in words a
clinic would approve, for the moderator to answer with.

Every comment is written by the services, as a reader's would be, so its audit history is real;
inside `events.silenced()`, so loading the demo emails nobody and posts no webhook. Loading again
adds nothing: a comment already there (same author and body) is left as it is.
"""

from dataclasses import dataclass

from articles.demo.loader import ensure_demo_editor

from . import services
from .canned_replies import CannedReply
from .delivery import events
from .models import AuditEntry, Comment
from .permissions import moderators_group
from .workflow import ACTIONS

DEMO_ARTICLE_SLUG = "massage-for-knee-pain"
# Wagtail's page moderators too: the demo moderator also sees what happens to the articles.
WAGTAIL_MODERATORS_GROUP_NAME = "Moderators"


@dataclass(frozen=True)
class DemoComment:
    """A reader's comment and what the moderator did with it: actions in order, and a reply."""

    author_name: str
    body: str
    actions: tuple = ()
    reason: str = ""
    reply: str = ""
    # Posted through the shop's app proxy by this logged-in Shopify customer (docs/shopify.md).
    shopify_customer_id: int | None = None

    @property
    def author_email(self):
        return f"{self.author_name.split()[0].lower()}@example.org"


DEMO_COMMENTS = (
    DemoComment("Grace Miller", "Does deep tissue massage hurt the next day, or is some soreness normal?"),
    DemoComment(
        "Tom Reid",
        "Three sessions in and climbing the stairs is easier already. Thank you for the clear article!",
        actions=("approve",),
        reply="Thank you, Tom! Keep up the exercises your therapist showed you between sessions.",
        shopify_customer_id=7012345678901,
    ),
    DemoComment(
        "Lena Fischer",
        "Does anyone know a good pizza place near St. Albert?",
        actions=("reject",),
        reason="Off topic: not about the article.",
    ),
    DemoComment(
        "Best Deals",
        "Cheap knee braces and watches at the best prices, order today with free shipping!",
        actions=("spam",),
        reason="Advertising.",
    ),
    DemoComment(
        "Sam Okafor",
        "My physio gave me the same advice last year, and it helped me too.",
        actions=("approve", "remove"),
        reason="The reader asked us to take the comment down.",
    ),
    # A red flag: the safety checks flag it, and it waits for a person.
    DemoComment(
        "Priya Shah",
        "My knee has been hot and swollen since I fell on the stairs. Should I still book a massage?",
    ),
)


# (title, body): what moderators pick, and the words the reader gets, as the clinic approved them.
DEMO_CANNED_REPLIES = (
    (
        "See your doctor before booking",
        "Thank you for asking before you book. Please see your doctor first: a joint that is hot, "
        "swollen or painful after a fall needs checking before any massage. We will be glad to see "
        "you once you are cleared.",
    ),
    (
        "Thanks, approved",
        "Thank you for sharing this with other readers: we are glad the article helped.",
    ),
    (
        "Medication or pregnancy: ask first",
        "Thank you for your question. If you are pregnant, or take blood thinners or other regular "
        "medication, please check with your doctor or midwife before a massage, and tell your "
        "therapist when you book so that the session can be adapted to you.",
    ),
)


def load_demo_canned_replies():
    """Each of DEMO_CANNED_REPLIES, unless one of that title is there (perhaps edited); the titles added."""
    return [
        title
        for title, body in DEMO_CANNED_REPLIES
        if CannedReply.objects.get_or_create(title=title, defaults={"body": body})[1]
    ]


def ensure_demo_moderator(*, username, password, email=""):
    """The demo moderator: in the "Comment moderators" group and in Wagtail's Moderators group."""
    groups = (moderators_group().name, WAGTAIL_MODERATORS_GROUP_NAME)
    return ensure_demo_editor(username=username, password=password, email=email, groups=groups)


def load_demo_comments(article, moderator):
    """Each of DEMO_COMMENTS on `article`, unless it is there already; the comments created."""
    created = []
    with events.silenced():
        for demo in DEMO_COMMENTS:
            if not already_loaded(article, demo):
                created.append(load_comment(article, demo, moderator))
    return created


def already_loaded(article, demo):
    return Comment.objects.filter(
        article=article, author_name=demo.author_name, body=demo.body, is_staff_reply=False
    ).exists()


def load_comment(article, demo, moderator):
    """Submit the comment as a reader would, then moderate it as the demo moderator did."""
    comment = services.comment_submit(
        article=article,
        author_name=demo.author_name,
        author_email=demo.author_email,
        body=demo.body,
        shopify_customer_id=demo.shopify_customer_id,
    )
    for action in demo.actions:
        # The spam checks may have sent an advertisement to `spam` already.
        if comment.status != ACTIONS[action].target:
            comment = services.comment_moderate(
                comment_id=comment.pk,
                action=action,
                actor=moderator,
                reason=demo.reason,
                source=AuditEntry.Source.ADMIN,
            )
    if demo.reply:
        services.comment_reply(
            parent_id=comment.pk, actor=moderator, body=demo.reply, source=AuditEntry.Source.ADMIN
        )
    return comment
