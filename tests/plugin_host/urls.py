"""The URLs a host adds for the plugin: Wagtail's admin and pages, and the API's include."""

from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("", include("api.urls")),
    path("", include(wagtail_urls)),
]
