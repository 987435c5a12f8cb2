"""Security headers on every response, CSRF for sessions only, a production config without warnings."""

import importlib
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from tests.moderation.factories import ApprovedCommentFactory, CommentFactory
from tests.moderation.helpers import action_url, comments_url, queue_url

pytestmark = pytest.mark.django_db

REPOSITORY = Path(__file__).resolve().parents[2]


def assert_security_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/articles/",
        "/api/v1/articles/knee-pain/comments/",
        "/api/v1/moderation/comments/",
        "/api/v1/no-such-thing/",
        "/api/schema/",
        "/admin/login/",
    ],
)
def test_every_response_carries_the_security_headers(client, article, path):
    response = client.get(path)

    assert_security_headers(response)
    assert "Strict-Transport-Security" not in response


def test_a_comment_submission_carries_them_too(reader, article):
    response = reader.post(
        comments_url("knee-pain"), {"author_name": "Ada", "author_email": "ada@example.org", "body": "Hello"}
    )

    assert response.status_code == 202
    assert_security_headers(response)


@pytest.fixture
def production_https(settings, monkeypatch):
    """The HTTPS settings of cms/settings/production.py, as the running site would have them."""
    monkeypatch.setenv("SECRET_KEY", secrets.token_urlsafe(50))
    monkeypatch.setenv("ALLOWED_HOSTS", "testserver")
    monkeypatch.delenv("SECURE_HSTS_SECONDS", raising=False)
    monkeypatch.delenv("SECURE_SSL_REDIRECT", raising=False)
    production = importlib.reload(importlib.import_module("cms.settings.production"))
    for name in dir(production):
        if name.startswith("SECURE_"):
            setattr(settings, name, getattr(production, name))
    return production


def test_production_sends_hsts_over_https_and_redirects_http(client, article, production_https):
    over_https = client.get("/api/v1/articles/", headers={"X-Forwarded-Proto": "https"})
    over_http = client.get("/api/v1/articles/")

    assert over_https.status_code == 200
    assert over_https["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert_security_headers(over_https)
    assert over_http.status_code == 301
    assert over_http["Location"] == "https://testserver/api/v1/articles/"
    assert "Strict-Transport-Security" not in over_http


def test_production_settings_pass_the_deployment_checks(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "cms.example.com",
        # A database and cache of its own: without them the checks would read the development
        # database (db.sqlite3), whose demo accounts `make run` gave the published password.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy-check.sqlite3'}",
        "CACHE_DIR": str(tmp_path / "cache"),
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPOSITORY,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def csrf_client(user):
    """A browser signed in to the admin, with the CSRF checks a real browser meets."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get(reverse("wagtailadmin_home"))
    return client


def test_a_session_needs_the_csrf_token_to_change_anything(moderator, article):
    comment = CommentFactory(article=article)
    browser = csrf_client(moderator)

    refused = browser.post(action_url(comment.pk, "approve"), {}, content_type="application/json")
    accepted = browser.post(
        action_url(comment.pk, "approve"),
        {},
        content_type="application/json",
        headers={"X-CSRFToken": browser.cookies["csrftoken"].value},
    )

    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "approved"


def test_a_session_reads_without_a_csrf_token(moderator):
    assert csrf_client(moderator).get(queue_url()).status_code == 200


def test_a_token_needs_no_csrf_token(moderator, article):
    comment = CommentFactory(article=article)
    client = Client(enforce_csrf_checks=True)
    token, _ = Token.objects.get_or_create(user=moderator)

    response = client.post(
        action_url(comment.pk, "approve"),
        {},
        content_type="application/json",
        headers={"Authorization": f"Token {token.key}"},
    )

    assert response.status_code == 200


def test_the_admin_action_form_needs_the_csrf_token_too(moderator, article):
    comment = ApprovedCommentFactory(article=article)
    browser = csrf_client(moderator)

    response = browser.post(
        reverse("moderation_comments:action", args=[comment.pk]), {"action": "remove", "version": 1}
    )

    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.status == "approved"


def test_an_error_rewritten_as_json_declares_its_true_length():
    """A CSRF refusal under /api/ becomes JSON; its Content-Length must follow, or clients hang."""
    browser = Client(enforce_csrf_checks=True)

    response = browser.post("/api/v1/no-such-thing/", {}, content_type="application/json")

    assert response.status_code in (403, 404)
    assert response["Content-Type"] == "application/json"
    assert int(response["Content-Length"]) == len(response.content)
