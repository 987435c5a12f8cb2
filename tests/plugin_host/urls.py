"""The URLs a host adds for the plugin: Wagtail's admin and pages, the API's and the email pages' includes."""

from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("", include("api.urls")),
    path("email/", include("moderation.delivery.urls")),
    path("", include(wagtail_urls)),
]
