"""
What the editor sees of the governance checks while editing an article: a "Clinical checks" panel
on the Content tab, with what the article lacks (author, medical reviewer, evidence behind its
claims, library wording that fits it) and the body's reading age, per block, against the target.

It reads the article as the editor last saved it (the latest revision, which the editor shows),
so it is right after every save and preview; the API and the reports read the same figures.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from . import attribution, claims, library
from .readability import stored_representation


def governance_warnings(page, raw_stream):
    """Every warning the checks have about an article, in the order an editor would fix them."""
    found = list(attribution.missing_on(page).values())
    uncited = claims.uncited_claims(raw_stream)
    if uncited:
        found.append(
            _("These claims cite no evidence block: %(claims)s.")
            % {"claims": "; ".join(f"“{c}”" for c in uncited)}
        )
    found += [mismatch.message for mismatch in library.mismatches(page, raw_stream)]
    return found


class GovernancePanel(Panel):
    """The clinical governance checks of the article as last saved."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Clinical checks"))
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "clinical_checks"

    class BoundPanel(Panel.BoundPanel):
        template_name = "articles/admin/governance_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            raw_stream = list(self.instance.body.raw_data)
            report = stored_representation(self.instance)
            labels = {
                name: block.label for name, block in self.instance.body.stream_block.child_blocks.items()
            }
            for position, block in enumerate(report["blocks"], start=1):
                block["label"] = f"{position}. {labels.get(block['type'], block['type'])}"
            context.update(readability=report, warnings=governance_warnings(self.instance, raw_stream))
            return context
