"""The API's routes. A host project mounts them with `path("", include("api.urls"))`."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularSwaggerView

from .schema import SchemaView
from .views import ApiIndexView, not_found

app_name = "api"

urlpatterns = [
    path("api/v1/", ApiIndexView.as_view(), name="index"),
    path("api/v1/", include("api.content.urls")),
    path("api/v1/", include("api.comments.urls")),
    path("api/schema/", SchemaView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    # Any other path under /api/ ending in a slash is a JSON 404, not Wagtail's HTML page: the
    # host's page serving comes after these routes. Paths without the slash are redirected to it
    # first by CommonMiddleware (APPEND_SLASH), so they end here too.
    re_path(r"^api/(?:.*/)?$", not_found),
]
