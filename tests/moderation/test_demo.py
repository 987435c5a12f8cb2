"""`manage.py load_demo_comments`: the demo moderator and a comment in every state, once, quietly."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.checks import run_checks
from django.core.management import CommandError, call_command

from articles.models import ArticlePage
from moderation.models import AuditEntry, CannedReply, Comment

pytestmark = pytest.mark.django_db

DEMO_MODERATOR = {"username": "demo-moderator", "password": "knee-pain-demo", "email": "mod@example.com"}
FLAGGED = "My knee has been hot and swollen since I fell on the stairs. Should I still book a massage?"


def load(command, **options):
    out = StringIO()
    call_command(command, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def development(settings):
    settings.DEBUG = True
    settings.DEMO_MODERATOR = DEMO_MODERATOR
    # Everything that could tell someone: the demo must trigger none of it.
    settings.COMMENT_NOTIFY_MODERATORS = True
    settings.COMMENT_WEBHOOK_URL = "http://192.0.2.1/hook"
    settings.COMMENT_WEBHOOK_SECRET = "secret"
    load("load_demo")


@pytest.fixture
def loaded(development, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        output = load("load_demo_comments")
    assert callbacks == []
    return output


def readers_comments():
    return Comment.objects.filter(is_staff_reply=False)


def test_the_demo_moderator_is_created_and_the_credentials_printed(loaded):
    user = get_user_model().objects.get(username="demo-moderator")

    assert user.check_password("knee-pain-demo") and not user.is_superuser
    assert set(user.groups.values_list("name", flat=True)) == {"Comment moderators", "Moderators"}
    assert "'demo-moderator'" in loaded and "'knee-pain-demo'" in loaded


def test_there_is_a_comment_in_every_state_on_the_demo_article(loaded):
    article = ArticlePage.objects.get(slug="massage-for-knee-pain")

    statuses = sorted(readers_comments().filter(article=article).values_list("status", flat=True))
    assert statuses == sorted(["pending", "pending", "approved", "rejected", "spam", "removed"])
    approved = readers_comments().get(status="approved")
    assert approved.replies.get().is_staff_reply


def test_the_red_flag_comment_is_flagged_and_waits(loaded):
    comment = Comment.objects.get(body=FLAGGED)

    assert comment.status == "pending" and comment.safety_flagged
    assert readers_comments().filter(safety_flagged=True).count() == 1


def test_the_history_is_what_the_services_wrote(loaded):
    removed = readers_comments().get(status="removed")

    entries = list(removed.audit_entries.values_list("action", "to_status", "source", "actor_name"))
    assert entries == [
        ("submit", "pending", "api", ""),
        ("approve", "approved", "admin", "demo-moderator"),
        ("remove", "removed", "admin", "demo-moderator"),
    ]
    assert AuditEntry.objects.filter(action="reply").count() == 1


def test_the_demo_ships_three_canned_replies_a_clinic_would_approve(loaded):
    replies = dict(CannedReply.objects.active().values_list("title", "body"))

    assert set(replies) == {
        "See your doctor before booking",
        "Thanks, approved",
        "Medication or pregnancy: ask first",
    }
    assert "see your doctor" in replies["See your doctor before booking"].lower()
    assert "Canned replies: 3 added" in loaded


def test_loading_emails_nobody(loaded):
    assert mail.outbox == []


def test_loading_again_adds_nothing(loaded):
    def counts():
        models = (Comment, AuditEntry, get_user_model(), CannedReply)
        return [model.objects.count() for model in models]

    before = counts()

    output = load("load_demo_comments")

    assert counts() == before
    assert "0 added, 6 already there" in output
    assert "Canned replies: 0 added, 3 already there" in output


@pytest.mark.parametrize("setting", ["DEBUG", "DEMO_MODERATOR"])
def test_refused_outside_development(development, settings, setting):
    setattr(settings, setting, False if setting == "DEBUG" else None)

    with pytest.raises(CommandError, match="development only"):
        load("load_demo_comments")

    assert not Comment.objects.exists()
    assert not get_user_model().objects.exists()


def test_the_deployment_checks_warn_of_the_demo_moderator(loaded):
    found = [
        message for message in run_checks(include_deployment_checks=True) if message.id == "articles.W001"
    ]

    assert [message.obj.get_username() for message in found] == ["demo-moderator"]


def test_the_approved_demo_comment_is_a_verified_customers(loaded):
    article = ArticlePage.objects.get(slug="massage-for-knee-pain")
    public = Comment.objects.filter(article=article, status="approved", is_staff_reply=False)

    assert [(comment.author_name, comment.verified_customer) for comment in public] == [("Tom Reid", True)]
