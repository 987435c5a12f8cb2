"""Imported comments get the cleaning, email check and clinical-safety triage that submissions get."""

import pytest

from api.comments.serializers import CommentSubmissionSerializer
from moderation.models import Comment

from .conftest import CLINIC_EXPORT, import_shopify

pytestmark = pytest.mark.django_db


@pytest.fixture
def comments(blog, clinic_images):
    output = import_shopify(*CLINIC_EXPORT, images=clinic_images)
    return output, {comment.shopify_id: comment for comment in Comment.objects.all()}


def test_bidi_overrides_are_removed_as_the_api_removes_them(comments):
    _, stored = comments

    comment = stored[653600002]
    assert comment.body == "Great tips gnp.exe for my office team"
    assert comment.status == "approved"


def test_a_name_of_invisible_characters_and_a_false_address_are_replaced_and_reported(comments):
    output, stored = comments

    comment = stored[653600003]
    assert (comment.author_name, comment.author_email, comment.status) == ("Anonymous", "", "pending")
    assert (
        "comment 653600003\n  Warning: its author's name has no visible character: shown as 'Anonymous'"
        in output
    )
    assert "its email 'not-an-email' is not an address: left out" in output
    assert stored[653600006].author_email == ""
    assert "its email 'mei@[192.0.2.1]' is not one we may write to: left out" in output


def test_a_comment_the_cleaning_empties_waits_with_a_note_and_is_never_published_blank(comments, api):
    _, stored = comments

    comment = stored[653600004]
    assert (comment.status, comment.body) == ("pending", "")
    (entry,) = comment.audit_entries.all()
    assert entry.reason == "Its text was empty, or too short, once cleaned: it waits for a moderator."
    listed = api.get("/api/v1/articles/neck-massage-benefits/comments/").json()["results"]
    assert all(item["body"].strip() for item in listed)


def test_a_published_comment_the_safety_triage_flags_waits_for_a_moderator(comments, api):
    output, stored = comments

    comment = stored[653600005]
    assert comment.safety_flagged and comment.safety_signals
    assert comment.status == "pending"
    assert comment.audit_entries.get().reason.startswith(
        "Published on Shopify, but the clinical-safety checks"
    )
    assert (
        "comment 653600005\n  Warning: Published on Shopify, but the clinical-safety checks flagged it"
        in output
    )
    listed = api.get("/api/v1/articles/neck-massage-benefits/comments/").json()["results"]
    assert [item["body"] for item in listed] == [
        "The chin tucks really helped, thank you!",
        "Great tips gnp.exe for my office team",
    ]


def test_the_import_cleans_as_the_comment_api_cleans(comments):
    _, stored = comments
    serializer = CommentSubmissionSerializer(
        data={
            "author_name": "Sam\u200b Lee",
            "author_email": "sam@example.org",
            "body": "Great tips \u202egnp.exe for my office team",
        },
        context={"article": None},
    )

    assert serializer.is_valid(), serializer.errors
    comment = stored[653600002]
    assert (comment.author_name, comment.body) == (
        serializer.validated_data["author_name"],
        serializer.validated_data["body"],
    )
    for name in ("\u200b\u200c\u2063", ""):
        refused = CommentSubmissionSerializer(
            data={"author_name": name, "author_email": "not-an-email", "body": "Hi there"}
        )
        assert not refused.is_valid()
        assert {"author_name", "author_email"} <= set(refused.errors)


def test_names_are_collapsed_to_one_line(comments):
    _, stored = comments

    assert stored[653600007].author_name == "Chris Doe"
    assert not stored[653600001].safety_flagged


def test_a_rerun_leaves_cleaned_and_held_comments_as_they_are(comments, clinic_images):
    _, stored = comments
    versions = {pk: comment.version for pk, comment in stored.items()}

    output = import_shopify(*CLINIC_EXPORT, images=clinic_images)

    assert {comment.shopify_id: comment.version for comment in Comment.objects.all()} == versions
    assert "comment 6536" not in output.split("Shopify import")[0]
