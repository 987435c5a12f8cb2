"""
Cells a spreadsheet would run as formulas, written as text (CSV injection, as OWASP describes it):
a title such as `=HYPERLINK("https://evil.example", "Click")` opens in Excel or LibreOffice as a
live link or a command. A cell starting with = + - @, a tab or a carriage return gets a single
quote in front, which the spreadsheet shows as text. Every CSV the code writes goes through it;
Wagtail's XLSX export already stores such cells as text.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    """`value`, a quote before it when it is text a spreadsheet would take for a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class NeutralisedCsvMixin:
    """For a Wagtail ReportView (SpreadsheetExportMixin): its CSV cells neutralised."""

    def preprocess_field_value(self, field, value, export_format):
        prepared = super().preprocess_field_value(field, value, export_format)
        return neutralised(prepared) if export_format == self.FORMAT_CSV else prepared
