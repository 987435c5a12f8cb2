"""
The admin queue's filters, as Wagtail's IndexView expects them (a WagtailFilterSet): its filter
panel, its active-filter pills and its search all work from this one declaration.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, NumberRangeWidget, WagtailFilterSet
from wagtail.admin.widgets import BooleanRadioSelect

from articles.models import ArticlePage

from ..abuse.trust import trusted_author
from ..models import Comment

ALL_STATUSES = "all"
# What the listing's search box looks in (Comment is not in Wagtail's search index: `icontains`).
SEARCH_FIELDS = ["body", "author_name", "author_email"]


def articles_with_comments(request):
    """The articles worth filtering by: those with comments, by title."""
    return ArticlePage.objects.filter(comments__isnull=False).distinct().order_by("title")


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[*Comment.Status.choices, (ALL_STATUSES, _("All"))],
        empty_label=None,
        initial=Comment.Status.PENDING,
        widget=forms.RadioSelect,
        method="filter_status",
    )
    article = django_filters.ModelChoiceFilter(label=_("Article"), queryset=articles_with_comments)
    created_at = django_filters.DateFromToRangeFilter(label=_("Received"), widget=DateRangePickerWidget)
    trusted = django_filters.BooleanFilter(
        label=_("Trusted author"), widget=BooleanRadioSelect, method="filter_trusted"
    )
    spam_score = django_filters.RangeFilter(label=_("Spam score"), widget=NumberRangeWidget)
    safety_flagged = django_filters.BooleanFilter(label=_("Safety flag"), widget=BooleanRadioSelect)
    verified_customer = django_filters.BooleanFilter(
        label=_("Verified customer"),
        widget=BooleanRadioSelect,
        field_name="shopify_customer_id",
        lookup_expr="isnull",
        exclude=True,
    )

    class Meta:
        model = Comment
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        # The queue is the comments waiting: a moderator arriving without a status sees those.
        if data is not None and not data.get("status"):
            data = data.copy()
            data["status"] = Comment.Status.PENDING
        super().__init__(data, *args, **kwargs)

    def filter_status(self, queryset, name, value):
        return queryset if value == ALL_STATUSES else queryset.filter(status=value)

    def filter_trusted(self, queryset, name, value):
        trusted = trusted_author()
        return queryset.filter(trusted if value else ~trusted)
