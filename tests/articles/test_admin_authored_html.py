"""HTML an editor writes in the admin reaches the frontend without the editor's internals."""

import json

import pytest
from django.urls import reverse
from rest_framework.test import APIClient
from wagtail.test.utils.form_data import rich_text

from articles.models import ArticlePage
from tests.articles.admin_forms import article_form_data, contraindications, list_block, paragraph
from tests.factories import blog_index

pytestmark = pytest.mark.django_db


def faq(question, answer_html):
    items = [{"question": question, "answer": rich_text(answer_html)}]
    return ("faq", {"items": list_block(items)})


@pytest.mark.usefixtures("direct_publishing")
def test_paragraphs_and_answers_written_in_the_admin_have_no_block_keys(moderator_client):
    body = [
        paragraph("<p>Massage eases <b>tight</b> muscles.</p><ul><li>Knees</li><li>Hips</li></ul>"),
        contraindications(),
        faq("Does it hurt?", "<p>It should not.</p><p>Tell your therapist.</p>"),
    ]
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", blog_index().pk])
    response = moderator_client.post(url, article_form_data(body=body, action="publish"))
    assert response.status_code == 302
    stored = ArticlePage.objects.get(slug="massage-for-knee-pain").body.raw_data
    assert "data-block-key" in json.dumps(list(stored))  # what Wagtail keeps for its editor

    detail = APIClient().get("/api/v1/articles/massage-for-knee-pain/").json()

    assert "data-block-key" not in json.dumps(detail)
    assert detail["body"][0]["value"] == (
        "<p>Massage eases <b>tight</b> muscles.</p><ul><li>Knees</li><li>Hips</li></ul>"
    )
    answer = detail["body"][2]["value"]["items"][0]["answer"]
    assert answer == "<p>It should not.</p><p>Tell your therapist.</p>"
