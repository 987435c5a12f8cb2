"""DATABASE_URL read as settings: PostgreSQL plans each repeated query once per connection."""

import pytest
from django.db import connection

from articles.models import ArticlePage
from cms.settings.base import database_from_env

POSTGRES_URL = "postgres://app@db.example:5432/cms"


def test_postgresql_binds_parameters_on_the_server_and_prepares_repeated_queries(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", POSTGRES_URL)
    monkeypatch.delenv("DATABASE_PREPARED_STATEMENTS", raising=False)

    options = database_from_env()["OPTIONS"]

    assert options["server_side_binding"] is True
    assert options["prepare_threshold"] == 5


def test_prepared_statements_can_be_turned_off_for_a_transaction_pooler(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", POSTGRES_URL)
    monkeypatch.setenv("DATABASE_PREPARED_STATEMENTS", "0")

    options = database_from_env().get("OPTIONS", {})

    assert "server_side_binding" not in options
    assert "prepare_threshold" not in options


def test_sqlite_is_left_as_it_was(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/cms.sqlite3")

    options = database_from_env()["OPTIONS"]

    assert "server_side_binding" not in options
    assert options["transaction_mode"] == "IMMEDIATE"


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_a_query_run_again_and_again_is_prepared_on_the_connection():
    for _ in range(6):
        list(ArticlePage.objects.filter(slug="knee").values_list("pk"))

    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]

    assert any('"articles_articlepage"' in statement for statement in prepared)
