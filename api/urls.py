"""The API's routes. A host project includes them with `path("", include("api.urls"))`."""

app_name = "api"

urlpatterns = []
