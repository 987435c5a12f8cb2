"""Routes of this part of the API; api/urls.py mounts them under /api/v1/."""

urlpatterns = []
