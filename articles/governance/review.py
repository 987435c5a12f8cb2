"""
Medical review: which articles are due, and reminding their reviewers.

An article is due once its `next_review_due` has passed or falls within
ARTICLES_REVIEW_DUE_WITHIN_DAYS. The reminders below and the content API's `?review=due` ask
`due_for_review()`; the admin's report and dashboard panel (reports.py) ask `needing_review()`,
which adds the articles never reviewed (without a due date): they need a reviewer first.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ..conf import articles_settings
from ..models import ArticlePage, ReviewReminder

# Longer than any run takes to send its emails: a reminder claimed longer ago and never marked sent
# was left by a run that died mid-send, and the next run sends it.
CLAIM_EXPIRES = timedelta(hours=1)


def due_by(today=None):
    """The last due date that counts as due today."""
    return (today or timezone.localdate()) + timedelta(days=articles_settings.ARTICLES_REVIEW_DUE_WITHIN_DAYS)


def due_for_review(queryset=None, *, today=None):
    """The articles of `queryset` (every article by default) due for medical review."""
    queryset = ArticlePage.objects.all() if queryset is None else queryset
    return queryset.filter(next_review_due__lte=due_by(today))


def needing_review(today=None):
    """The articles due for medical review and those never reviewed (without a due date)."""
    return ArticlePage.objects.filter(Q(next_review_due__lte=due_by(today)) | Q(next_review_due__isnull=True))


def review_report(today=None):
    """The report's articles with their reviewer: never reviewed first, then the soonest due."""
    return (
        needing_review(today)
        .select_related("medical_reviewer")
        .order_by(F("next_review_due").asc(nulls_first=True), "title", "pk")
    )


@dataclass
class ReminderRun:
    """What one run of the reminders did: emails sent, by address, and articles no one could be told of."""

    sent: dict = field(default_factory=dict)
    unreachable: list = field(default_factory=list)


def send_review_reminders(*, today=None):
    """
    Email each medical reviewer the due articles they have not been reminded of for their current
    due date. Each reminder's row is claimed before its email is sent (`_claim`), so two runs at
    once never tell a reviewer twice: the second finds the rows taken and skips them. A failed
    email gives its rows back (tried again on the next run); a run killed while sending leaves its
    claims unmarked, and the first run after CLAIM_EXPIRES sends them. Articles without a
    reviewer, or whose reviewer has no email, are reported.
    """
    run = ReminderRun()
    for reviewer, articles in _unreminded_by_reviewer(today):
        if reviewer is None or not reviewer.email:
            run.unreachable.extend(articles)
            continue
        claimed = _claim(reviewer, articles)
        if not claimed:
            continue
        reminders = ReviewReminder.objects.filter(pk__in=[reminder.pk for _, reminder in claimed])
        try:
            _email_reviewer(reviewer, [article for article, _ in claimed], today or timezone.localdate())
        except Exception:
            reminders.delete()
            raise
        reminders.update(sent_at=timezone.now())
        run.sent[reviewer.email] = [article for article, _ in claimed]
    return run


def _claim(reviewer, articles):
    """
    `(article, reminder)` pairs of the articles this run may remind `reviewer` of: a reminder row
    inserted and committed for each. The unique (article, due date) constraint decides between two
    runs: the other's insert waits for this commit (PostgreSQL's unique index, SQLite's write
    lock), then fails and the article is left to this run, unless the row it meets is an expired
    claim (`_take_over`).
    """
    claimed = []
    with transaction.atomic():
        for article in articles:
            try:
                with transaction.atomic():
                    reminder = ReviewReminder.objects.create(
                        article=article, next_review_due=article.next_review_due, sent_to=reviewer.email
                    )
            except IntegrityError:
                reminder = _take_over(article, reviewer)
            if reminder is not None:
                claimed.append((article, reminder))
    return claimed


def _take_over(article, reviewer):
    """
    The reminder of `article` claimed by a run that died before sending it, claimed anew; None when
    it was sent or is still being sent. Of two runs taking it over at once, the update that finds
    the claim still expired wins (PostgreSQL re-reads the row once the other's commit frees it).
    """
    now = timezone.now()
    reminder = ReviewReminder.objects.filter(article=article, next_review_due=article.next_review_due)
    expired = reminder.filter(sent_at__isnull=True, claimed_at__lt=now - CLAIM_EXPIRES)
    if not expired.update(claimed_at=now, sent_to=reviewer.email):
        return None
    return reminder.get()


def _unreminded_by_reviewer(today):
    """
    `(reviewer, [articles])` pairs of the due articles nobody was reminded of for this due date:
    no reminder sent, nor one being sent (claimed within CLAIM_EXPIRES).
    """
    reminded = ReviewReminder.objects.filter(
        Q(sent_at__isnull=False) | Q(claimed_at__gte=timezone.now() - CLAIM_EXPIRES),
        article=OuterRef("pk"),
        next_review_due=OuterRef("next_review_due"),
    )
    groups = {}
    # A reminder is of a due date: an article never reviewed has none (the report lists it).
    due = (
        due_for_review(today=today)
        .select_related("medical_reviewer")
        .order_by("next_review_due", "title", "pk")
    )
    for article in due.exclude(Exists(reminded)):
        groups.setdefault(article.medical_reviewer_id, (article.medical_reviewer, []))[1].append(article)
    return groups.values()


def _email_reviewer(reviewer, articles, today):
    base_url = articles_settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    context = {
        "reviewer": reviewer,
        "today": today,
        "articles": [
            {
                "title": article.title,
                "due": article.next_review_due,
                "overdue": article.next_review_due < today,
                "last_reviewed": article.last_reviewed,
                "edit_url": base_url + reverse("wagtailadmin_pages:edit", args=[article.pk]),
            }
            for article in articles
        ],
    }
    subject = render_to_string("articles/emails/review_reminder_subject.txt", context).strip()
    body = render_to_string("articles/emails/review_reminder.txt", context)
    EmailMessage(subject, body, to=[reviewer.email]).send()
