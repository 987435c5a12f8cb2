"""Admin registration: the article library's snippets, grouped under one menu item."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .snippets import Author, ClinicLocation, Condition, Technique


class TechniqueViewSet(SnippetViewSet):
    model = Technique
    icon = "cogs"
    list_display = ["name", "pressure", "summary"]
    list_filter = ["pressure"]
    search_fields = ["name", "summary"]


class ConditionViewSet(SnippetViewSet):
    model = Condition
    icon = "crosshairs"
    list_display = ["name", "body_area", "other_names"]
    search_fields = ["name", "other_names"]


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    list_display = ["name", "job_title", "credentials_display"]
    search_fields = ["name"]


class ClinicLocationViewSet(SnippetViewSet):
    model = ClinicLocation
    icon = "site"
    list_display = ["name", "city", "region", "phone"]
    search_fields = ["name", "city"]


class ArticleLibraryGroup(SnippetViewSetGroup):
    menu_label = _("Article library")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (TechniqueViewSet, ConditionViewSet, AuthorViewSet, ClinicLocationViewSet)


register_snippet(ArticleLibraryGroup)
