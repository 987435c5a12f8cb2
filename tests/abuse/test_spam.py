"""Each spam signal is recorded with its score; a high score sends the comment to `spam`."""

import time

import pytest
from django.core import mail
from django.test import override_settings

from moderation.abuse import form_token
from moderation.abuse.models import BlocklistEntry
from moderation.models import AuditEntry, Comment
from tests.factories import ArticlePageFactory
from tests.moderation.factories import CommentFactory
from tests.moderation.helpers import fetched_form_token

from .helpers import post_comment, submission

pytestmark = pytest.mark.django_db


def stored(response):
    assert response.status_code == 202
    return Comment.objects.get(pk=response.json()["id"])


def signals(comment, name=None):
    return [item for item in comment.spam_signals if name is None or item["name"] == name]


def waited_token(article, seconds=10):
    """The token a reader who loaded the form `seconds` ago sends back."""
    return form_token.issue(article.pk, now=time.time() - seconds)


def test_the_form_token_endpoint_hands_out_a_token_for_its_article(reader, article):
    token = fetched_form_token(reader, article.slug)

    assert form_token.check(token, article.pk).problem == ""
    assert form_token.check(token, article.pk + 1).problem == "for another article"


@override_settings(COMMENT_MIN_SUBMIT_SECONDS=0)
def test_a_valid_form_token_raises_no_signal(reader, article):
    token = fetched_form_token(reader, article.slug)

    comment = stored(post_comment(reader, article, submission(form_token=token)))

    assert comment.spam_signals == [] and comment.spam_score == 0
    assert comment.status == "pending"


def test_a_submission_without_a_token_is_accepted_but_flagged(reader, article):
    comment = stored(post_comment(reader, article))

    assert comment.status == "pending"
    assert signals(comment, "form_token") == [
        {"name": "form_token", "score": 2.0, "detail": "Form token missing."}
    ]


@pytest.mark.parametrize(
    ("token", "problem"),
    [("not-a-token", "invalid"), ("forged", "invalid"), ("other-article", "for another article")],
)
def test_a_bad_token_is_flagged(reader, article, token, problem):
    if token == "forged":
        token = waited_token(article)[:-3] + "abc"
    if token == "other-article":
        token = waited_token(ArticlePageFactory(slug="elsewhere"))

    comment = stored(post_comment(reader, article, submission(form_token=token)))

    assert signals(comment, "form_token")[0]["detail"] == f"Form token {problem}."


@override_settings(COMMENT_FORM_TOKEN_MAX_AGE=-1)
def test_an_expired_token_is_flagged(reader, article):
    comment = stored(post_comment(reader, article, submission(form_token=waited_token(article))))

    assert signals(comment, "form_token")[0]["detail"] == "Form token expired."


def test_a_form_sent_faster_than_a_person_types_is_flagged(reader, article):
    token = fetched_form_token(reader, article.slug)

    comment = stored(post_comment(reader, article, submission(form_token=token)))

    [signal] = signals(comment)
    assert signal["name"] == "time_to_submit" and signal["score"] == 3.0
    assert "less than 3 s" in signal["detail"]


def test_a_filled_honeypot_sends_the_comment_to_spam_with_the_same_answer(reader, article):
    normal = post_comment(reader, article, submission(form_token=waited_token(article)))
    trapped = post_comment(
        reader, article, submission(website="http://cheap.example", form_token=waited_token(article))
    )

    assert trapped.status_code == normal.status_code == 202
    assert {key: value for key, value in trapped.json().items() if key != "id"} == {
        key: value for key, value in normal.json().items() if key != "id"
    }
    comment = Comment.objects.get(pk=trapped.json()["id"])
    assert comment.status == "spam"
    assert signals(comment, "honeypot")[0]["score"] == 10.0


def test_spam_goes_through_the_workflow_with_a_system_audit_entry(reader, article, moderator):
    comment = stored(post_comment(reader, article, submission(website="x")))

    entries = AuditEntry.objects.filter(comment=comment).order_by("at", "id")
    assert [(e.action, e.from_status, e.to_status, e.source, e.actor_id) for e in entries] == [
        ("submit", "", "pending", "api", None),
        ("spam", "pending", "spam", "system", None),
    ]
    assert "threshold" in entries[1].reason
    assert comment.version == 2


