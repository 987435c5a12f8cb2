"""
Clinical-safety triage: a reader describing a red flag or asking for personal advice is held for
a person, shown with the words that raised it, and answered first.
"""

import pytest
from django.test import override_settings

from moderation.models import Comment
from tests.abuse.helpers import post_comment, submission
from tests.abuse.test_trust import trusted_ada
from tests.factories import ArticlePageFactory

from .factories import CommentFactory
from .helpers import queue_url, stats_url

pytestmark = pytest.mark.django_db

HOT_AND_SWOLLEN = "My knee is hot and swollen since the fall."


def submitted(reader, moderator_client, article, body):
    """The comment `body` as moderators see it once a reader sent it."""
    response = post_comment(reader, article, submission(body=body))
    assert response.status_code == 202
    queue = moderator_client.get(queue_url(), {"status": "all"}).json()["results"]
    return next(item for item in queue if item["id"] == response.json()["id"])


def signals_by_name(item):
    return {signal["name"]: signal for signal in item["safety_signals"]}


def test_a_red_flag_is_recorded_with_the_readers_words(reader, moderator_client, article):
    item = submitted(reader, moderator_client, article, HOT_AND_SWOLLEN)

    assert item["safety_flagged"] is True and item["status"] == "pending"
    red_flags = [signal for signal in item["safety_signals"] if signal["name"] == "red_flag"]
    assert {matched for signal in red_flags for matched in signal["matched"]} == {
        "hot and swollen",
        "since the fall",
    }
    assert all(set(signal) == {"name", "matched", "detail"} and signal["detail"] for signal in red_flags)


def test_the_articles_own_contraindications_match_other_forms_of_their_words(reader, moderator_client):
    body = [
        {
            "type": "contraindications",
            "value": {
                "heading": "When not to book",
                "intro": "",
                "items": [{"condition": "Swelling or a fractured bone", "severity": "avoid", "guidance": ""}],
            },
        },
        {"type": "warning", "value": {"urgency": "urgent", "heading": "", "text": "Sudden bruising."}},
    ]
    article = ArticlePageFactory(slug="ankle", title="Massage for ankle pain", body=body)

    item = submitted(reader, moderator_client, article, "It swelled up, then the bruises came.")

    signals = signals_by_name(item)
    assert signals["contraindication"]["matched"] == ["swelled"]
    assert "Swelling or a fractured bone" in signals["contraindication"]["detail"]
    assert "Avoid massage" in signals["contraindication"]["detail"]
    assert signals["warning"]["matched"] == ["bruises"]


def test_a_request_for_personal_advice_is_flagged(reader, moderator_client, article):
    item = submitted(reader, moderator_client, article, "Is it safe for my knee? Should I book now?")

    assert signals_by_name(item)["personal_advice"]["matched"] == ["should i", "is it safe"]


def test_the_articles_topic_words_alone_flag_nothing(reader, moderator_client):
    article = ArticlePageFactory(slug="knee", title="Massage for knee pain")

    item = submitted(reader, moderator_client, article, "Lovely article about knee pain, thanks.")

    assert (item["safety_flagged"], item["safety_signals"]) == (False, [])


def test_safety_signals_never_count_towards_spam(reader, moderator_client, article):
    item = submitted(reader, moderator_client, article, "Chest pain and numbness, can I still come?")

    assert item["safety_flagged"] and item["status"] == "pending"
    assert all(signal["name"] not in {"red_flag", "personal_advice"} for signal in item["spam_signals"])


@override_settings(COMMENT_TRUSTED_SKIP_QUEUE=True)
def test_a_trusted_commenters_flagged_comment_waits_for_a_person(reader, article):
    token = trusted_ada(reader)

    held = post_comment(reader, article, submission(body=HOT_AND_SWOLLEN, commenter_token=token))
    plain = post_comment(reader, article, submission(commenter_token=token))

    assert held.json()["status"] == "pending"
    assert Comment.objects.get(pk=held.json()["id"]).status == "pending"
    assert plain.json()["status"] == "approved"


def test_flagged_comments_come_first_in_the_queue(moderator_client):
    older = CommentFactory()
    flagged = CommentFactory(safety_flagged=True, safety_signals=[{"name": "red_flag"}])
    newer = CommentFactory()

    queue = moderator_client.get(queue_url()).json()["results"]

    assert [item["id"] for item in queue] == [flagged.pk, older.pk, newer.pk]


def test_the_queue_filters_on_the_safety_flag(moderator_client):
    flagged = CommentFactory(safety_flagged=True)
    clear = CommentFactory()

    def ids(value):
        response = moderator_client.get(queue_url(), {"safety": value})
        assert response.status_code == 200
        return [item["id"] for item in response.json()["results"]]

    assert (ids("flagged"), ids("clear")) == ([flagged.pk], [clear.pk])


def test_an_unknown_safety_value_is_a_400(moderator_client):
    response = moderator_client.get(queue_url(), {"safety": "yes"})

    assert response.status_code == 400
    assert list(response.json()) == ["safety"]


def test_stats_count_the_flagged_comments(moderator_client):
    CommentFactory.create_batch(2, safety_flagged=True)
    CommentFactory(safety_flagged=True, status="approved")
    CommentFactory()

    stats = moderator_client.get(stats_url()).json()

    assert (stats["safety_flagged_pending"], stats["safety_flagged_total"]) == (2, 3)
