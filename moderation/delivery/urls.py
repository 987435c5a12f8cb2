"""The pages emails link to; cms/urls.py mounts them under /email/."""

from django.urls import path

from . import views

urlpatterns = [
    path("unsubscribe/<str:token>/", views.unsubscribe_view, name="email-unsubscribe"),
    path("moderate/<str:token>/", views.email_action_view, name="email-moderate"),
]
