"""
The comment form's token is never on a cached response: the comments GET is public and the same
for every reader; the token has its own `private, no-store` endpoint, so each reader (behind a
CDN too) gets their own, whatever a conditional GET of the comments answered.
"""

import pytest

from moderation.abuse import form_token
from tests.app_proxy.helpers import SECRET, proxy_form_token_url
from tests.moderation.helpers import comments_url, form_token_url

pytestmark = pytest.mark.django_db


def test_each_reader_gets_their_own_token_never_cached(worker, other_worker, article):
    first, second = worker.get(form_token_url("knee")), other_worker.get(form_token_url("knee"))

    assert first.status_code == second.status_code == 200
    assert first["Cache-Control"] == second["Cache-Control"] == "private, no-store"
    assert not first.has_header("ETag") and not first.has_header("Last-Modified")
    tokens = first.json()["form_token"], second.json()["form_token"]
    assert tokens[0] != tokens[1]
    assert [form_token.check(token, article.pk).problem for token in tokens] == ["", ""]


def test_the_comments_get_is_public_and_carries_no_token(worker, other_worker, article):
    built, stored = worker.get(comments_url("knee")), other_worker.get(comments_url("knee"))

    for response in (built, stored):
        assert response.status_code == 200
        assert response["Cache-Control"].startswith("public")
        assert not response.has_header("Comment-Form-Token")
    assert built.content == stored.content


def test_after_a_304_of_the_comments_the_form_still_gets_a_fresh_token(worker, article):
    first = worker.get(comments_url("knee"))
    earlier_token = worker.get(form_token_url("knee")).json()["form_token"]

    again = worker.get(comments_url("knee"), HTTP_IF_NONE_MATCH=first["ETag"])
    token = worker.get(form_token_url("knee"), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert token.status_code == 200
    assert token.json()["form_token"] != earlier_token
    assert form_token.check(token.json()["form_token"], article.pk).problem == ""


def test_an_unknown_or_unpublished_article_has_no_token(worker, article):
    assert worker.get(form_token_url("no-such-article")).status_code == 404
    article.unpublish()
    response = worker.get(form_token_url("knee"))
    assert (response.status_code, response.json()) == (404, {"detail": "No article has this slug."})


def test_through_the_app_proxy_the_token_needs_shopifys_signature(worker, article, settings):
    settings.SHOPIFY_APP_PROXY_SECRET = SECRET
    signed = worker.get(proxy_form_token_url("knee"))
    forged = worker.get(proxy_form_token_url("knee", secret="wrong"))

    assert signed.status_code == 200 and signed["Cache-Control"] == "private, no-store"
    assert form_token.check(signed.json()["form_token"], article.pk).problem == ""
    assert forged.status_code == 401
