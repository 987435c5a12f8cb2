import pytest
from django.core.management import call_command
from django.test import override_settings

from api.conf import api_settings


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_in_development_the_frontends_origin_may_call_the_api():
    from cms.settings import dev

    assert dev.FRONTEND_BASE_URL in dev.CORS_ALLOWED_ORIGINS


@pytest.mark.django_db
@pytest.mark.parametrize("pages, message", [(1, "There is only 1 page."), (2, "There are only 2 pages.")])
def test_a_page_past_the_last_says_how_many_there_are(client, pages, message):
    from tests.factories import ArticlePageFactory

    for _ in range(pages):
        ArticlePageFactory()

    response = client.get("/api/v1/articles/", {"page_size": 1, "page": pages + 1})

    assert response.status_code == 400
    assert response.json() == {"page": [message]}


def test_app_settings_follow_the_host_settings_as_they_change():
    assert api_settings.API_CACHE_MAX_AGE == 60  # the default, read once and kept

    with override_settings(API_CACHE_MAX_AGE=5):
        assert api_settings.API_CACHE_MAX_AGE == 5

    assert api_settings.API_CACHE_MAX_AGE == 60
