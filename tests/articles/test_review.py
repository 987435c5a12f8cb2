"""
Medical review: editors see which articles are due (a report they can export, a dashboard count),
and each reviewer is emailed their due articles once per due date.
"""

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import ReviewReminder
from tests.factories import ArticlePageFactory, AuthorFactory
from tests.moderation.factories import ModeratorFactory

pytestmark = pytest.mark.django_db

REPORT = "articles_review_due"


def days_from_today(days):
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def reviewer(db):
    return AuthorFactory(name="Dr Lee", email="lee@clinic.example")


@pytest.fixture
def due_articles(reviewer):
    """Overdue, due within 30 days, and due later; each reviewed a year before."""
    return {
        name: ArticlePageFactory(
            title=name.title(),
            medical_reviewer=reviewer,
            last_reviewed=days_from_today(days - 365),
            next_review_due=days_from_today(days),
        )
        for name, days in [("overdue", -3), ("due soon", 20), ("due later", 45)]
    }


def test_the_report_lists_due_articles_with_reviewer_and_last_review(editor_client, due_articles):
    response = editor_client.get(reverse(REPORT))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Due for medical review" in html
    assert html.index("Overdue") < html.index("Due Soon")
    assert "Due Later" not in html
    assert "Dr Lee" in html
    assert reverse("wagtailadmin_pages:edit", args=[due_articles["overdue"].pk]) in html


def test_the_report_exports_as_csv(editor_client, due_articles):
    response = editor_client.get(reverse(REPORT), {"export": "csv"})

    assert response.status_code == 200 and response["Content-Type"] == "text/csv"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [
        "Title",
        "Medical reviewer",
        "Last reviewed",
        "Next review due",
        "Reading age",
        "Status",
    ]
    overdue, soon = due_articles["overdue"], due_articles["due soon"]
    assert rows[1:] == [
        ["Overdue", "Dr Lee", str(overdue.last_reviewed), str(overdue.next_review_due),
         str(overdue.reading_age), "live"],
        ["Due Soon", "Dr Lee", str(soon.last_reviewed), str(soon.next_review_due),
         str(soon.reading_age), "live"],
    ]  # fmt: skip
    assert overdue.reading_age is not None


def test_an_article_without_a_reviewer_exports_a_blank_reviewer(editor_client):
    ArticlePageFactory(title="Orphan", next_review_due=days_from_today(1))

    response = editor_client.get(reverse(REPORT), {"export": "csv"})

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[1][:2] == ["Orphan", ""]


def test_the_report_exports_as_xlsx(editor_client, due_articles):
    response = editor_client.get(reverse(REPORT), {"export": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_the_report_is_closed_to_users_who_do_not_edit_pages(client):
    client.force_login(ModeratorFactory())

    assert client.get(reverse(REPORT)).status_code in (302, 403)


def test_articles_never_reviewed_come_first_in_the_report_and_count_on_the_dashboard(
    editor_client, due_articles, reviewer
):
    ArticlePageFactory(title="Never Reviewed")

    html = editor_client.get(reverse(REPORT)).content.decode()
    home = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    call_command("send_review_reminders", stdout=io.StringIO())

    assert html.index("Never Reviewed") < html.index("Overdue") < html.index("Due Soon")
    assert "3 articles are due for medical review" in home
    assert "never reviewed" in home
    assert "Never Reviewed" not in mail.outbox[0].body


def test_the_reports_menu_and_the_dashboard_show_the_count(editor_client, due_articles):
    home = editor_client.get(reverse("wagtailadmin_home")).content.decode()

    assert "2 articles are due for medical review" in home
    assert reverse(REPORT) in home


def test_each_reviewer_is_reminded_once_per_due_date(due_articles, reviewer):
    call_command("send_review_reminders", stdout=io.StringIO())
    call_command("send_review_reminders", stdout=io.StringIO())

    [message] = mail.outbox
    assert message.to == ["lee@clinic.example"]
    assert message.subject == "2 articles are due for medical review"
    assert "Overdue" in message.body and "Due Soon" in message.body and "Due Later" not in message.body
    edit_url = reverse("wagtailadmin_pages:edit", args=[due_articles["overdue"].pk])
    assert edit_url in message.body


def test_a_new_due_date_brings_a_new_reminder(due_articles):
    call_command("send_review_reminders", stdout=io.StringIO())
    article = due_articles["overdue"]
    article.next_review_due = days_from_today(5)
    article.save()

    call_command("send_review_reminders", stdout=io.StringIO())

    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject == "An article is due for medical review"
    assert "Overdue" in mail.outbox[1].body and "Due Soon" not in mail.outbox[1].body


def claim_left_by_another_run(article, claimed_ago):
    return ReviewReminder.objects.create(
        article=article,
        next_review_due=article.next_review_due,
        sent_to="lee@clinic.example",
        claimed_at=timezone.now() - claimed_ago,
    )


def test_a_reminder_a_dead_run_claimed_but_never_sent_is_sent_by_the_next_run(due_articles):
    abandoned = claim_left_by_another_run(due_articles["overdue"], claimed_ago=timedelta(hours=2))

    call_command("send_review_reminders", stdout=io.StringIO())

    [message] = mail.outbox
    assert message.subject == "2 articles are due for medical review"
    assert "Overdue" in message.body
    abandoned.refresh_from_db()
    assert abandoned.sent_at is not None
    assert ReviewReminder.objects.filter(sent_at__isnull=True).count() == 0


def test_a_reminder_another_run_is_sending_is_left_to_it(due_articles):
    claim_left_by_another_run(due_articles["overdue"], claimed_ago=timedelta(minutes=1))

    call_command("send_review_reminders", stdout=io.StringIO())

    [message] = mail.outbox
    assert message.subject == "An article is due for medical review"
    assert "Due Soon" in message.body and "Overdue" not in message.body


def test_articles_no_reviewer_can_be_told_of_are_reported(reviewer):
    ArticlePageFactory(title="No reviewer", next_review_due=days_from_today(1))
    ArticlePageFactory(
        title="Reviewer without email", medical_reviewer=AuthorFactory(), next_review_due=days_from_today(1)
    )
    errors = io.StringIO()

    call_command("send_review_reminders", stdout=io.StringIO(), stderr=errors)

    assert mail.outbox == []
    assert "No reviewer" in errors.getvalue() and "Reviewer without email" in errors.getvalue()
