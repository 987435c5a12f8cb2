"""Reading age: computed from an article's prose, stored on save, shown to the editor."""

import socket

import pytest
from django.urls import reverse

from articles.governance.readability import Readability, block_sentences, body_facts, represent
from tests.factories import ArticlePageFactory

SIMPLE = "Massage can ease knee pain. It helps you move more easily. Ask your therapist how often to come."
DENSE = (
    "Osteoarthritis is a degenerative musculoskeletal condition characterised by progressive "
    "deterioration of articular cartilage and subchondral bone remodelling."
)


def report_of(body):
    return represent(body_facts(body))


def paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def test_known_texts_have_their_flesch_kincaid_grade_and_reading_age():
    simple, dense = Readability.of([SIMPLE]), Readability.of([DENSE])

    assert (simple.grade, simple.reading_age, simple.words) == (2.1, 7, 18)
    assert (dense.grade, dense.reading_age, dense.words) == (22.9, 27, 17)


def test_a_very_easy_text_has_grade_zero_and_reading_age_five():
    easy = Readability.of(["The cat sat on the mat."])

    assert (easy.grade, easy.reading_age) == (0.0, 5)


def test_computing_it_calls_no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the reading age tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)

    assert Readability.of(["Stretching gently every morning keeps the knee supple and strong."]) is not None


def test_only_the_prose_readers_read_counts():
    evidence = {
        "type": "evidence",
        "value": {
            "authors": "Perlman AI, Sabina A",
            "title": "Massage therapy for osteoarthritis of the knee: a randomized controlled trial",
            "journal": "Arch Intern Med",
            "year": 2006,
            "doi": "10.1001/archinte.166.22.2533",
            "finding": "Massage reduced pain",
        },
    }
    causes = {
        "type": "causes",
        "value": {
            "heading": "Common causes",
            "intro": "",
            "items": [
                {"type": "item", "value": {"name": "Tight muscles", "description": "", "kind": "muscular"}}
            ],
        },
    }

    assert block_sentences(evidence) == ["Massage reduced pain."]
    # Headings and list items are sentences of their own; the cause's kind is a choice, not prose.
    assert block_sentences(causes) == ["Common causes.", "Tight muscles."]
    assert block_sentences(paragraph("Rest<ul><li>Ice</li><li>Heat &amp; rest</li></ul>")) == [
        "Rest.",
        "Ice.",
        "Heat & rest.",
    ]


def test_a_block_type_added_later_is_read_by_its_texts():
    table = {"type": "table", "value": {"rows": [["Ice the knee after exercise", "10"], ["Rest it", "x"]]}}

    assert block_sentences(table) == ["Ice the knee after exercise.", "Rest it."]


def test_the_report_has_the_target_and_flags_long_blocks_above_it():
    body = [
        {**paragraph(SIMPLE), "id": "simple"},
        {**paragraph(DENSE + " " + DENSE), "id": "dense"},
        {
            "type": "heading",
            "value": {"text": "Osteoarthritis pathophysiology", "level": "h2"},
            "id": "short",
        },
    ]

    report = report_of(body)

    assert report["target"] == {"min": 9, "max": 11}
    assert report["above_target"] is True
    flagged = {block["id"]: block["above_target"] for block in report["blocks"]}
    # The heading reads as hard, but three words say too little to warn about.
    assert flagged == {"simple": False, "dense": True, "short": False}


def test_the_target_is_configurable(settings):
    settings.ARTICLES_READING_AGE_TARGET = (6, 8)

    report = report_of([paragraph(SIMPLE + " " + SIMPLE)])

    assert report["target"] == {"min": 6, "max": 8}
    assert report["reading_age"] == 7 and report["above_target"] is False


@pytest.mark.django_db
def test_saving_an_article_stores_its_reading_age():
    article = ArticlePageFactory(body=[paragraph(DENSE)])

    assert (article.reading_age, article.reading_grade) == (27, 22.9)

    article.body = [paragraph(SIMPLE)]
    article.save()
    article.refresh_from_db()
    assert (article.reading_age, article.reading_grade) == (7, 2.1)


@pytest.mark.django_db
def test_the_editor_shows_the_reading_age_and_warns_above_the_target(moderator_client):
    article = ArticlePageFactory(body=[paragraph(SIMPLE), paragraph(DENSE + " " + DENSE)])

    html = moderator_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()

    assert "Reading age <strong>" in html
    assert "above the target of 9 to 11" in html
    assert "2. Paragraph" in html and "above target" in html
