"""
How spammy a submission looks, as signals recorded on the comment for moderators to read.

Each signal is `{"name", "score", "detail"}`: what was observed and how much it adds to the
comment's spam score. A comment whose score reaches COMMENT_SPAM_THRESHOLD goes to `spam`
instead of `pending` (moderation/services.py); nothing is dropped, and a moderator can say
`not-spam`. What each signal weighs is COMMENT_SPAM_SCORES over DEFAULT_SCORES.
"""

from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property

from django.db.models import Q
from django.utils import timezone

from ..conf import moderation_settings
from ..models import Comment
from ..text.links import rendered_links
from ..text.normalise import email_key
from ..text.rendering import render_comment_body
from . import akismet, blocklist, form_token

DEFAULT_SCORES = {
    # A field people never see was filled in: a script filling every field.
    "honeypot": 10.0,
    # The form token is missing, altered, expired or for another article.
    "form_token": 2.0,
    # The form token came with an earlier submission already (one form load, many comments).
    "form_token_reused": 2.0,
    # Sent sooner after loading the form than a person types.
    "time_to_submit": 3.0,
    # Each link the rendered body holds beyond the first (bare domains and emails included).
    "links": 1.0,
    # Each blocklist entry matched.
    "blocklist": 10.0,
    # The same body from the same email or IP address within COMMENT_DUPLICATE_WINDOW.
    "duplicate": 3.0,
    # Akismet says spam; says it is blatant spam ("discard").
    "akismet": 5.0,
    "akismet_discard": 10.0,
}
# One link in a comment is ordinary (a reader citing a source).
FREE_LINKS = 1


def weight(name):
    return float({**DEFAULT_SCORES, **moderation_settings.COMMENT_SPAM_SCORES}[name])


@dataclass(frozen=True)
class Submission:
    """A reader's comment as submitted, before it is stored."""

    article: object
    author_name: str
    author_email: str
    body: str
    parent: Comment | None = None
    ip_address: str | None = None
    user_agent: str = ""
    honeypot: str = ""
    form_token: str = ""
    # The commenter token of a confirmed address (trust.py): what trust rests on, not the address.
    commenter_token: str = ""
    # The Shopify customer logged in when the shop's app proxy signed the request (trust.py).
    shopify_customer_id: int | None = None

    @property
    def parent_id(self):
        return self.parent.pk if self.parent else None

    @cached_property
    def body_html(self):
        """The body as readers would see it: rendered once, for the checks and for storing."""
        return render_comment_body(self.body)


def signal(name, detail, score=None):
    return {"name": name, "score": weight(name) if score is None else float(score), "detail": detail}


def collect_signals(submission, *, now=None):
    """Every signal the submission raises, in a stable order (Akismet last: it is remote)."""
    checks = [_honeypot, _form_token, _links, _blocklist, _duplicate, _akismet]
    return [found for check in checks for found in check(submission, now or timezone.now())]


def total_score(signals):
    return sum(item["score"] for item in signals)


def is_spam(signals):
    return total_score(signals) >= moderation_settings.COMMENT_SPAM_THRESHOLD


def _honeypot(submission, now):
    if submission.honeypot:
        return [signal("honeypot", "The hidden field was filled in.")]
    return []


def _form_token(submission, now):
    result = form_token.check(submission.form_token, submission.article.pk, now=now.timestamp())
    if result.problem:
        return [signal("form_token", f"Form token {result.problem}.")]
    if form_token.first_use(submission.form_token) is False:
        return [signal("form_token_reused", "This form token came with an earlier comment already.")]
    minimum = moderation_settings.COMMENT_MIN_SUBMIT_SECONDS
    if result.elapsed < minimum:
        return [
            signal(
                "time_to_submit",
                f"Sent {max(result.elapsed, 0):.1f} s after the form was loaded (less than {minimum} s).",
            )
        ]
    return []


def _links(submission, now):
    links = len(rendered_links(submission.body_html))
    if not links:
        return []
    extra = max(0, links - FREE_LINKS)
    return [signal("links", f"{links} link{'s' if links > 1 else ''} in the body", weight("links") * extra)]


def _blocklist(submission, now):
    entries = blocklist.matching_entries(
        author_name=submission.author_name,
        author_email=submission.author_email,
        body=submission.body,
        body_html=submission.body_html,
        ip_address=submission.ip_address,
    )
    return [signal("blocklist", _blocklist_detail(entry)) for entry in entries]


def _blocklist_detail(entry):
    """What matched. An IP address is named by its entry only: signals outlive IP retention."""
    kind = entry.get_kind_display().lower()
    if entry.kind == entry.Kind.IP:
        return f"Blocked {kind} (blocklist entry {entry.pk})"
    return f"Blocked {kind}: {entry.value}"


def _duplicate(submission, now):
    same_author = Q(author_email_key=email_key(submission.author_email))
    if submission.ip_address:
        same_author |= Q(ip_address=submission.ip_address)
    since = now - timedelta(seconds=moderation_settings.COMMENT_DUPLICATE_WINDOW)
    earlier = Comment.objects.filter(same_author, body__iexact=submission.body, created_at__gte=since)
    count = earlier.filter(is_staff_reply=False).count()
    if not count:
        return []
    return [signal("duplicate", f"The same text was sent {count} time(s) before from this email or IP.")]


def _akismet(submission, now):
    if not akismet.enabled():
        return []
    verdict = akismet.check(akismet.comment_fields(submission))
    if verdict.spam is None:
        return [signal("akismet", f"Akismet could not be asked: {verdict.error}", 0)]
    if not verdict.spam:
        return [signal("akismet", "Akismet: not spam.", 0)]
    if verdict.discard:
        return [signal("akismet_discard", "Akismet: blatant spam.")]
    return [signal("akismet", "Akismet: spam.")]
