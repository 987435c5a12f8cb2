"""The optional Akismet check, against a fake Akismet on a local port."""

import pytest
from django.test import override_settings

from moderation.models import Comment
from tests.moderation.factories import CommentFactory
from tests.moderation.helpers import action_url, bulk_url

from .helpers import post_comment, submission

pytestmark = pytest.mark.django_db


def stored(response):
    assert response.status_code == 202
    return Comment.objects.get(pk=response.json()["id"])


def akismet_signal(comment):
    return [item for item in comment.spam_signals if item["name"].startswith("akismet")]


def test_without_a_key_akismet_is_never_called(reader, article, fake_akismet):
    with override_settings(AKISMET_API_KEY=""):
        comment = stored(post_comment(reader, article))

    assert fake_akismet.calls == [] and akismet_signal(comment) == []


def test_each_submission_is_checked_with_what_akismet_needs(reader, article, fake_akismet):
    comment = stored(
        post_comment(
            reader,
            article,
            submission(body="Lovely article"),
            REMOTE_ADDR="198.51.100.3",
            HTTP_USER_AGENT="Firefox/130",
        )
    )

    [call] = fake_akismet.calls
    assert call["method"] == "comment-check"
    assert (
        call["fields"].items()
        >= {
            "api_key": "test-key",
            "user_ip": "198.51.100.3",
            "user_agent": "Firefox/130",
            "comment_type": "comment",
            "comment_author": "Ada",
            "comment_author_email": "ada@example.org",
            "comment_content": "Lovely article",
        }.items()
    )
    assert akismet_signal(comment) == [{"name": "akismet", "score": 0.0, "detail": "Akismet: not spam."}]
    assert comment.status == "pending"


def test_akismet_spam_adds_its_score_and_blatant_spam_more(reader, article, fake_akismet):
    fake_akismet.verdict = "true"
    spam = stored(post_comment(reader, article))
    fake_akismet.pro_tip = "discard"
    blatant = stored(post_comment(reader, article))

    assert akismet_signal(spam) == [{"name": "akismet", "score": 5.0, "detail": "Akismet: spam."}]
    assert akismet_signal(blatant)[0]["score"] == 10.0
    assert spam.status == blatant.status == "spam"


@pytest.mark.parametrize("trouble", ["error", "slow", "down", "nonsense"])
def test_akismet_in_trouble_never_breaks_a_submission(reader, article, fake_akismet, closed_port, trouble):
    if trouble == "error":
        fake_akismet.status = 500
    if trouble == "nonsense":
        fake_akismet.verdict = "invalid"
    settings = {"AKISMET_TIMEOUT": 0.2}
    if trouble == "slow":
        fake_akismet.delay = 1
    if trouble == "down":
        settings["AKISMET_ENDPOINT"] = f"http://127.0.0.1:{closed_port}/1.1"

    with override_settings(**settings):
        comment = stored(post_comment(reader, article))

    [signal] = akismet_signal(comment)
    assert signal["score"] == 0.0 and signal["detail"].startswith("Akismet could not be asked")
    assert comment.status == "pending"


@pytest.mark.parametrize(
    ("action", "status", "method"), [("spam", "pending", "submit-spam"), ("not-spam", "spam", "submit-ham")]
)
def test_a_moderators_verdict_is_sent_back_after_the_commit(
    moderator_client, fake_akismet, django_capture_on_commit_callbacks, action, status, method
):
    comment = CommentFactory(status=status, body="Cheap pills", ip_address="192.0.2.4")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert moderator_client.post(action_url(comment.pk, action), format="json").status_code == 200
    assert fake_akismet.calls == []  # nothing before the commit
    for callback in callbacks:
        callback()

    [call] = fake_akismet.calls
    assert call["method"] == method
    assert call["fields"]["comment_content"] == "Cheap pills" and call["fields"]["user_ip"] == "192.0.2.4"


def test_bulk_verdicts_are_sent_back_too(moderator_client, fake_akismet, django_capture_on_commit_callbacks):
    comments = [CommentFactory() for _ in range(2)]

    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(bulk_url(), {"action": "spam", "ids": [c.pk for c in comments]}, format="json")

    assert fake_akismet.methods() == ["submit-spam", "submit-spam"]


def test_the_systems_own_spam_verdict_is_not_sent_back(
    reader, article, fake_akismet, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment = stored(post_comment(reader, article, submission(website="filled")))

    assert comment.status == "spam"
    assert fake_akismet.methods() == ["comment-check"]


def test_other_decisions_are_not_sent(moderator_client, fake_akismet, django_capture_on_commit_callbacks):
    comment = CommentFactory()

    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(action_url(comment.pk, "approve"), format="json")

    assert fake_akismet.calls == []
