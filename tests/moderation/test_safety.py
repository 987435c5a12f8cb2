"""
Clinical-safety triage as moderators meet it: a reader describing a red flag or asking for personal
advice is held for a person, shown with the words that raised it and the context decision, and
answered first; a negated finding is shown as such and flags nothing.
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
SIGNAL_FIELDS = {"name", "concept", "label", "matched", "context", "flagged", "detail"}


def submitted(reader, moderator_client, article, body):
    """The comment `body` as moderators see it once a reader sent it."""
    response = post_comment(reader, article, submission(body=body))
    assert response.status_code == 202
    queue = moderator_client.get(queue_url(), {"status": "all"}).json()["results"]
    return next(item for item in queue if item["id"] == response.json()["id"])


def by_concept(item):
    return {signal["concept"]: signal for signal in item["safety_signals"]}


def test_a_red_flag_is_recorded_with_the_readers_words_and_its_context(reader, moderator_client, article):
    item = submitted(reader, moderator_client, article, HOT_AND_SWOLLEN)

    assert item["safety_flagged"] is True and item["status"] == "pending"
    signals = by_concept(item)
    assert signals["hot_swollen"]["matched"] == ["knee is hot and swollen"]
    assert signals["fall_injury"]["matched"] == ["since the fall"]
    assert all(set(signal) == SIGNAL_FIELDS for signal in item["safety_signals"])
    assert all(signal["context"] == "affirmed" and signal["flagged"] for signal in item["safety_signals"])


def test_a_negated_finding_is_shown_but_flags_nothing(reader, moderator_client, article):
    item = submitted(
        reader, moderator_client, article, "No pain, no numbness, just curious about the stretches."
    )

    assert item["safety_flagged"] is False and item["status"] == "pending"
    (signal,) = item["safety_signals"]
    assert (signal["concept"], signal["context"], signal["flagged"]) == ("numbness", "negated", False)
    assert "not flagged" in signal["detail"]


def test_the_articles_own_contraindications_are_named_in_the_signal(reader, moderator_client):
    body = [
        {
            "type": "contraindications",
            "value": {
                "heading": "When not to book",
                "intro": "",
                "items": [
                    {
                        "condition": "A suspected fracture or a flare of gout",
                        "severity": "avoid",
                        "guidance": "",
                    }
                ],
            },
        },
    ]
    article = ArticlePageFactory(slug="ankle", title="Massage for ankle pain", body=body)

    item = submitted(
        reader, moderator_client, article, "I think I fractured my wrist, and my gout flares keep coming."
    )

    signals = {(signal["name"], signal["concept"]): signal for signal in item["safety_signals"]}
    fracture = signals["contraindication", "fracture"]
    assert (
        "A suspected fracture or a flare of gout" in fracture["detail"]
        and "Avoid massage" in fracture["detail"]
    )
    # The article's own words that no concept covers are looked for too.
    assert "gout" in signals["contraindication", "article"]["matched"]


def test_an_everyday_word_of_the_article_flags_nothing_alone(reader, moderator_client, article):
    item = submitted(
        reader,
        moderator_client,
        article,
        "Hot stone massage sounds lovely, and the surgery next door has parking.",
    )

    assert (item["safety_flagged"], [s for s in item["safety_signals"] if s["flagged"]]) == (False, [])


def test_a_request_for_personal_advice_is_flagged(reader, moderator_client, article):
    item = submitted(reader, moderator_client, article, "Could massage help my knee? Asking before I book.")

    advice = by_concept(item)["personal_advice"]
    assert advice["flagged"] and advice["name"] == "personal_advice"
    assert "could massage help my" in advice["matched"]


def test_a_comment_in_a_language_the_triage_does_not_read_waits_for_a_person(
    reader, moderator_client, article
):
    item = submitted(
        reader, moderator_client, article, "Ich habe seit drei Tagen starke Knieschmerzen, was soll ich tun?"
    )

    (signal,) = item["safety_signals"]
    assert (signal["name"], signal["matched"], item["safety_flagged"]) == (
        "unreadable_language",
        ["German"],
        True,
    )


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
    negated = post_comment(
        reader, article, submission(body="No fever, not pregnant, just a fan.", commenter_token=token)
    )

    assert held.json()["status"] == "pending"
    assert Comment.objects.get(pk=held.json()["id"]).status == "pending"
    # A finding the reader negates is no reason to hold a trusted commenter's comment.
    assert negated.json()["status"] == "approved"


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
