import pytest
from rest_framework.test import APIClient

from tests.factories import ArticlePageFactory, ClinicLocationFactory, ImageFactory, TechniqueFactory

from .helpers import every_block_body


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def full_article(db):
    technique = TechniqueFactory(name="Swedish massage", summary="Relaxes the muscles")
    clinic = ClinicLocationFactory(booking_url="https://example.com/book", phone="+1 780-555-0123")
    body = every_block_body(technique=technique, clinic=clinic, image=ImageFactory())
    return ArticlePageFactory(title="Massage for knee pain", slug="massage-for-knee-pain", body=body)
