"""
The project's routes plus, for the benchmark only, its two references: Wagtail's API v2 (pages
with the fields our listing shows) and a static baseline returning fixed bytes without Django's
database or DRF.
"""

import os
from pathlib import Path

from django.http import HttpResponse
from django.urls import path
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.fields import ImageRenditionField

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
LIST_FIELDS = "summary,published_date,last_reviewed,author,tags,conditions,hero_image"

router = WagtailAPIRouter("wagtailapi")
router.register_endpoint("pages", PagesAPIViewSet)

STATIC_BODY = Path(os.environ.get("BENCH_STATIC_FILE", "/dev/null")).read_bytes()


def static_detail(request):
    """The same detail JSON, as bytes: what serving costs with no work at all."""
    return HttpResponse(STATIC_BODY, content_type="application/json")


urlpatterns = [
    path("bench/wagtail/v2/", router.urls),
    path("bench/static/", static_detail),
    *project_urlpatterns,
]
