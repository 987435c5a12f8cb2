import pytest
from django_tasks import task_backends
from django_tasks.backends.dummy import DummyBackend
from rest_framework.test import APIClient

from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    ConditionFactory,
    ImageFactory,
    TechniqueFactory,
)
from tests.moderation.factories import ApprovedCommentFactory, ModeratorFactory

from .fake_cdn import RecordingBackend


@pytest.fixture
def worker():
    """A reader's client; two of them stand for two gunicorn workers sharing only the cache."""
    return APIClient()


other_worker = worker


@pytest.fixture
def moderator(db):
    return ModeratorFactory()


@pytest.fixture
def technique(db):
    return TechniqueFactory(slug="swedish", name="Swedish massage")


@pytest.fixture
def article(db, technique):
    """A published article using a technique, an author, a condition, a hero image and a comment."""
    article = ArticlePageFactory(
        slug="knee",
        title="Massage for knee pain",
        author=AuthorFactory(name="Ada Lovelace"),
        hero_image=ImageFactory(title="A knee"),
        body=[
            {
                "type": "techniques",
                "value": {"heading": "T", "intro": "", "items": [{"technique": technique.pk}]},
            },
            {
                "type": "contraindications",
                "value": {
                    "heading": "C",
                    "intro": "",
                    "items": [{"condition": "Fracture", "severity": "avoid", "guidance": ""}],
                },
            },
        ],
    )
    article.conditions.add(ConditionFactory(slug="knee-oa", name="Knee osteoarthritis"))
    article.save_revision().publish()
    ApprovedCommentFactory(article=article, body="It helped.")
    return article


@pytest.fixture
def cdn(settings):
    """A fake CDN recording the URLs purged through wagtail.contrib.frontend_cache."""
    settings.WAGTAILFRONTENDCACHE = {"fake": {"BACKEND": "tests.caching.fake_cdn.RecordingBackend"}}
    settings.API_PUBLIC_BASE_URL = "https://api.shop.example"
    RecordingBackend.purged.clear()
    RecordingBackend.batches.clear()
    return RecordingBackend.purged


@pytest.fixture
def cdn_batches(cdn):
    """The purge requests the fake CDN received, each `{"urls", "in_transaction"}`."""
    return RecordingBackend.batches


@pytest.fixture
def clinic_article(db):
    from tests.factories import ClinicLocationFactory

    clinic = ClinicLocationFactory(city="Edmonton")
    page = ArticlePageFactory(
        slug="clinic",
        body=[{"type": "call_to_action", "value": {"label": "Book", "url": "", "location": clinic.pk}}],
    )
    page.clinic = clinic
    return page


@pytest.fixture
def deferred_tasks(settings):
    """Tasks are queued and never run, as with a worker that has not got to them yet."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    assert isinstance(backend, DummyBackend)
    yield backend
    backend.clear()
