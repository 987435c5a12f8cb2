"""Page-number pagination shared by every list endpoint: `?page=` and `?page_size=` (at most 100)."""

from urllib.parse import urlencode

from django.utils.translation import ngettext
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from .caching.responses import query_pairs
from .conf import public_base_url
from .internals import PageRowsPaginator


class StandardPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        self.view = view
        return super().paginate_queryset(queryset, request, view)

    def get_next_link(self):
        return self.page_link(self.page.next_page_number()) if self.page.has_next() else None

    def get_previous_link(self):
        return self.page_link(self.page.previous_page_number()) if self.page.has_previous() else None

    def page_link(self, number):
        """
        The URL of page `number`: the API's public address (never the Host the client sent) and
        only the parameters the view reads, sorted, so every client of a cached page gets the
        same links.
        """
        known = getattr(self.view, "cached_query_params", None)
        names = known() if known else self.request.query_params.keys()
        params = query_pairs(self.request.query_params, names - {self.page_query_param})
        if number > 1:
            params.append((self.page_query_param, str(number)))
        query = urlencode(sorted(params))
        return f"{public_base_url()}{self.request.path}" + (f"?{query}" if query else "")

    def get_page_number(self, request, paginator):
        """A page number that is not a page of this list is a 400, not DRF's 404."""
        value = request.query_params.get(self.page_query_param) or 1
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ValidationError({"page": ["A page number must be a whole number."]}) from None
        if number < 1:
            raise ValidationError({"page": ["A page number starts at 1."]})
        if number > max(paginator.num_pages, 1):
            message = ngettext(
                "There is only %(count)d page.", "There are only %(count)d pages.", paginator.num_pages
            )
            raise ValidationError({"page": [message % {"count": paginator.num_pages}]})
        return number

    def get_page_size(self, request):
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        try:
            size = int(value)
        except ValueError:
            raise ValidationError({"page_size": ["A page size must be a whole number."]}) from None
        if not 1 <= size <= self.max_page_size:
            raise ValidationError({"page_size": [f"A page size is between 1 and {self.max_page_size}."]})
        return size

    def get_paginated_response_schema(self, schema):
        """DRF's envelope, each field described for the OpenAPI document."""
        envelope = super().get_paginated_response_schema(schema)
        descriptions = {
            "count": "How many items there are in all pages.",
            "next": "The URL of the next page; null on the last one.",
            "previous": "The URL of the previous page; null on the first one.",
            "results": "The items of this page.",
        }
        for name, description in descriptions.items():
            envelope["properties"][name]["description"] = description
        return envelope


class LightRowsPaginator(PageRowsPaginator):
    """
    Orders and slices on the primary keys only, then loads the page's rows whole, in one query:
    `WHERE pk IN (SELECT pk ... ORDER BY ... LIMIT n)`. The database sorts narrow rows instead
    of every matching row with its heavy columns (an article's body) before the LIMIT.
    """

    def page_rows(self, object_list):
        if hasattr(object_list, "values"):
            return self.object_list.filter(pk__in=object_list.values("pk"))
        return object_list


class LightRowsPagination(StandardPagination):
    """StandardPagination for querysets whose rows are heavy: see LightRowsPaginator."""

    django_paginator_class = LightRowsPaginator
