"""
`python bench/prepare.py OUT.json` (DATABASE_URL set, bench settings): migrate a fresh database,
seed it, and write what the load runs need (URLs, a moderator's token, the static body) and what
the test client measures (SQL queries per request, response sizes, the queue query's plan).
"""

import json
import os
import sys
import time
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

from api.models import RepresentationVersion  # noqa: E402
from bench.seed import seed  # noqa: E402
from moderation.permissions import moderators_group  # noqa: E402
from moderation.selectors import queue_comments, with_moderation_details  # noqa: E402


def urls(article):
    list_fields = "summary,published_date,last_reviewed,author,tags,conditions,hero_image"
    return {
        "articles list": "/api/v1/articles/",
        "article detail": f"/api/v1/articles/{article.slug}/",
        "comments list": f"/api/v1/articles/{article.slug}/comments/",
        "comment POST": f"/api/v1/articles/{article.slug}-1/comments/",
        "moderation queue": "/api/v1/moderation/comments/?status=pending",
        "wagtail v2 list": f"/bench/wagtail/v2/pages/?type=articles.ArticlePage&fields={list_fields}",
        "wagtail v2 detail": f"/bench/wagtail/v2/pages/{article.pk}/",
        "static": "/bench/static/",
    }


def measure(targets, token):
    """Queries and bytes per request with the response cache off, after one warm-up request."""
    client, figures = Client(), {}
    with override_settings(API_RESPONSE_CACHE_TIMEOUT=0):
        for name, url in targets.items():
            if name in ("comment POST", "static"):
                continue
            headers = {"HTTP_AUTHORIZATION": f"Token {token}"} if name == "moderation queue" else {}
            client.get(url, **headers)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, **headers)
            assert response.status_code == 200, (url, response.status_code, response.content[:300])
            figures[name] = {"queries": len(queries), "bytes": len(response.content)}
    return figures


def built_afresh(targets):
    """
    The articles list and detail when every article's stored JSON is void (the first request
    after a change, as every request was before the JSON was stored): SQL queries and CPU
    milliseconds per request, in this process, the response cache off.
    """
    client, figures = Client(), {}
    with override_settings(API_RESPONSE_CACHE_TIMEOUT=0):
        for name in ("articles list", "article detail"):
            runs, cpu = 20, 0.0
            for _ in range(runs):
                RepresentationVersion.bump([RepresentationVersion.ALL])
                began = time.process_time()
                with CaptureQueriesContext(connection) as queries:
                    client.get(targets[name])
                cpu += time.process_time() - began
            figures[name] = {"queries": len(queries), "cpu_ms": 1000 * cpu / runs}
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
    static = Client().get(targets["article detail"]).content
    Path(out).with_suffix(".static.json").write_bytes(static)
    info = {
        "urls": targets,
        "token": token,
        "static_file": str(Path(out).with_suffix(".static.json")),
        "measured": measure(targets, token),
        "built_afresh": built_afresh(targets),
        "queue_plan": queue_plans(),
    }
    Path(out).write_text(json.dumps(info))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
