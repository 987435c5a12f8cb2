"""
`python bench/prepare.py OUT.json N COMMENTS` (DATABASE_URL set, bench settings): migrate a
fresh database, seed it, and write what the runs need (URLs, the distinct URLs of the cold runs,
a moderator's token, the baselines' bytes) and what the test client measures (SQL queries per
request, response sizes, the queue query's plan).
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from articles.models import ArticlePage  # noqa: E402
from bench.seed import seed  # noqa: E402
from moderation.permissions import moderators_group  # noqa: E402
from moderation.selectors import queue_comments, with_moderation_details  # noqa: E402

# Cold runs read each of these once: distinct articles, distinct listing pages.
COLD_DETAILS = 30
COLD_LISTS = 15
LIST_SIZE = 20
ORDERINGS = ("-published_at", "title", "-title", "published_at")
WAGTAIL_ORDERS = ("-first_published_at", "title", "-title", "first_published_at")
WAGTAIL = "/bench/wagtail/v2/pages/"


def urls(article):
    return {
        "articles list": "/api/v1/articles/",
        "article detail": f"/api/v1/articles/{article.slug}/",
        "comments list": f"/api/v1/articles/{article.slug}/comments/",
        "comment POST": f"/api/v1/articles/{article.slug}-1/comments/",
        "moderation queue": "/api/v1/moderation/comments/?status=pending",
        "wagtail v2 list": f"{WAGTAIL}?type=articles.ArticlePage&fields=*&limit={LIST_SIZE}",
        "wagtail v2 detail": f"{WAGTAIL}{article.pk}/",
        "static list": "/api/v1/bench-static/list/",
        "static detail": "/api/v1/bench-static/detail/",
        "static + version": "/api/v1/bench-static-after-version/detail/",
    }


def cold_urls(article):
    """
    The distinct URLs the cold runs read once each, ours and Wagtail's alike: details of
    articles other than the one warmed up, and listing pages of 20 in several orders.
    """
    pages = list(ArticlePage.objects.exclude(pk=article.pk).order_by("pk").values_list("pk", "slug"))
    pages = pages[:COLD_DETAILS]
    count = ArticlePage.objects.count()
    listings = [(ordering, page) for page in range(1, count // LIST_SIZE + 2) for ordering in range(4)]
    listings = listings[:COLD_LISTS]
    return {
        "article detail": [f"/api/v1/articles/{slug}/" for _pk, slug in pages],
        "wagtail v2 detail": [f"{WAGTAIL}{pk}/" for pk, _slug in pages],
        "articles list": [
            f"/api/v1/articles/?ordering={ORDERINGS[o]}&page={page}&page_size={LIST_SIZE}"
            for o, page in listings
        ],
        "wagtail v2 list": [
            f"{WAGTAIL}?type=articles.ArticlePage&fields=*&limit={LIST_SIZE}"
            f"&offset={LIST_SIZE * (page - 1)}&order={WAGTAIL_ORDERS[o]}"
            for o, page in listings
        ],
    }


def measure(targets, token, cache_timeout):
    """Queries and bytes per request after one warm-up request, with this response cache timeout."""
    client, figures = Client(), {}
    with override_settings(API_RESPONSE_CACHE_TIMEOUT=cache_timeout):
        for name, url in targets.items():
            if name == "comment POST" or name.startswith("static"):
                continue
            headers = {"HTTP_AUTHORIZATION": f"Token {token}"} if name == "moderation queue" else {}
            client.get(url, **headers)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, **headers)
            assert response.status_code == 200, (url, response.status_code, response.content[:300])
            figures[name] = {"queries": len(queries), "bytes": len(response.content)}
    return figures


def queue_plans():
    """The plans of the queue's two queries: the pending comments as counted, then the first page."""
    pending = queue_comments().filter(status="pending")
    return "\n".join(
        [
            str(pending.order_by().values("pk").explain()),
            str(with_moderation_details(pending)[:20].explain()),
        ]
    )


def main(out, articles, comments):
    call_command("migrate", verbosity=0, interactive=False)
    article = seed(articles, comments)
    # Statistics (and PostgreSQL's visibility map) as autovacuum would have them by now.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    moderator = get_user_model().objects.create_user("bench-moderator", password="bench-only-password")
    moderator.groups.add(moderators_group())
    token = Token.objects.create(user=moderator).key
    targets = urls(article)
    # The baselines answer with the bytes of our list and detail.
    statics = Path(out).with_suffix(".static")
    statics.mkdir()
    for name, url in (("list", targets["articles list"]), ("detail", targets["article detail"])):
        (statics / f"{name}.json").write_bytes(Client().get(url).content)
    info = {
        "urls": targets,
        "cold_urls": cold_urls(article),
        "token": token,
        "static_dir": str(statics),
        "measured": {"cold": measure(targets, token, 0), "hot": measure(targets, token, 3600)},
        "queue_plan": queue_plans(),
    }
    Path(out).write_text(json.dumps(info))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
