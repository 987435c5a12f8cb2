"""Claims tied to their evidence: keys, the editor's validation, the JSON-LD, the report, the demo."""

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.governance.claims import base_key, evidence_keys
from articles.models import ArticlePage
from tests.articles.admin_forms import article_form_data, list_block
from tests.factories import ArticlePageFactory

PERLMAN = {
    "authors": "Perlman AI, Sabina A, Williams A-L",
    "title": "Massage therapy for osteoarthritis of the knee: a randomized controlled trial",
    "journal": "Arch Intern Med",
    "year": 2006,
    "volume": "166(22)",
    "pages": "2533-2538",
    "doi": "10.1001/archinte.166.22.2533",
    "url": "",
    "finding": "Massage reduced pain and improved function.",
}


def benefit(title, evidence=""):
    return {"title": title, "explanation": "It helps.", "mechanism": "", "evidence": evidence}


def benefits_block(*items):
    return {"type": "benefits", "value": {"heading": "How it helps", "intro": "", "items": list(items)}}


def test_a_study_is_cited_by_its_first_authors_surname_and_year():
    assert base_key("Perlman AI, Sabina A", 2006) == "perlman2006"
    assert base_key("Müller-Lüdenscheidt K", 2010) == "mullerludenscheidt2010"


def test_two_studies_with_the_same_key_get_b_after_the_first():
    keys = evidence_keys([("one", PERLMAN), ("two", {**PERLMAN, "title": "Another"}), ("three", PERLMAN)])

    assert keys == {"perlman2006": "one", "perlman2006b": "two", "perlman2006c": "three"}


def form_benefits(*items):
    return ("benefits", {"heading": "How it helps", "intro": "", "items": list_block(list(items))})


@pytest.mark.django_db
def test_the_editor_refuses_a_claim_citing_a_study_the_article_does_not_have(moderator_client):
    article = ArticlePageFactory(live=False)
    data = article_form_data(
        body=[form_benefits(benefit("Reduces pain", "smith2020")), ("evidence", PERLMAN)], slug=article.slug
    )

    response = moderator_client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data)

    assert response.status_code == 200
    [error] = response.context["form"].errors.as_data()["body"]
    [message] = error.block_errors[0].messages
    assert "“Reduces pain” cites smith2020" in message
    assert "Keys here: perlman2006" in message


@pytest.mark.django_db
def test_the_editor_saves_a_claim_citing_the_articles_study(moderator_client):
    article = ArticlePageFactory(live=False)
    data = article_form_data(
        body=[form_benefits(benefit("Reduces pain", "Perlman2006")), ("evidence", PERLMAN)], slug=article.slug
    )

    response = moderator_client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data)

    assert response.status_code == 302
    saved = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert saved.uncited_claims == []


@pytest.fixture
def cited_article(db):
    return ArticlePageFactory(
        slug="knee-pain",
        body=[
            benefits_block(benefit("Reduces pain", "perlman2006"), benefit("Improves circulation")),
            {"type": "evidence", "value": PERLMAN, "id": "5f0e8c52-3c8e-4a55-9d8e-8a2b1d1e0c11"},
        ],
    )


def test_the_json_ld_carries_each_claim_with_its_citations(client, cited_article):
    ld = client.get("/api/v1/articles/knee-pain/").json()["json_ld"]

    study = "http://localhost:3000/blog/knee-pain/#evidence-perlman2006"
    assert [citation["@id"] for citation in ld["citation"]] == [study]
    assert ld["hasPart"] == [
        {
            "@type": "WebPageElement",
            "name": "Reduces pain",
            "text": "It helps.",
            "citation": [{"@id": study}],
        },
        {"@type": "WebPageElement", "name": "Improves circulation", "text": "It helps."},
    ]


def test_the_api_gives_each_claim_its_citations(client, cited_article):
    body = client.get("/api/v1/articles/knee-pain/").json()["body"]

    claims = body[0]["value"]["items"]
    assert [claim["citations"] for claim in claims] == [
        [{"key": "perlman2006", "evidence_id": "5f0e8c52-3c8e-4a55-9d8e-8a2b1d1e0c11"}],
        [],
    ]
    assert "evidence" not in claims[0]


def test_the_uncited_claims_report_lists_claims_citing_nothing(editor_client, cited_article):
    ArticlePageFactory(
        title="All Cited",
        body=[benefits_block(benefit("Reduces pain", "perlman2006")), {"type": "evidence", "value": PERLMAN}],
    )

    html = editor_client.get(reverse("articles_uncited_claims")).content.decode()
    export = editor_client.get(reverse("articles_uncited_claims"), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))

    assert "Uncited claims" in html and "Improves circulation" in html
    assert "All Cited" not in html
    assert rows == [
        ["Title", "Claims citing no evidence", "Medical reviewer", "Status"],
        [cited_article.title, "Improves circulation", "", "live"],
    ]


@pytest.mark.django_db
def test_the_demo_benefits_cite_the_perlman_study_where_it_supports_them(client, editor_client):
    call_command("load_demo", stdout=io.StringIO())

    body = client.get("/api/v1/articles/massage-for-knee-pain/").json()["body"]

    [benefits] = [block["value"] for block in body if block["type"] == "benefits"]
    cited = {claim["title"]: [c["key"] for c in claim["citations"]] for claim in benefits["items"]}
    assert cited == {
        "Reduces Muscle Tension Around the Knee": [],
        "Improves Blood Circulation": [],
        "Helps Decrease Pain Signals": ["perlman2006"],
        "Supports Joint Mobility and Flexibility": ["perlman2006"],
    }
    report = editor_client.get(reverse("articles_uncited_claims")).content.decode()
    assert "Reduces Muscle Tension Around the Knee; Improves Blood Circulation" in report
