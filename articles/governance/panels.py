"""
What the editor sees of the governance checks while editing an article: a "Readability" panel
on the Content tab with the body's reading age, per block, against the target.

It reads the article as the editor last saved it (the latest revision, which the editor shows),
so it is right after every save and preview; the API and the review report read the same figures.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from .readability import readability_representation


class ReadabilityPanel(Panel):
    """The reading age of the body as last saved, overall and per block, with a warning above the target."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Readability"))
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "readability"

    class BoundPanel(Panel.BoundPanel):
        template_name = "articles/admin/readability_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            body = getattr(self.instance, "body", None)
            report = readability_representation(list(body.raw_data) if body else [])
            labels = {
                name: block.label for name, block in self.instance.body.stream_block.child_blocks.items()
            }
            for position, block in enumerate(report["blocks"], start=1):
                block["label"] = f"{position}. {labels.get(block['type'], block['type'])}"
            context["readability"] = report
            return context
