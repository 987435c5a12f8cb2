import pytest

from tests.factories import ArticlePageFactory


@pytest.mark.django_db
def test_article_factory_builds_a_live_article_with_structured_body():
    article = ArticlePageFactory()
    assert article.live
    assert [block.block_type for block in article.body] == [
        "paragraph",
        "causes",
        "techniques",
        "contraindications",
    ]
    assert article.techniques[0].name.startswith("Technique")
    assert article.get_parent().specific.__class__.__name__ == "ArticleIndexPage"
