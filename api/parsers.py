"""The API's JSON parser: DRF's, with a body nested too deeply answered 400 rather than a 500."""

from django.utils.translation import gettext_lazy as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    """
    Python's json module raises RecursionError on deeply nested input (`[` x 30,000 fits within
    API_MAX_REQUEST_SIZE), which DRF's parser does not catch.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("JSON parse error - the body is nested too deeply.")) from None
