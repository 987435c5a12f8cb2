"""Routes of the content API; api/urls.py mounts them under /api/v1/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("techniques", views.TechniqueViewSet, basename="technique")
router.register("conditions", views.ConditionViewSet, basename="condition")
router.register("tags", views.TagViewSet, basename="tag")

urlpatterns = [
    *router.urls,
    path("preview/", views.PreviewView.as_view(), name="preview"),
    path("redirects/", views.RedirectView.as_view(), name="redirect"),
]
