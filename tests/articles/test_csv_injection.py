"""
CSV exports write no cell a spreadsheet would run as a formula: a title starting with = + - @, a
tab or a carriage return is written after a single quote (articles/spreadsheets.py).
"""

import csv
import io

import pytest
from django.urls import reverse

from articles.models import ArticlePage
from articles.shopify.report import Report
from tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = pytest.mark.django_db

FORMULAS = [
    '=HYPERLINK("https://evil.example","Click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\tTabbed",
    "\rReturned",
]


def exported_rows(editor_client, report):
    response = editor_client.get(reverse(report), {"export": "csv"})
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode(), newline="")))


def test_the_review_report_writes_formula_titles_as_text(editor_client):
    reviewer = AuthorFactory(name="=cmd|' /C calc'!A0")
    for number, title in enumerate(FORMULAS):
        ArticlePageFactory(title=title, slug=f"formula-{number}", medical_reviewer=reviewer)
    ArticlePageFactory(title="Massage - what to expect", slug="plain")

    rows = exported_rows(editor_client, "articles_review_due")

    titles = {row[0] for row in rows[1:]}
    assert titles == {"'" + title for title in FORMULAS} | {"Massage - what to expect"}
    assert {row[1] for row in rows[1:] if row[0] != "Massage - what to expect"} == {"'=cmd|' /C calc'!A0"}


def test_the_uncited_claims_report_neutralises_its_cells_too(editor_client):
    page = ArticlePageFactory(title="@evil", slug="evil")
    ArticlePage.objects.filter(pk=page.pk).update(uncited_claim_count=1)

    rows = exported_rows(editor_client, "articles_uncited_claims")

    assert rows[1][0] == "'@evil"


def test_the_import_report_csv_writes_formulas_as_text(tmp_path):
    report = Report()
    report.warn("/blogs/news/=1+1", '=HYPERLINK("https://evil.example")', kind="structure")
    path = tmp_path / "report.csv"

    report.write_csv(path)

    with open(path, encoding="utf-8", newline="") as rows:
        [notice] = list(csv.DictReader(rows))
    assert notice["article"] == "/blogs/news/=1+1"
    assert notice["message"] == '\'=HYPERLINK("https://evil.example")'
