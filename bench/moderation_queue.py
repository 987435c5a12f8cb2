"""
How the moderation queue, stats and an article's public comments hold up with 100,000 comments.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/moderation_queue.py

Builds a throwaway test database (test_<name>), fills it, times each endpoint's first page and
prints the queue query's plan, then drops the database. Goal: every page well under 200 ms.
"""

import os
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

COMMENTS = int(os.environ.get("BENCH_COMMENTS", 100_000))
ARTICLES = 50


def fill():
    from moderation.models import Comment
    from tests.factories import ArticlePageFactory
    from tests.moderation.factories import ModeratorFactory

    articles = [ArticlePageFactory() for _ in range(ARTICLES)]
    statuses = ["approved"] * 6 + ["pending", "rejected", "spam", "removed"]
    start = timezone.now() - timedelta(days=365)
    Comment.objects.bulk_create(
        (
            Comment(
                article=articles[n % ARTICLES],
                author_name=f"Reader {n}",
                author_email=f"reader{n % 5000}@example.org",
                body=f"Comment number {n} about massage and knee pain.",
                status=statuses[(n * 7) % len(statuses)],
                created_at=start + timedelta(seconds=n * 300),
            )
            for n in range(COMMENTS)
        ),
        batch_size=5000,
    )
    return articles[0], ModeratorFactory()


def timed(client, url, params=None):
    client.get(url, params)  # warm caches
    began = time.perf_counter()
    response = client.get(url, params)
    elapsed = (time.perf_counter() - began) * 1000
    assert response.status_code == 200, response.content
    print(f"{elapsed:8.1f} ms  {url} {params or ''}")


def main():
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        article, moderator = fill()
        moderator_client = APIClient()
        moderator_client.force_authenticate(moderator)
        print(f"{COMMENTS} comments on {ARTICLES} articles, {connection.vendor}")
        timed(APIClient(), f"/api/v1/articles/{article.slug}/comments/")
        timed(moderator_client, "/api/v1/moderation/comments/")
        timed(moderator_client, "/api/v1/moderation/comments/", {"status": "spam", "ordering": "-created_at"})
        timed(moderator_client, "/api/v1/moderation/comments/", {"article": article.slug})
        timed(moderator_client, "/api/v1/moderation/stats/")
        from moderation.selectors import moderation_comments

        print(moderation_comments().filter(status="pending")[:20].explain())
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
