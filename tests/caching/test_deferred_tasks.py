"""
Exact under a tasks backend that runs nothing at once (a worker's queue): everything a cached
response depends on is written in the transaction that moves the content version, so what is
stored under the new version is right from the moment the change commits. Wagtail's reference
index, which a task keeps, is brought up to date by the article's own save as well.
"""

import pytest

from articles.models import ArticlePage
from tests.api_content.helpers import image_block
from tests.factories import ImageFactory, TechniqueFactory

pytestmark = pytest.mark.django_db


def techniques_block(*techniques):
    items = [{"technique": technique.pk} for technique in techniques]
    return {"type": "techniques", "value": {"heading": "T", "intro": "", "items": items}}


def counts(client):
    return {
        item["slug"]: item["article_count"] for item in client.get("/api/v1/techniques/").json()["results"]
    }


def filtered(client, slug):
    return [item["slug"] for item in client.get(f"/api/v1/articles/?technique={slug}").json()["results"]]


def test_the_technique_filter_and_counts_follow_a_publication_at_once(deferred_tasks, worker, article):
    cupping = TechniqueFactory(slug="cupping", name="Cupping")
    assert counts(worker) == {"cupping": 0, "swedish": 1}
    assert (filtered(worker, "swedish"), filtered(worker, "cupping")) == (["knee"], [])

    page = ArticlePage.objects.get(pk=article.pk)
    body = list(page.body.raw_data)
    page.body = [techniques_block(cupping), *body[1:]]
    page.save_revision().publish()

    assert deferred_tasks.results, "the reference index's update waits in the queue"
    assert counts(worker) == {"cupping": 1, "swedish": 0}
    assert (filtered(worker, "swedish"), filtered(worker, "cupping")) == ([], ["knee"])


def test_unpublishing_and_deleting_drop_the_article_at_once(deferred_tasks, worker, article, technique):
    assert counts(worker) == {"swedish": 1}

    ArticlePage.objects.get(pk=article.pk).unpublish()
    assert (counts(worker), filtered(worker, "swedish")) == ({"swedish": 0}, [])

    ArticlePage.objects.get(pk=article.pk).delete()
    assert (counts(worker), filtered(worker, "swedish")) == ({"swedish": 0}, [])


def test_an_image_a_publication_just_put_in_the_body_leaves_the_article_when_deleted(
    deferred_tasks, worker, article
):
    image = ImageFactory()
    page = ArticlePage.objects.get(pk=article.pk)
    page.body = [*page.body.raw_data, image_block(image)]
    page.save_revision().publish()
    assert deferred_tasks.results, "the reference index's update waits in the queue"
    assert body_images_shown(worker) == [True]

    image.delete()

    assert body_images_shown(worker) == [False]


def body_images_shown(client):
    blocks = client.get("/api/v1/articles/knee/").json()["body"]
    return [block["value"]["image"] is not None for block in blocks if block["type"] == "image"]
