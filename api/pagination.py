"""Page-number pagination shared by every list endpoint: `?page=` and `?page_size=` (at most 100)."""

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

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
            raise ValidationError({"page": [f"There are only {paginator.num_pages} pages."]})
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
