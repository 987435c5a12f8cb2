"""What editors read in the admin: field labels as words, blocks told apart by their icons."""

import json

import pytest
from wagtail.admin.telepath import JSContext

from articles.blocks import CallToActionBlock, ContraindicationsBlock, EvidenceBlock, WarningBlock
from articles.snippets import Author, ClinicLocation


def form_definition(block):
    """The block as the page editor's JavaScript receives it (labels, help texts, children)."""
    return json.dumps(JSContext().pack(block))


@pytest.mark.parametrize(
    ("block", "labels"),
    [(EvidenceBlock(), {"doi": "DOI", "url": "URL"}), (CallToActionBlock(), {"url": "URL"})],
)
def test_abbreviations_are_labelled_as_written(block, labels):
    definition = form_definition(block)

    for name, label in labels.items():
        assert block.child_blocks[name].label == label
        assert f'"label": "{label}"' in definition
    assert '"Doi"' not in definition and '"Url"' not in definition


@pytest.mark.parametrize(
    ("model", "field", "label"),
    [(Author, "profile_url", "profile URL"), (ClinicLocation, "booking_url", "booking URL")],
)
def test_snippet_fields_say_url(model, field, label):
    assert model._meta.get_field(field).verbose_name == label


def test_contraindications_and_warnings_have_different_icons():
    contraindications, warning = ContraindicationsBlock().meta.icon, WarningBlock().meta.icon

    assert contraindications != warning
    assert ContraindicationsBlock().child_blocks["items"].child_block.meta.icon == contraindications
