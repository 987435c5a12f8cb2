"""Block validation: the messages editors see when a block is incomplete or wrong."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from articles.blocks import (
    CallToActionBlock,
    CausesBlock,
    ContraindicationsBlock,
    EvidenceBlock,
    HeadingBlock,
    ImageBlock,
    TechniquesBlock,
    WarningBlock,
    normalize_doi,
)
from tests.factories import ClinicLocationFactory, TechniqueFactory

CITATION = {
    "authors": "Perlman AI, Sabina A, Williams A-L, Njike VY, Katz DL",
    "title": "Massage therapy for osteoarthritis of the knee: a randomized controlled trial",
    "journal": "Arch Intern Med",
    "year": 2006,
    "volume": "166(22)",
    "pages": "2533-2538",
    "doi": "10.1001/archinte.166.22.2533",
    "url": "",
    "finding": "Regular massage reduced pain and improved function.",
}


def block_errors(block, value):
    """Clean `value` with `block` and return {field: [messages]} of the error it raises."""
    with pytest.raises(ValidationError) as raised:
        block.clean(block.to_python(value))
    return {name: error.messages for name, error in raised.value.block_errors.items()}


class TestEvidenceBlock:
    block = EvidenceBlock()

    def test_a_full_citation_is_valid(self):
        value = self.block.clean(self.block.to_python(CITATION))

        assert value["doi"] == "10.1001/archinte.166.22.2533"
        assert value["year"] == 2006

    def test_a_study_needs_a_doi_or_a_url(self):
        errors = block_errors(self.block, {**CITATION, "doi": "", "url": ""})

        assert errors["doi"] == ["Give a DOI or a URL so readers can find the study."]
        assert errors["url"] == ["Give a DOI or a URL so readers can find the study."]

    def test_a_url_alone_is_enough(self):
        value = self.block.clean(
            self.block.to_python({**CITATION, "doi": "", "url": "https://example.org/study"})
        )

        assert value["url"] == "https://example.org/study"

    @pytest.mark.parametrize(
        "pasted",
        [
            "https://doi.org/10.1001/archinte.166.22.2533",
            "https://dx.doi.org/10.1001/archinte.166.22.2533",
            "doi:10.1001/archinte.166.22.2533",
            "  10.1001/archinte.166.22.2533  ",
        ],
    )
    def test_a_doi_is_stored_bare_however_it_was_pasted(self, pasted):
        value = self.block.clean(self.block.to_python({**CITATION, "doi": pasted}))

        assert value["doi"] == "10.1001/archinte.166.22.2533"

    @pytest.mark.parametrize("doi", ["archinte.166.22.2533", "10.12/short-prefix", "10.1001/with space"])
    def test_something_that_is_not_a_doi_is_rejected(self, doi):
        errors = block_errors(self.block, {**CITATION, "doi": doi})

        assert errors["doi"] == ["Enter a DOI such as 10.1001/archinte.166.22.2533."]

    def test_the_year_cannot_be_in_the_future(self):
        errors = block_errors(self.block, {**CITATION, "year": date.today().year + 1})

        assert errors["year"] == ["The year cannot be in the future."]

    def test_the_year_must_be_plausible(self):
        errors = block_errors(self.block, {**CITATION, "year": 206})

        assert "year" in errors

    @pytest.mark.parametrize("field", ["authors", "title", "journal", "year", "finding"])
    def test_the_citation_needs_its_core_fields(self, field):
        errors = block_errors(self.block, {**CITATION, field: None if field == "year" else ""})

        assert errors[field] == ["This field is required."]

    def test_normalize_doi_keeps_an_empty_value_empty(self):
        assert normalize_doi(None) == ""
        assert normalize_doi("DOI:10.1001/x") == "10.1001/x"


@pytest.mark.django_db
class TestCallToActionBlock:
    block = CallToActionBlock()

    def test_a_label_and_url_are_enough(self):
        value = self.block.clean(
            self.block.to_python({"label": "Book now", "url": "https://example.com/book"})
        )

        assert value["url"] == "https://example.com/book"

    def test_without_a_url_it_needs_a_clinic(self):
        errors = block_errors(self.block, {"label": "Book now", "url": "", "location": None})

        assert errors["url"] == ["Give a URL, or choose a clinic with a booking link."]

    def test_a_clinic_without_a_booking_link_is_not_enough(self):
        clinic = ClinicLocationFactory(booking_url="")

        errors = block_errors(self.block, {"label": "Book now", "url": "", "location": clinic.pk})

        assert errors["url"] == ["Give a URL, or choose a clinic with a booking link."]

    def test_a_clinic_with_a_booking_link_replaces_the_url(self):
        clinic = ClinicLocationFactory(booking_url="https://example.com/book")

        value = self.block.clean(
            self.block.to_python({"label": "Book now", "url": "", "location": clinic.pk})
        )

        assert value["location"] == clinic

    def test_the_label_is_required(self):
        errors = block_errors(self.block, {"label": "", "url": "https://example.com/book"})

        assert errors["label"] == ["This field is required."]


@pytest.mark.django_db
class TestRequiredFields:
    def test_a_heading_needs_text(self):
        assert block_errors(HeadingBlock(), {"text": "", "level": "h2"})["text"] == [
            "This field is required."
        ]

    def test_an_image_needs_alt_text_and_an_image(self):
        errors = block_errors(ImageBlock(), {"image": None, "alt": "", "caption": ""})

        assert set(errors) == {"image", "alt"}

    def test_a_list_section_needs_a_heading_and_at_least_one_item(self):
        errors = block_errors(CausesBlock(), {"heading": "", "intro": "", "items": []})

        assert set(errors) == {"heading", "items"}

    def test_a_technique_item_must_come_from_the_library(self):
        errors = block_errors(
            TechniquesBlock(), {"heading": "Techniques", "items": [{"technique": None, "application": ""}]}
        )

        assert "items" in errors

    def test_a_technique_from_the_library_is_valid(self):
        technique = TechniqueFactory()
        block = TechniquesBlock()

        value = block.clean(
            block.to_python({"heading": "Techniques", "items": [{"technique": technique.pk}]})
        )

        assert value["items"][0]["technique"] == technique

    def test_a_contraindication_needs_a_known_severity(self):
        errors = block_errors(
            ContraindicationsBlock(),
            {"heading": "Avoid", "items": [{"condition": "Fracture", "severity": "sometimes"}]},
        )

        assert "items" in errors

    def test_a_warning_needs_its_text(self):
        errors = block_errors(WarningBlock(), {"urgency": "urgent", "heading": "", "text": ""})

        assert errors == {"text": ["This field is required."]}
