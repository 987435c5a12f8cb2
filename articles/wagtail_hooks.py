"""
Admin registration: the article library's snippets, grouped under one menu item, and the
"Due for medical review" report with its dashboard panel.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .reports import REPORT_URL_NAME, DueForReviewReportView, ReviewDuePanel, may_see_report, report_menu_item
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
    return report_menu_item()


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return [
        path("reports/due-for-medical-review/", DueForReviewReportView.as_view(), name=REPORT_URL_NAME),
        path(
            "reports/due-for-medical-review/results/",
            DueForReviewReportView.as_view(results_only=True),
            name=f"{REPORT_URL_NAME}_results",
        ),
    ]


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    if may_see_report(request.user):
        panels.append(ReviewDuePanel())
