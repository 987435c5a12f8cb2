"""
Smoke checks of the apps inside the bare host in settings.py. The main suite does not collect
this module (its name does not start with test_); test_plugin_host.py runs it in a subprocess
with `--ds tests.plugin_host.settings`.
"""

import sys

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import OperationalError, connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import get_resolver, reverse

from articles.models import ArticleIndexPage, ArticlePage

PLUGIN_APPS = ["articles", "moderation", "articles_api"]

pytestmark = pytest.mark.django_db


def test_the_host_is_not_cms():
    assert "cms" not in sys.modules
    assert not apps.is_installed("django.contrib.admin")


def test_every_migration_of_the_apps_applies():
    executor = MigrationExecutor(connection)
    applied = executor.loader.applied_migrations
    for label in PLUGIN_APPS:
        migrations = [key for key in executor.loader.graph.leaf_nodes() if key[0] == label]
        if apps.get_app_config(label).models_module:
            assert migrations, label
        assert all(key in applied for key in migrations), label


def test_the_apps_ship_every_migration_their_models_need():
    call_command("makemigrations", *PLUGIN_APPS, "--check", "--dry-run", verbosity=0)


def test_the_api_urls_are_mounted_under_their_namespace():
    assert "api" in get_resolver().namespace_dict


def test_the_api_answers_with_json(client):
    call_command("load_demo", verbosity=0)

    response = client.get("/api/v1/articles/massage-for-knee-pain/comments/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


def test_an_unreachable_database_answers_503_from_the_installed_app(admin_client):
    def refuse(execute, sql, params, many, context):
        raise OperationalError("connection refused")

    with connection.execute_wrapper(refuse):
        api = admin_client.get("/api/v1/articles/")
        admin = admin_client.get("/admin/")

    assert (api.status_code, set(api.json())) == (503, {"detail"})
    assert admin.status_code == 503
    assert "briefly unavailable" in admin.content.decode()


def test_the_demo_content_loads_from_the_installed_app():
    call_command("load_demo", verbosity=0)

    article = ArticlePage.objects.get(slug="massage-for-knee-pain")
    assert article.live
    assert len(article.techniques) == 4


def test_the_admin_serves_the_article_editor(admin_client):
    call_command("load_demo", verbosity=0)
    article = ArticlePage.objects.get(slug="massage-for-knee-pain")
    index = ArticleIndexPage.objects.get()

    for url in [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[index.pk]),
        reverse("wagtailadmin_pages:add", args=["articles", "articlepage", index.pk]),
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        reverse("wagtailsnippets_articles_technique:list"),
    ]:
        assert admin_client.get(url).status_code == 200, url


def test_the_block_previews_use_the_apps_template(admin_client):
    block = ArticlePage._meta.get_field("body").stream_block.child_blocks["evidence"]

    response = admin_client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})

    assert response.status_code == 200
    assert "articles/css/articles.css" in response.content.decode()


def test_a_moderator_is_emailed_with_links_the_host_serves(
    client, mailoutbox, settings, django_capture_on_commit_callbacks
):
    from tests.moderation.factories import ModeratorFactory

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    call_command("load_demo", verbosity=0)
    ModeratorFactory(email="mod@clinic.example")
    submission = {"author_name": "Ada", "author_email": "ada@example.org", "body": "Lovely article, thanks."}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/articles/massage-for-knee-pain/comments/", submission, content_type="application/json"
        )

    assert response.status_code == 202
    (email,) = [message for message in mailoutbox if "mod@clinic.example" in message.to]
    assert "/email/moderate/" in email.body
