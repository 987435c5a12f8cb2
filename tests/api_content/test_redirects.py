"""GET /api/v1/redirects/?path=: where an old address of the shop's blog leads."""

import pytest
from wagtail.contrib.redirects.models import Redirect

from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/redirects/"


@pytest.fixture
def article(db):
    return ArticlePageFactory(slug="massage-for-knee-pain")


def test_an_old_blog_address_leads_to_the_article_on_the_frontend(api, article, settings):
    Redirect.add_redirect("/blogs/news/massage-for-knee-pain", article, is_permanent=True)

    response = api.get(URL, {"path": "/blogs/news/massage-for-knee-pain"})

    assert response.status_code == 200
    assert response.json() == {
        "old_path": "/blogs/news/massage-for-knee-pain",
        "redirect_to": f"{settings.FRONTEND_BASE_URL}{article.get_url_parts()[2]}",
        "is_permanent": True,
    }


def test_paths_match_as_wagtail_normalises_them(api, article):
    Redirect.add_redirect("/blogs/news/massage-for-knee-pain", article)

    assert api.get(URL, {"path": "  /blogs/news/massage-for-knee-pain/  "}).status_code == 200


def test_an_external_link_and_a_temporary_redirect(api, db):
    Redirect.add_redirect("/blogs/news/old", "https://elsewhere.example/new", is_permanent=False)

    assert api.get(URL, {"path": "/blogs/news/old"}).json() == {
        "old_path": "/blogs/news/old",
        "redirect_to": "https://elsewhere.example/new",
        "is_permanent": False,
    }


def test_no_redirect_or_one_to_an_unpublished_page_is_a_404(api, article):
    Redirect.add_redirect("/blogs/news/hidden", article)
    article.unpublish()

    for path in ("/blogs/news/nothing-here", "/blogs/news/hidden"):
        response = api.get(URL, {"path": path})
        assert response.status_code == 404
        assert response.json() == {"detail": "No redirect from this path."}


@pytest.mark.parametrize("query", [{}, {"path": ""}, {"path": "blogs/news/x"}, {"path": "/" + "x" * 300}])
def test_a_missing_or_malformed_path_is_a_400_naming_it(api, db, query):
    response = api.get(URL, query)

    assert response.status_code == 400
    assert list(response.json()) == ["path"]
