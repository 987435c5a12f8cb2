"""The moderation queue's filters: `?status=&article=&author_email=&safety=&created_after=...`."""

from datetime import UTC

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from moderation.models import Comment
from moderation.text.normalise import email_key

from ..internals import FilterSet

ALL_STATUSES = "all"
SAFETY_CHOICES = [
    ("flagged", _("Flagged: raised a safety signal")),
    ("clear", _("Clear: raised none")),
]


class UtcDateTimeField(forms.DateTimeField):
    """
    A date and time that the database can store, given to it in UTC: its UTC time must be within
    years 1 to 9999, and any offset the client wrote (Python takes up to 24 hours, PostgreSQL
    only up to 16) never reaches the query.
    """

    default_error_messages = {"out_of_range": _("Enter a date and time between the years 1 and 9999 in UTC.")}

    def to_python(self, value):
        result = super().to_python(value)
        if result is None:
            return None
        try:
            return result.astimezone(UTC)
        except OverflowError:
            raise ValidationError(self.error_messages["out_of_range"], code="out_of_range") from None


class DateTimeFilter(django_filters.DateTimeFilter):
    field_class = UtcDateTimeField


class StableOrderingFilter(django_filters.OrderingFilter):
    """Sort as asked, then by id, so that pages never repeat or skip a comment."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        return qs.order_by(*qs.query.order_by, "id") if value else qs


class CommentQueueFilterSet(FilterSet):
    status = django_filters.ChoiceFilter(
        choices=[*Comment.Status.choices, (ALL_STATUSES, _("All"))],
        method="filter_status",
        help_text=_("One status, or `all`. Defaults to `pending`: the queue."),
    )
    article = django_filters.CharFilter(field_name="article__slug", help_text=_("An article's slug."))
    author_email = django_filters.CharFilter(
        method="filter_author_email", help_text=_("An author's email address, in any case.")
    )
    safety = django_filters.ChoiceFilter(
        choices=SAFETY_CHOICES,
        method="filter_safety",
        help_text=_("`flagged`: only comments with safety signals; `clear`: only those without."),
    )
    verified_customer = django_filters.BooleanFilter(
        field_name="shopify_customer_id",
        lookup_expr="isnull",
        exclude=True,
        help_text=_("`true`: only comments of verified Shopify customers; `false`: only the others."),
    )
    created_after = DateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = DateTimeFilter(field_name="created_at", lookup_expr="lt")
    search = django_filters.CharFilter(
        method="filter_search", help_text=_("Words in the body, name or email.")
    )
    ordering = StableOrderingFilter(
        fields=["created_at", "updated_at", "id", "spam_score"],
        help_text=_("Safety-flagged first, then oldest first, by default; prefix a field with - to reverse."),
    )

    class Meta:
        model = Comment
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else {}
        if not data.get("status"):
            data["status"] = Comment.Status.PENDING
        super().__init__(data, *args, **kwargs)

    def filter_status(self, queryset, name, value):
        return queryset if value == ALL_STATUSES else queryset.filter(status=value)

    def filter_safety(self, queryset, name, value):
        return queryset.filter(safety_flagged=value == "flagged")

    def filter_author_email(self, queryset, name, value):
        return queryset.filter(author_email_key=email_key(value))

    def filter_search(self, queryset, name, value):
        return queryset.filter(
            Q(body__icontains=value) | Q(author_name__icontains=value) | Q(author_email__icontains=value)
        )
