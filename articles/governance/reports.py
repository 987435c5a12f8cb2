"""
The governance reports of the Wagtail admin (Wagtail's ReportView, with its CSV and XLSX export):
"Due for medical review", with a dashboard panel with the count (which articles are due is
review.py's answer), and "Uncited claims", the articles with benefits that cite no evidence.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, LiveStatusTagColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from ..conf import articles_settings
from ..models import ArticlePage
from ..spreadsheets import NeutralisedCsvMixin
from . import review

REPORT_URL_NAME = "articles_review_due"
UNCITED_URL_NAME = "articles_uncited_claims"
# Who sees the report, its menu item and its panel: whoever may work on pages, as Wagtail's own
# page reports.
EDITOR_ACTIONS = ["add", "change", "publish"]


def may_see_report(user):
    return PagePermissionPolicy().user_has_any_permission(user, EDITOR_ACTIONS)


def name_or_blank(value):
    return str(value) if value is not None else ""


class ArticleReportView(NeutralisedCsvMixin, ReportView):
    """
    A report listing articles, for those who edit them, each linking to its editor; its CSV
    export writes no cell a spreadsheet would run as a formula (spreadsheets.py).
    """

    model = ArticlePage
    any_permission_required = EDITOR_ACTIONS
    header_icon = "doc-full"
    title_column = TitleColumn("title", label=_("Article"), url_name="wagtailadmin_pages:edit")


class DueForReviewReportView(ArticleReportView):
    """Articles whose next medical review has passed or falls within the window, soonest first."""

    page_title = _("Due for medical review")
    index_url_name = REPORT_URL_NAME
    index_results_url_name = f"{REPORT_URL_NAME}_results"
    export_filename = "due-for-medical-review"
    columns = [
        ArticleReportView.title_column,
        Column("medical_reviewer", label=_("Medical reviewer")),
        DateColumn("last_reviewed", label=_("Last reviewed")),
        DateColumn("next_review_due", label=_("Next review due")),
        Column("reading_age", label=_("Reading age")),
        LiveStatusTagColumn(),
    ]
    list_export = [
        "title",
        "medical_reviewer",
        "last_reviewed",
        "next_review_due",
        "reading_age",
        "status_string",
    ]
    export_headings = {
        "medical_reviewer": _("Medical reviewer"),
        "reading_age": _("Reading age"),
        "status_string": _("Status"),
    }
    custom_field_preprocess = {
        "medical_reviewer": {ReportView.FORMAT_CSV: name_or_blank, ReportView.FORMAT_XLSX: name_or_blank}
    }

    def get_queryset(self):
        return review.review_report()


def joined(titles):
    return "; ".join(titles)


class UncitedClaimsReportView(ArticleReportView):
    """Articles (live or draft) whose benefits include claims that cite no evidence block."""

    page_title = _("Uncited claims")
    index_url_name = UNCITED_URL_NAME
    index_results_url_name = f"{UNCITED_URL_NAME}_results"
    export_filename = "uncited-claims"
    columns = [
        ArticleReportView.title_column,
        Column(
            "uncited_claims",
            label=_("Claims citing no evidence"),
            accessor=lambda page: joined(page.uncited_claims),
        ),
        Column("medical_reviewer", label=_("Medical reviewer")),
        LiveStatusTagColumn(),
    ]
    list_export = ["title", "uncited_claims", "medical_reviewer", "status_string"]
    export_headings = {
        "uncited_claims": _("Claims citing no evidence"),
        "medical_reviewer": _("Medical reviewer"),
        "status_string": _("Status"),
    }
    custom_field_preprocess = {
        "uncited_claims": {ReportView.FORMAT_CSV: joined, ReportView.FORMAT_XLSX: joined},
        "medical_reviewer": {ReportView.FORMAT_CSV: name_or_blank, ReportView.FORMAT_XLSX: name_or_blank},
    }

    def get_queryset(self):
        return (
            ArticlePage.objects.filter(uncited_claim_count__gt=0)
            .select_related("medical_reviewer")
            .order_by("title", "pk")
        )


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_report(request.user)


def report_menu_items():
    return [
        ReportMenuItem(
            _("Due for medical review"),
            reverse(REPORT_URL_NAME),
            name="due-for-medical-review",
            icon_name="doc-full",
            order=750,
        ),
        ReportMenuItem(
            _("Uncited claims"),
            reverse(UNCITED_URL_NAME),
            name="uncited-claims",
            icon_name="doc-full",
            order=751,
        ),
    ]


def report_urls():
    """The reports' admin URLs: each report's page and its results (for filtering)."""
    urls = []
    for slug, view, name in (
        ("due-for-medical-review", DueForReviewReportView, REPORT_URL_NAME),
        ("uncited-claims", UncitedClaimsReportView, UNCITED_URL_NAME),
    ):
        urls += [
            path(f"reports/{slug}/", view.as_view(), name=name),
            path(f"reports/{slug}/results/", view.as_view(results_only=True), name=f"{name}_results"),
        ]
    return urls


class ReviewDuePanel(Component):
    """The dashboard's count of articles due for medical review, linking to the report."""

    name = "review_due"
    template_name = "articles/admin/review_due_panel.html"
    order = 140

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(
            count=review.needing_review().count(),
            report_url=reverse(REPORT_URL_NAME),
            within_days=articles_settings.ARTICLES_REVIEW_DUE_WITHIN_DAYS,
        )
        return context