def test_moderators_are_not_emailed_about_spam(
    reader, article, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(reader, article, submission(website="x"))

    assert mail.outbox == []


def test_each_link_beyond_the_first_adds_a_point(reader, article):
    body = "See http://a.example, www.b.example, https://c.example/x and http://d.example"

    comment = stored(post_comment(reader, article, submission(body=body, form_token=waited_token(article))))

    assert signals(comment) == [{"name": "links", "score": 3.0, "detail": "4 links in the body"}]
    assert comment.status == "pending"


@pytest.mark.parametrize(
    ("kind", "value", "changes", "remote_addr"),
    [
        ("word", "Cheap Pills", {"body": "Buy cheap pills here today"}, "192.0.2.1"),
        ("word", "casino", {"author_name": "Casino King"}, "192.0.2.1"),
        ("email", "Bad@Example.org", {"author_email": "bad@example.ORG"}, "192.0.2.1"),
        ("ip", "198.51.100.0/24", {}, "198.51.100.9"),
        ("ip", "2001:db8::1", {}, "2001:db8::1"),
        ("domain", "spam.example", {"author_email": "x@mail.spam.example"}, "192.0.2.1"),
        ("domain", "spam.example", {"body": "Look at https://www.spam.example/offer now"}, "192.0.2.1"),
    ],
)
def test_a_blocklist_match_sends_the_comment_to_spam(reader, article, kind, value, changes, remote_addr):
    entry = BlocklistEntry.objects.create(kind=kind, value=value, reason="Seen before")

    comment = stored(post_comment(reader, article, submission(**changes), REMOTE_ADDR=remote_addr))

    assert comment.status == "spam"
    [signal] = signals(comment, "blocklist")
    assert signal["score"] == 10.0
    if kind == "ip":
        # The signal outlives IP retention, so it names the entry, never the address.
        assert remote_addr not in signal["detail"] and f"entry {entry.pk}" in signal["detail"]
    else:
        assert entry.value in signal["detail"]


@pytest.mark.parametrize(
    ("kind", "value", "changes"),
    [
        ("word", "spam", {"body": "Spamming is a different word entirely"}),
        ("email", "bad@example.org", {"author_email": "notbad@example.org"}),
        ("ip", "198.51.100.0/24", {}),
        (
            "domain",
            "spam.example",
            {"author_email": "x@nospam.example", "body": "see http://antispam.example"},
        ),
    ],
)
def test_near_misses_do_not_match_the_blocklist(reader, article, kind, value, changes):
    BlocklistEntry.objects.create(kind=kind, value=value)

    comment = stored(post_comment(reader, article, submission(**changes), REMOTE_ADDR="192.0.2.1"))

    assert signals(comment, "blocklist") == []
    assert comment.status == "pending"


def test_blocklist_values_are_normalised_and_checked():
    assert BlocklistEntry.objects.create(kind="ip", value="10.1.2.3/8").value == "10.0.0.0/8"
    assert BlocklistEntry.objects.create(kind="domain", value="@Spam.Example.").value == "spam.example"
    with pytest.raises(ValueError, match="IP address"):
        BlocklistEntry(kind="ip", value="not-an-ip").save()


def test_the_same_body_from_the_same_email_or_ip_is_a_duplicate(reader, article):
    other_article = ArticlePageFactory(slug="other")
    CommentFactory(
        article=other_article, author_email="ADA@example.org", body="Great post!", ip_address="192.0.2.50"
    )
    CommentFactory(
        article=other_article, author_email="bo@example.org", body="Great post!", ip_address="192.0.2.60"
    )

    by_email = stored(
        post_comment(
            reader, article, submission(author_name="Ada L", body="great post!"), REMOTE_ADDR="192.0.2.1"
        )
    )
    by_ip = stored(
        post_comment(
            reader,
            article,
            submission(author_email="cy@example.org", body="Great post!"),
            REMOTE_ADDR="192.0.2.60",
        )
    )
    neither = stored(
        post_comment(
            reader,
            article,
            submission(author_email="di@example.org", body="Great post!"),
            REMOTE_ADDR="192.0.2.2",
        )
    )

    assert signals(by_email, "duplicate")[0]["score"] == 3.0
    assert signals(by_ip, "duplicate")[0]["score"] == 3.0
    assert signals(neither, "duplicate") == []


@override_settings(COMMENT_DUPLICATE_WINDOW=0)
def test_duplicates_older_than_the_window_do_not_count(reader, article):
    CommentFactory(article=article, author_email="ada@example.org", body="Great post!")

    comment = stored(post_comment(reader, article, submission(author_name="Other", body="Great post!")))

    assert signals(comment, "duplicate") == []


@override_settings(COMMENT_SPAM_THRESHOLD=2, COMMENT_SPAM_SCORES={"links": 0.5})
def test_the_threshold_and_weights_are_settings(reader, article):
    body = "http://a.example http://b.example http://c.example"

    comment = stored(post_comment(reader, article, submission(body=body)))

    assert signals(comment, "links")[0]["score"] == 1.0
    assert comment.spam_score == 3.0 and comment.status == "spam"
