"""A commenter's data: exported on request, erased on request, IPs anonymised after retention."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from moderation.abuse.models import BlocklistEntry, Commenter
from moderation.models import ERASED_MARK, AuditEntry, AuditLogIsAppendOnly, Comment
from moderation.privacy import rights
from tests.moderation.factories import ApprovedCommentFactory, CommentFactory
from tests.moderation.helpers import action_url, comments_url, detail_url

pytestmark = pytest.mark.django_db

EMAIL = "ada@example.org"


def export_url(email=EMAIL):
    return reverse("api:moderation-export") + f"?email={email}"


def erase_url():
    return reverse("api:moderation-erase")


@pytest.fixture
def ada_comments(article, moderator_client):
    """Ada's approved comment (then edited) and her pending one, each with an audit trail."""
    approved = CommentFactory(article=article, author_name="Ada", author_email=EMAIL, body="First thought")
    moderator_client.patch(detail_url(approved.pk), {"body": "Edited thought", "reason": "Ada asked"})
    moderator_client.post(action_url(approved.pk, "approve"), {"reason": "Ada is right"})
    pending = CommentFactory(
        article=article, author_name="Ada", author_email="ADA@example.org", body="Second"
    )
    return approved, pending


def test_export_returns_every_comment_with_all_fields_and_their_history(moderator_client, ada_comments):
    other = CommentFactory(author_email="bob@example.org")

    response = moderator_client.get(export_url())

    assert response.status_code == 200
    data = response.json()
    assert data["email"] == EMAIL
    assert [c["id"] for c in data["comments"]] == [c.pk for c in ada_comments]
    first = data["comments"][0]
    for field in ("author_name", "author_email", "body", "ip_address", "user_agent", "status", "version"):
        assert field in first
    assert first["ip_address"] == "203.0.113.7"
    assert first["article_slug"] == "knee-pain"
    assert {e["action"] for e in data["audit_entries"]} == {"edit", "approve"}
    assert other.pk not in {e["comment"] for e in data["audit_entries"]}
    assert data["other"] == {"commenter": [], "blocklist": []}
    assert response["Cache-Control"] == "private, no-store"


def test_export_includes_every_registered_source(moderator_client, monkeypatch):
    monkeypatch.setattr(rights, "_sources", {})
    rights.register_personal_data_source(
        rights.PersonalDataSource("blocklist", export=lambda email: [{"value": email.lower()}])
    )

    data = moderator_client.get(export_url("Ada@Example.org")).json()

    assert data["other"] == {"blocklist": [{"value": "ada@example.org"}]}


def test_export_and_erasure_cover_trust_and_blocklist_records(moderator_client, ada_comments):
    now = timezone.now()
    Commenter.objects.create(email=EMAIL, confirmation_sent_at=now, email_confirmed_at=now)
    BlocklistEntry.objects.create(kind="email", value="Ada@Example.org", reason="Spam run")
    BlocklistEntry.objects.create(kind="ip", value="203.0.113.7")
    BlocklistEntry.objects.create(kind="ip", value="198.51.100.0/24")

    other = moderator_client.get(export_url()).json()["other"]
    receipt = moderator_client.post(erase_url(), {"email": EMAIL}).json()

    assert [record["email"] for record in other["commenter"]] == [EMAIL]
    assert other["commenter"][0]["email_confirmed_at"] is not None
    assert sorted((entry["kind"], entry["value"]) for entry in other["blocklist"]) == [
        ("email", EMAIL),
        ("ip", "203.0.113.7/32"),
    ]
    assert receipt["other"] == {"commenter": 1}
    assert not Commenter.objects.exists()
    assert BlocklistEntry.objects.count() == 3


@pytest.mark.parametrize("query", ["", "?email=", "?email=not-an-email", "?email=a%00b@example.org"])
def test_export_needs_a_valid_email(moderator_client, query):
    response = moderator_client.get(reverse("api:moderation-export") + query)

    assert response.status_code == 400
    assert "email" in response.json()


def test_erase_deletes_the_comments_and_scrubs_their_audit_entries(moderator_client, moderator, ada_comments):
    approved, pending = ada_comments
    kept = ApprovedCommentFactory(article=approved.article, author_email="bob@example.org")

    response = moderator_client.post(erase_url(), {"email": EMAIL})

    assert response.status_code == 200
    receipt = response.json()
    assert receipt["comments_deleted"] == 2
    assert receipt["audit_entries_scrubbed"] == 2
    assert list(Comment.objects.all()) == [kept]
    entries = AuditEntry.objects.filter(comment_id__in=[approved.pk, pending.pk]).order_by("id")
    stored = " ".join(f"{e.reason} {e.details}" for e in entries)
    for personal in ("First thought", "Edited thought", "Ada", EMAIL, "203.0.113.7"):
        assert personal not in stored
    assert [e.action for e in entries] == ["edit", "approve", "erase", "erase"]
    assert entries[0].details == {ERASED_MARK: True}
    erase_entries = [e for e in entries if e.action == "erase"]
    assert {(e.comment_id, e.from_status, e.to_status) for e in erase_entries} == {
        (approved.pk, "approved", "erased"),
        (pending.pk, "pending", "erased"),
    }
    assert {e.actor_name for e in erase_entries} == {moderator.username}
    assert {e.details["erasure"] for e in erase_entries} == {receipt["id"]}
    assert moderator_client.get(export_url()).json()["comments"] == []


