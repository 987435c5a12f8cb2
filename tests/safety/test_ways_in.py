"""
Every way a comment's words arrive is triaged: the API (tests/moderation/test_safety.py), an
import from Shopify (tests/importer/test_clinic_comments.py), a moderator's edit, and
`retriage_comments` after the rules change.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from moderation import services
from tests.moderation.factories import ApprovedCommentFactory, CommentFactory, ModeratorFactory

pytestmark = pytest.mark.django_db

RED_FLAG = "My knee has been hot and swollen since I fell on the stairs, should I still book?"


def test_a_moderators_edit_is_triaged_again():
    comment = CommentFactory(body="Lovely article.")
    moderator = ModeratorFactory()

    services.comment_edit(comment_id=comment.pk, body=RED_FLAG, actor=moderator)
    comment.refresh_from_db()
    assert comment.safety_flagged
    assert {"hot_swollen", "fall_injury", "personal_advice"} <= {s["concept"] for s in comment.safety_signals}

    services.comment_edit(comment_id=comment.pk, body="Lovely article, thanks.", actor=moderator)
    comment.refresh_from_db()
    assert (comment.safety_flagged, comment.safety_signals) == (False, [])


def test_retriage_reads_stored_comments_again_and_prints_what_changed():
    # Stored before the rules changed: a red flag read as nothing, and an old-style signal.
    missed = CommentFactory(body="J'ai de la fièvre depuis hier.", safety_signals=[], safety_flagged=False)
    stale = CommentFactory(
        body="Great tips, thank you!",
        safety_signals=[{"name": "red_flag", "matched": ["tips"]}],
        safety_flagged=True,
    )
    published = ApprovedCommentFactory(body="I'm 20 weeks pregnant and loved this.")
    output = StringIO()

    call_command("retriage_comments", "--status", "pending", stdout=output)

    missed.refresh_from_db(), stale.refresh_from_db(), published.refresh_from_db()
    assert missed.safety_flagged and missed.status == "pending" and missed.version == 2
    assert (stale.safety_flagged, stale.safety_signals) == (False, [])
    assert (published.safety_flagged, published.version) == (False, 1)  # not pending: not read
    printed = output.getvalue()
    assert f"Comment {missed.pk} (pending): none -> fever or chills" in printed
    assert f"Comment {stale.pk} (pending): red_flag -> none" in printed
    assert "Read 2 comment(s): 2 changed, 1 newly flagged, 1 no longer flagged." in printed


def test_retriage_changes_nothing_the_second_time():
    comment = CommentFactory(body="Chest pain when I climb stairs.")
    call_command("retriage_comments", stdout=StringIO())
    comment.refresh_from_db()
    version = comment.version
    output = StringIO()

    call_command("retriage_comments", stdout=output)

    comment.refresh_from_db()
    assert comment.version == version
    assert "1 comment(s): 0 changed" in output.getvalue()


def test_retriage_keeps_a_newly_flagged_approved_comment_published():
    comment = ApprovedCommentFactory(body="Xarelto every day since my clot.")

    call_command("retriage_comments", stdout=StringIO())

    comment.refresh_from_db()
    assert (comment.status, comment.safety_flagged) == ("approved", True)


def test_an_unknown_status_is_refused():
    with pytest.raises(Exception, match="invalid choice"):
        call_command("retriage_comments", "--status", "maybe", stdout=StringIO())


def test_the_admin_queue_shows_the_flag_as_a_red_badge_with_its_reasons(client):
    client.force_login(ModeratorFactory())
    services.comment_edit(
        comment_id=CommentFactory(body="x").pk, body="I'm on Eliquis and pregnant.", actor=ModeratorFactory()
    )
    CommentFactory(body="Lovely article.")

    html = client.get(reverse("moderation_comments:index")).content.decode()

    assert html.count('class="moderation-safety-flag"') == 1
    assert "Safety flag: blood clot or anticoagulants; pregnancy</span>" in html
    assert "moderation/admin.css" in html
