"""
Workers are separate processes sharing only Redis: a change announced by one is seen by the
copies every other one remembers, and each keeps its own connection to Redis. A copy a process
remembers is served without asking Redis while no change has been announced since.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.core.cache import caches

from api.caching import channel, generations
from api.models import RepresentationVersion
from articles.models import ArticlePage

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        settings.CACHES["default"]["BACKEND"] != "cms.cache.FailSoftRedisCache",
        reason="separate processes share a cache only through Redis (REDIS_URL)",
    ),
]

PROJECT = Path(__file__).resolve().parents[2]


def bump_in_another_process(*names):
    """Bump generations from a new Django process with this one's settings and environment."""
    script = "\n".join(
        [
            "import django",
            "django.setup()",
            "from api.caching import generations",
            f"generations.bump(*{names!r})",
        ]
    )
    subprocess.run([sys.executable, "-c", script], cwd=PROJECT, check=True, timeout=60)  # noqa: S603


def connection_id(cache):
    return cache._cache.get_client().client_id()


def test_a_change_another_process_announces_is_seen_on_the_next_request(worker, article):
    worker.get("/api/v1/articles/knee/")
    # A bulk update sends no signal: the stored response, which this process remembers, still
    # answers (the article's stored JSON is voided here, as such code must).
    ArticlePage.objects.filter(pk=article.pk).update(title="Retitled")
    RepresentationVersion.bump_articles([article.pk])
    assert worker.get("/api/v1/articles/knee/").json()["title"] == "Massage for knee pain"

    bump_in_another_process(generations.article(article.pk))

    assert worker.get("/api/v1/articles/knee/").json()["title"] == "Retitled"


def test_a_change_to_another_article_leaves_the_remembered_copy_served(
    worker, article, django_assert_num_queries
):
    worker.get("/api/v1/articles/knee/")

    bump_in_another_process(generations.article(0))

    with django_assert_num_queries(0):
        assert worker.get("/api/v1/articles/knee/").status_code == 200


def test_a_forked_worker_opens_its_own_redis_connection():
    cache = caches["default"]
    cache.set("fork-test", "shared")
    parent_connection = connection_id(cache)
    read_end, write_end = os.pipe()

    child = os.fork()
    if child == 0:
        try:
            os.write(write_end, json.dumps([cache.get("fork-test"), connection_id(cache)]).encode())
        finally:
            os._exit(0)
    os.waitpid(child, 0)
    seen_by_child, child_connection = json.loads(os.read(read_end, 1024))

    assert seen_by_child == "shared"
    assert child_connection != parent_connection
    assert (cache.get("fork-test"), connection_id(cache)) == ("shared", parent_connection)


@pytest.mark.parametrize("alias", ["default", "throttle"])
def test_a_connection_the_server_closed_is_reopened_without_a_failure(alias):
    cache = caches[alias]
    cache.set("dropped-test", "kept")
    killer = redis.Redis.from_url(settings.CACHES[alias]["LOCATION"])

    killer.client_kill_filter(_id=connection_id(cache))

    assert cache.get("dropped-test") == "kept"


@pytest.fixture
def subscribed(worker, article):
    """This process subscribed to the announcements, and the detail remembered."""
    worker.get("/api/v1/articles/knee/")
    for _ in range(50):
        if channel.subscription.epoch() is not None:
            break
        time.sleep(0.1)
    worker.get("/api/v1/articles/knee/")
    return worker


@pytest.fixture
def clock_reads(monkeypatch):
    reads = []
    read_clock = generations.read_clock
    monkeypatch.setattr(generations, "read_clock", lambda: reads.append(1) or read_clock())
    return reads


def test_a_remembered_copy_is_served_without_asking_redis(subscribed, clock_reads):
    assert subscribed.get("/api/v1/articles/knee/").status_code == 200

    assert clock_reads == []


def test_another_process_s_change_is_acknowledged_before_it_returns(subscribed, article, clock_reads):
    epoch = channel.subscription._epoch

    bump_in_another_process(generations.article(0))

    # This process's thread read the announcement (and acknowledged it) before the bump returned.
    assert channel.subscription._epoch > epoch
    subscribed.get("/api/v1/articles/knee/")
    assert clock_reads == [1]


def test_a_lost_subscription_asks_redis_on_each_hit(subscribed, clock_reads):
    killer = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])
    killer.client_kill_filter(_type="pubsub")

    assert subscribed.get("/api/v1/articles/knee/").status_code == 200
    assert clock_reads == [1]
