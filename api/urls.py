"""The API's routes. A host project mounts them with `path("", include("api.urls"))`."""

from django.urls import include, path

app_name = "api"

urlpatterns = [
    path("api/v1/", include("api.content.urls")),
    path("api/v1/", include("api.comments.urls")),
]
