"""
The listing and the detail cost the same number of SQL queries however many articles, tags,
conditions, techniques, images and blocks they show.

Each test warms up first: an image's renditions are generated (and stored) the first time it is
shown, which is a one-off write, not a read.
"""

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ArticlePageFactory,
    AuthorCredentialFactory,
    AuthorFactory,
    ClinicLocationFactory,
    ConditionFactory,
    ImageFactory,
    TechniqueFactory,
)
from tests.moderation.factories import CommentFactory

from .helpers import block, contraindications_block, image_block, paragraph, techniques_block

pytestmark = pytest.mark.django_db

LIST_MAX_QUERIES = 12
DETAIL_MAX_QUERIES = 25


def queries(api, url):
    api.get(url)  # warm up: renditions
    with CaptureQueriesContext(connection) as context:
        response = api.get(url)
    assert response.status_code == 200
    return len(context)


def listed_article(n, shared_condition):
    author = AuthorFactory()
    AuthorCredentialFactory(author=author)
    article = ArticlePageFactory(
        author=author,
        hero_image=ImageFactory(),
        body=[techniques_block(TechniqueFactory(), TechniqueFactory()), contraindications_block()],
    )
    article.conditions.add(shared_condition, ConditionFactory())
    article.tags.add(f"tag-{n}", "shared")
    article.save()
    CommentFactory(article=article, status="approved")
    return article


def test_the_listing_costs_the_same_for_1_and_50_articles(api, django_assert_max_num_queries):
    condition = ConditionFactory()
    listed_article(0, condition)
    url = "/api/v1/articles/?page_size=100"
    one = queries(api, url)

    for n in range(1, 50):
        listed_article(n, condition)
    fifty = queries(api, url)

    assert api.get(url).json()["count"] == 50
    assert fifty == one
    with django_assert_max_num_queries(LIST_MAX_QUERIES):
        api.get(url)


def test_filters_and_search_add_no_query_per_article(api):
    condition = ConditionFactory(slug="knee")
    listed_article(0, condition)
    url = "/api/v1/articles/?condition=knee&tag=shared&search=knee&ordering=title&page_size=100"
    one = queries(api, url)

    for n in range(1, 50):
        listed_article(n, condition)

    assert queries(api, url) == one


def rich_body(size):
    """`size` blocks of every type that refers to something: images, techniques, clinics, links, embeds."""
    target = ArticlePageFactory()
    body = []
    for _ in range(size):
        document = wagtail_factories.DocumentFactory()
        body += [
            image_block(ImageFactory()),
            techniques_block(TechniqueFactory()),
            paragraph(f'<p><a linktype="page" id="{target.pk}">a</a></p>'),
            paragraph(f'<p><a linktype="document" id="{document.pk}">b</a></p>'),
            paragraph(f'<embed embedtype="image" id="{ImageFactory().pk}" format="left" alt=""/>'),
            block(
                "faq",
                {
                    "items": [
                        {"question": "Q?", "answer": f'<p><a linktype="page" id="{target.pk}">c</a></p>'}
                    ]
                },
            ),
            block("call_to_action", {"label": "Book", "url": "", "location": ClinicLocationFactory().pk}),
        ]
    return body + [contraindications_block()]


def detailed_article(slug, size):
    reviewer = AuthorFactory()
    AuthorCredentialFactory(author=reviewer)
    article = ArticlePageFactory(
        slug=slug,
        author=AuthorFactory(),
        medical_reviewer=reviewer,
        hero_image=ImageFactory(),
        social_image=ImageFactory(),
        body=rich_body(size),
    )
    conditions = [ConditionFactory() for _ in range(size)]
    article.conditions.add(*conditions)
    article.tags.add(*(f"{slug}-{n}" for n in range(size)))
    article.save()
    for _ in range(3):
        related = ArticlePageFactory(hero_image=ImageFactory(), body=[techniques_block(TechniqueFactory())])
        related.conditions.add(*conditions)
        related.save()
    return article


def test_the_detail_costs_the_same_however_many_blocks_and_references(api, django_assert_max_num_queries):
    detailed_article("small", 1)
    detailed_article("large", 12)

    small = queries(api, "/api/v1/articles/small/")
    large = queries(api, "/api/v1/articles/large/")

    assert len(api.get("/api/v1/articles/large/").json()["related"]) == 3
    assert large == small
    with django_assert_max_num_queries(DETAIL_MAX_QUERIES):
        api.get("/api/v1/articles/large/")


def test_taxonomies_cost_the_same_however_many_items(api):
    def add(n):
        technique = TechniqueFactory()
        article = ArticlePageFactory(body=[techniques_block(technique), contraindications_block()])
        article.conditions.add(ConditionFactory())
        article.tags.add(f"tag-{n}")
        article.save()

    add(0)
    urls = [
        "/api/v1/techniques/?page_size=100",
        "/api/v1/conditions/?page_size=100",
        "/api/v1/tags/?page_size=100",
    ]
    before = [queries(api, url) for url in urls]
    for n in range(1, 30):
        add(n)

    assert [queries(api, url) for url in urls] == before
