"""The reads of comments: what readers may see, what moderators work through."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Case, CharField, Count, Exists, F, Min, OuterRef, Q, When
from django.db.models.functions import Substr, TruncDate
from django.utils import timezone

from articles import selectors as articles_selectors
from articles.models import ArticlePage

from .conf import moderation_settings
from .models import AuditEntry, CannedReply, Comment
from .permissions import moderate_comment_permission
from .text.normalise import email_key

Status = Comment.Status
PARENT_EXCERPT_LENGTH = 140


def article_by_slug(slug):
    """
    The article a comment URL names, annotated `is_public`: published articles first, then any
    with the slug (a draft, a private one), so that its URL can answer "closed", not "unknown".
    Slugs are unique among siblings only.
    """
    public = articles_selectors.public_articles().filter(pk=OuterRef("pk"))
    return (
        ArticlePage.objects.filter(slug=slug)
        .annotate(is_public=Exists(public))
        .order_by("-is_public", "path")
        .first()
    )


def is_published(article):
    """Whether any reader may see `article`: live, in a site, outside every view restriction."""
    return articles_selectors.public_articles().filter(pk=article.pk).exists()


def approved_comments(article):
    """
    What readers see under an article: approved comments, oldest first.

    `visible_parent` is the parent's id only while the parent is itself approved, so a thread
    never points at a comment readers cannot see.
    """
    return (
        Comment.objects.filter(article=article, status=Status.APPROVED)
        .annotate(
            visible_parent=Case(When(parent__status=Status.APPROVED, then=F("parent_id")), default=None)
        )
        .order_by("created_at", "id")
    )


def replyable_comment(article, pk):
    """The approved comment `pk` of `article` a reader may answer, or None."""
    return Comment.objects.filter(article=article, pk=pk, status=Status.APPROVED).first()


def resubmitted_comment(submission, now=None):
    """
    The comment `submission` (a spam.Submission) repeats, if the same name, email, body and
    parent reached the same article within COMMENT_RESUBMIT_WINDOW: a double click, a retry.
    """
    since = (now or timezone.now()) - timedelta(seconds=moderation_settings.COMMENT_RESUBMIT_WINDOW)
    return (
        Comment.objects.filter(
            article=submission.article,
            parent=submission.parent,
            author_name=submission.author_name,
            author_email_key=email_key(submission.author_email),
            body=submission.body,
            is_staff_reply=False,
            created_at__gte=since,
        )
        .order_by("created_at", "id")
        .first()
    )


# The queue's order: comments raising a safety signal first (a reader may need a careful answer
# fast), then oldest first.
QUEUE_ORDER = ("-safety_flagged", "created_at", "id")


def queue_comments():
    """
    Every comment in QUEUE_ORDER, with nothing joined: what a moderators' queue filters, counts
    and slices on the comment table and its indexes. `with_moderation_details()` then completes
    the page shown (pagination.ModerationPaginator).
    """
    return Comment.objects.order_by(*QUEUE_ORDER)


def with_moderation_details(comments):
    """
    `comments` with what a moderator sees besides the comment, read in the same query.

    The article's slug and title and the parent's excerpt are annotated rather than joined in
    as objects: an ArticlePage row carries its whole StreamField body.
    """
    return comments.annotate(
        article_slug=F("article__slug"),
        article_title=F("article__title"),
        parent_excerpt=Substr("parent__body", 1, PARENT_EXCERPT_LENGTH, output_field=CharField()),
        parent_author_name=F("parent__author_name"),
    )


def moderation_comments():
    """Every comment with what a moderator sees, in the queue's order: for one comment, or a few."""
    return with_moderation_details(queue_comments())


def moderation_comment(comment_id):
    """
    One comment as moderators see it, with `private_reply_entries`: the private answers it was
    sent, oldest first. Raises Comment.DoesNotExist.
    """
    comment = moderation_comments().get(pk=comment_id)
    comment.private_reply_entries = list(comment_history(comment_id).filter(action="private-reply"))
    return comment


