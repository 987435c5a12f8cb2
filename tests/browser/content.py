"""
Content the browser tests add to a live server's database, run there by `manage.py shell`
(`python manage.py shell -c "from tests.browser.content import every_block_article; ..."`).
"""

from articles.models import ArticlePage
from articles.preview import make_preview_token
from tests.api_content.helpers import every_block_body
from tests.factories import ArticlePageFactory, ClinicLocationFactory, ImageFactory, TechniqueFactory

EVERY_BLOCK_SLUG = "every-block-type"
DRAFT_TITLE = "A draft title nobody has published"


def every_block_article():
    """A published article with one block of each type, for the widget to lay out."""
    body = every_block_body(
        technique=TechniqueFactory(name="Sports massage", summary="Eases muscles after training"),
        clinic=ClinicLocationFactory(booking_url="https://clinic.example.com/book"),
        image=ImageFactory(title="A knee"),
    )
    ArticlePageFactory(title="Every block type", slug=EVERY_BLOCK_SLUG, body=body)


def draft_preview_token():
    """A saved, unpublished draft of the demo article, and the token of its preview link."""
    article = ArticlePage.objects.get(slug="massage-for-knee-pain")
    draft = article.get_latest_revision_as_object()
    draft.title = DRAFT_TITLE
    draft.save_revision()
    print(make_preview_token(article))
