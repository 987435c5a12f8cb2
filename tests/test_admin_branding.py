"""The host's admin carries the clinic's name (WAGTAIL_SITE_NAME): the login page and every title."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.moderation.factories import EditorFactory

pytestmark = pytest.mark.django_db


def page(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_login_page_shows_the_clinics_name(client):
    login = page(client, "wagtailadmin_login")

    assert login.h1.get_text(strip=True) == "Sign in to ABD Naturals"
    assert login.title.get_text(strip=True) == "Sign in - ABD Naturals"


def test_the_dashboard_title_is_the_clinics(client):
    client.force_login(EditorFactory())

    assert page(client, "wagtailadmin_home").title.get_text(strip=True) == "Dashboard - ABD Naturals"


def test_the_name_comes_from_the_setting(client, settings):
    settings.WAGTAIL_SITE_NAME = "Another Clinic"

    assert page(client, "wagtailadmin_login").h1.get_text(strip=True) == "Sign in to Another Clinic"
