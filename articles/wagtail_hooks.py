"""
Admin registration: the article library's snippets, grouped under one menu item, and the
"Due for medical review" report with its dashboard panel.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .governance import attribution
from .governance.reports import ReviewDuePanel, may_see_report, report_menu_items, report_urls
from .models import ArticlePage
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


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return report_menu_items()[0]


@hooks.register("register_reports_menu_item")
def register_uncited_claims_menu_item():
    return report_menu_items()[1]


@hooks.register("register_admin_urls")
def register_report_urls():
    return report_urls()


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    if may_see_report(request.user):
        panels.append(ReviewDuePanel())


@hooks.register("after_publish_page")
def warn_of_missing_attribution(request, page):
    """Publishing went ahead (attribution is not required): say whom the article does not name."""
    if isinstance(page.specific_deferred, ArticlePage):
        for message in attribution.missing_on(page.specific_deferred).values():
            messages.warning(request, message)
