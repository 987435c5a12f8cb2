"""
The project's routes plus, for the benchmark only, its two references: Wagtail's API v2 (pages
with the fields our articles show) and a baseline returning our list's or detail's bytes behind
the same middleware, without the database or DRF; and that baseline after the one query every
response cache hit makes, the content version, to show what the round trip alone costs.
"""

import os
from pathlib import Path

from django.http import Http404, HttpResponse
from django.urls import path
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.fields import ImageRenditionField

from api.caching import version
from articles.models import ArticlePage
from cms.urls import urlpatterns as project_urlpatterns

# The fields our API shows, declared for Wagtail's API (the project itself does not use it).
ArticlePage.api_fields = [
    APIField("summary"),
    APIField("published_date"),
    APIField("last_reviewed"),
    APIField("author"),
    APIField("medical_reviewer"),
    APIField("tags"),
    APIField("conditions"),
    APIField("hero_image", serializer=ImageRenditionField("fill-400x300")),
    APIField("body"),
]
router = WagtailAPIRouter("wagtailapi")
router.register_endpoint("pages", PagesAPIViewSet)

STATIC_DIR = Path(os.environ.get("BENCH_STATIC_DIR", "/nonexistent"))
STATIC_BODIES = {path.stem: path.read_bytes() for path in STATIC_DIR.glob("*.json")}


def static(request, name):
    """Our list's or detail's JSON, as bytes: what serving them costs with no work at all."""
    if name not in STATIC_BODIES:
        raise Http404(name)
    return HttpResponse(STATIC_BODIES[name], content_type="application/json")


def static_after_version(request, name):
    """The baseline after reading the content version, as a hit does: the floor of a hit's cost."""
    version.current()
    return static(request, name)


urlpatterns = [
    path("bench/wagtail/v2/", router.urls),
    # Under /api/ like ours, so the same middleware does the same work for it (CORS, JSON errors).
    path("api/v1/bench-static/<str:name>/", static),
    path("api/v1/bench-static-after-version/<str:name>/", static_after_version),
    *project_urlpatterns,
]
