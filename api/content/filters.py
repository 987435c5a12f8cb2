"""
The articles listing's query parameters.

A value that cannot be valid (a malformed slug or date, an unknown author id or ordering)
is a 400 naming the parameter; a well-formed value nothing matches is an empty page.
"""

from django import forms
from django.db.models import F
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from django_filters.rest_framework import DjangoFilterBackend

from articles import selectors
from articles.governance import review
from articles.models import ArticlePage, Author

from ..internals import FilterSet

ORDERING_FIELDS = ("published_at", "title", "next_review_due")


class SlugFilter(filters.CharFilter):
    """A slug: letters, digits, hyphens and underscores; anything else is a 400."""

    field_class = forms.SlugField


class WholeNumberFilter(filters.NumberFilter):
    """A whole number: "10.5" or "ten" is a 400."""

    field_class = forms.IntegerField


class ArticleOrderingFilter(filters.OrderingFilter):
    """
    `published_at`, `title`, `next_review_due`, each reversed with `-` (comma-separated for several keys).
    Titles sort without regard to case and missing dates sort last, the same on every
    database; ties go to the newest page, so that pages of results never overlap.
    """

    def __init__(self, **kwargs):
        super().__init__(fields={name: name for name in ORDERING_FIELDS}, **kwargs)

    def get_ordering_value(self, param):
        descending = param.startswith("-")
        name = param.removeprefix("-")
        expression = Lower(name) if name == "title" else F(name)
        return expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)

    def filter(self, qs, value):
        params = [param for param in value or [] if param]  # "title," passes validation as "title", ""
        if not params:
            return qs
        return qs.order_by(*(self.get_ordering_value(param) for param in params), "-pk")


class ArticleFilterSet(FilterSet):
    tag = SlugFilter(field_name="tags__slug", help_text=_("Only articles with this tag (its slug)."))
    condition = SlugFilter(
        field_name="conditions__slug", help_text=_("Only articles about this condition (its slug).")
    )
    technique = SlugFilter(
        method="filter_technique",
        help_text=_("Only articles whose body recommends this technique (its slug)."),
    )
    author = filters.ModelChoiceFilter(
        queryset=Author.objects.all(), help_text=_("Only articles by this author (the author's id).")
    )
    published_after = filters.DateFilter(
        field_name="published_at",
        lookup_expr="gte",
        help_text=_("Only articles published on or after this date (YYYY-MM-DD)."),
    )
    published_before = filters.DateFilter(
        field_name="published_at",
        lookup_expr="lte",
        help_text=_("Only articles published on or before this date (YYYY-MM-DD)."),
    )
    review = filters.ChoiceFilter(
        choices=[("due", _("Due for medical review"))],
        method="filter_review",
        help_text=_(
            "`due`: only articles whose next medical review has passed or falls within "
            "ARTICLES_REVIEW_DUE_WITHIN_DAYS (30 days by default)."
        ),
    )
    reading_age_max = WholeNumberFilter(
        field_name="reading_age",
        lookup_expr="lte",
        min_value=0,
        max_value=99,
        help_text=_(
            "Only articles whose reading age (years) is at most this; articles without text are left out."
        ),
    )
    search = filters.CharFilter(
        method="filter_search",
        max_length=200,
        help_text=_(
            "Words to look for in the title, summary and body (every word must appear). "
            "Combines with the other filters and the ordering."
        ),
    )
    ordering = ArticleOrderingFilter(
        help_text=_(
            "published_at, title or next_review_due, each reversed with a leading -; "
            "comma-separated for several keys. Default: -published_at (newest first). "
            "Articles without a date sort last either way."
        )
    )

    class Meta:
        model = ArticlePage
        fields = []

    def filter_technique(self, queryset, name, value):
        return queryset.filter(pk__in=selectors.article_ids_using_technique(value))

    def filter_review(self, queryset, name, value):
        return review.due_for_review(queryset)

    def filter_search(self, queryset, name, value):
        return queryset.filter(pk__in=selectors.matching_article_ids(value))


class LazyDjangoFilterBackend(DjangoFilterBackend):
    """
    DjangoFilterBackend that leaves alone a request naming none of the filters (the plain
    listing, a page of it). django-filter would still build the FilterSet and its form for it (a
    deep copy of every filter, a form validating nothing) to change nothing.
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        asked = filterset_class and request.query_params.keys() & filterset_class.base_filters.keys()
        return super().filter_queryset(request, queryset, view) if asked else queryset