def article_comment_counts(article_id):
    """How many comments of the article wait and how many readers see: `{"pending", "approved"}`."""
    return Comment.objects.filter(article_id=article_id).aggregate(
        pending=Count("id", filter=Q(status=Status.PENDING)),
        approved=Count("id", filter=Q(status=Status.APPROVED)),
    )


def comment_history(comment_id):
    return AuditEntry.objects.filter(comment_id=comment_id).order_by("at", "id")


def comment_history_with_replies(comment_id):
    """The comment's history with its staff replies' entries in it: what happened to the conversation."""
    own_replies = Q(comment__parent_id=comment_id, comment__is_staff_reply=True)
    entries = AuditEntry.objects.filter(Q(comment_id=comment_id) | own_replies).select_related("comment")
    return entries.order_by("at", "id")


def privately_answered(comment_ids):
    """Which of these comments were answered privately: the set of their ids (one query)."""
    entries = AuditEntry.objects.filter(comment_id__in=comment_ids, action="private-reply")
    return set(entries.values_list("comment_id", flat=True))


def staff_replies(comment_id):
    """The shop's published replies to a comment, oldest first."""
    return Comment.objects.filter(parent_id=comment_id, is_staff_reply=True).order_by("created_at", "id")


def moderation_stats(now=None):
    """
    Counts per status, the safety-flagged comments (waiting, and in all), the oldest comment
    still waiting and where the waiting ones are.
    """
    now = now or timezone.now()
    counts = dict.fromkeys(Status.values, 0)
    flagged = dict.fromkeys(Status.values, 0)
    by_status = Comment.objects.order_by().values("status")
    for row in by_status.annotate(count=Count("id"), flagged=Count("id", filter=Q(safety_flagged=True))):
        counts[row["status"]], flagged[row["status"]] = row["count"], row["flagged"]
    oldest = Comment.objects.filter(status=Status.PENDING).aggregate(oldest=Min("created_at"))["oldest"]
    per_article = (
        Comment.objects.filter(status=Status.PENDING)
        .order_by()
        .values("article_id", "article__slug", "article__title")
        .annotate(pending=Count("id"))
        .order_by("-pending", "article__title")
    )
    return {
        "counts": counts,
        "total": sum(counts.values()),
        "safety_flagged_pending": flagged[Status.PENDING],
        "safety_flagged_total": sum(flagged.values()),
        "oldest_pending_at": oldest,
        "oldest_pending_age_seconds": int((now - oldest).total_seconds()) if oldest else None,
        "pending_by_article": [
            {"slug": row["article__slug"], "title": row["article__title"], "pending": row["pending"]}
            for row in per_article
        ],
    }


@dataclass(frozen=True)
class DayCounts:
    """One day of comments_per_day(): how many comments arrived that day, by their status now."""

    day: date
    counts: dict

    @property
    def total(self):
        return sum(self.counts.values())


def comments_per_day(days=30, now=None):
    """
    The comments created on each of the last `days` days (today included, in the site's time
    zone), counted by their current status: one query, grouped by day and status. A day without
    comments is there with zeros, so a chart of it has no gaps.
    """
    today = timezone.localdate(now or timezone.now())
    first = today - timedelta(days=days - 1)
    since = timezone.make_aware(datetime.combine(first, time.min))
    rows = (
        Comment.objects.filter(created_at__gte=since)
        .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .order_by()
        .values("day", "status")
        .annotate(count=Count("id"))
    )
    found = {(row["day"], row["status"]): row["count"] for row in rows}
    return [
        DayCounts(day=day, counts={status: found.get((day, status), 0) for status in Status.values})
        for day in (first + timedelta(days=offset) for offset in range(days))
    ]


def active_canned_replies():
    """The canned replies moderators may pick from, by title."""
    return CannedReply.objects.active().order_by("title", "id")


def moderators_to_email():
    """
    The active users with an address who may moderate comments, through a group or directly: one
    per address (the first by id), by address. Each gets their own email, with links only they can use.
    """
    permission = moderate_comment_permission()
    holders = (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(Q(groups__permissions__in=permission) | Q(user_permissions__in=permission))
        .distinct()
        .order_by("pk")
    )
    by_address = {}
    for user in holders:
        by_address.setdefault(user.email, user)
    return [by_address[address] for address in sorted(by_address)]