def test_replies_to_an_erased_comment_stay_readable(moderator_client, reader, ada_comments):
    approved, _ = ada_comments
    reply = ApprovedCommentFactory(article=approved.article, parent=approved, author_email="bob@example.org")
    staff = moderator_client.post(
        reverse("api:moderation-comment-reply", args=[approved.pk]), {"body": "Thanks!"}
    )

    before = reader.get(comments_url("knee-pain")).json()["results"]

    moderator_client.post(erase_url(), {"email": EMAIL})

    public = reader.get(comments_url("knee-pain")).json()["results"]
    assert approved.pk in {c["id"] for c in before}
    assert {(c["id"], c["parent"]) for c in public} == {(reply.pk, None), (staff.json()["id"], None)}
    detail = moderator_client.get(detail_url(reply.pk)).json()
    assert detail["parent"] is None
    assert detail["parent_excerpt"] is None


def test_erase_is_all_or_nothing(moderator_client, ada_comments, monkeypatch):
    def failing_source(email):
        raise RuntimeError("the blocklist is unavailable")

    monkeypatch.setattr(rights, "_sources", {})
    rights.register_personal_data_source(
        rights.PersonalDataSource("blocklist", export=list, erase=failing_source)
    )

    with pytest.raises(RuntimeError):
        rights.commenter_erase(email=EMAIL)

    assert Comment.objects.filter(author_email__iexact=EMAIL).count() == 2
    assert not AuditEntry.objects.filter(action="erase").exists()
    assert AuditEntry.objects.get(action="edit").details["previous_body"] == "First thought"


def test_erase_runs_every_registered_erasure(moderator_client, monkeypatch):
    erased = []
    monkeypatch.setattr(rights, "_sources", {})
    rights.register_personal_data_source(
        rights.PersonalDataSource("trust", export=list, erase=lambda email: erased.append(email) or 1)
    )

    response = moderator_client.post(erase_url(), {"email": EMAIL})

    assert response.json()["other"] == {"trust": 1}
    assert erased == [EMAIL]


def test_the_audit_log_still_refuses_any_other_change(ada_comments):
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.update(reason="")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().delete()


@pytest.mark.parametrize("body", [{}, {"email": ""}, {"email": "nope"}])
def test_erase_needs_a_valid_email(moderator_client, body):
    response = moderator_client.post(erase_url(), body)

    assert response.status_code == 400
    assert "email" in response.json()


@pytest.mark.parametrize("method, url", [("get", export_url), ("post", erase_url)])
def test_only_moderators_may_export_or_erase(reader, editor_client, ada_comments, method, url):
    anonymous = getattr(reader, method)(url(), {"email": EMAIL} if method == "post" else None)
    editor = getattr(editor_client, method)(url(), {"email": EMAIL} if method == "post" else None)

    assert anonymous.status_code == 401
    assert editor.status_code == 403
    assert Comment.objects.filter(author_email__iexact=EMAIL).count() == 2


def test_the_command_erases_like_the_api(ada_comments, capsys):
    call_command("erase_commenter", EMAIL)

    assert not Comment.objects.filter(author_email__iexact=EMAIL).exists()
    erase_entries = AuditEntry.objects.filter(action="erase")
    assert {e.source for e in erase_entries} == {"system"}
    assert {e.actor_name for e in erase_entries} == {""}
    assert "deleted 2 comment(s)" in capsys.readouterr().out


def test_the_command_refuses_a_bad_address():
    with pytest.raises(CommandError):
        call_command("erase_commenter", "not-an-email")


def test_ips_and_user_agents_are_anonymised_after_the_retention_period(settings, capsys):
    settings.COMMENT_IP_RETENTION_DAYS = 30
    now = timezone.now()
    old = CommentFactory.create_batch(3, created_at=now - timedelta(days=31))
    recent = CommentFactory(created_at=now - timedelta(days=29))
    updated_at = {c.pk: Comment.objects.get(pk=c.pk).updated_at for c in old}

    call_command("anonymise_comment_ips", "--batch-size", "2")

    assert "Anonymised 3 comment(s) older than 30 days." in capsys.readouterr().out
    for comment in Comment.objects.filter(pk__in=[c.pk for c in old]):
        assert (comment.ip_address, comment.user_agent) == (None, "")
        assert comment.updated_at == updated_at[comment.pk]
    recent.refresh_from_db()
    assert (recent.ip_address, recent.user_agent) == ("203.0.113.7", "Mozilla/5.0 (Test)")


def test_anonymising_twice_changes_nothing_more(capsys):
    CommentFactory(created_at=timezone.now() - timedelta(days=91))
    CommentFactory(created_at=timezone.now() - timedelta(days=91), ip_address=None)

    call_command("anonymise_comment_ips")
    call_command("anonymise_comment_ips")

    assert capsys.readouterr().out.splitlines() == [
        "Anonymised 2 comment(s) older than 90 days.",
        "Anonymised 0 comment(s) older than 90 days.",
    ]
    assert not Comment.objects.filter(ip_address__isnull=False).exists()


def test_the_retention_command_refuses_negative_days():
    with pytest.raises(CommandError):
        call_command("anonymise_comment_ips", "--days", "-1")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need a server database")
def test_two_retention_runs_at_once_change_each_comment_once():
    CommentFactory.create_batch(40, created_at=timezone.now() - timedelta(days=100))
    start = threading.Barrier(2)

    def run():
        start.wait()
        try:
            return rights.anonymise_expired_client_data(batch_size=7)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        counts = list(pool.map(lambda _: run(), range(2)))

    assert sum(counts) == 40
    assert not Comment.objects.exclude(ip_address=None).exists()
    assert not Comment.objects.exclude(user_agent="").exists()
