"""
The OpenAPI description of what the content API returns that no model serializer describes:
images, and the body's blocks, one schema per block type (`BodyBlock`, a oneOf keyed on
`type`). The values themselves come from the blocks' get_api_representation (articles/blocks.py);
tests check that real responses validate against these schemas. Also the annotations shared by
the public endpoints (`public_list`, `public_detail`): validators, 304, errors.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import serializers

from articles.blocks import ArticleBodyBlock, CauseKind, Severity, Urgency
from articles.frontend.images import rendition_specs

from ..caching.http import CONDITIONAL_GET_HEADERS, NOT_MODIFIED
from ..schema import VALIDATION_ERRORS, ErrorSerializer, error_responses

HTML_HELP = _("HTML. Links to pages point at the frontend; links to documents are absolute URLs.")


class RenditionSerializer(serializers.Serializer):
    url = serializers.URLField(help_text=_("Absolute URL of the resized image."))
    width = serializers.IntegerField(help_text=_("Width in pixels."))
    height = serializers.IntegerField(help_text=_("Height in pixels."))


RenditionsSerializer = type(
    "RenditionsSerializer",
    (serializers.Serializer,),
    {
        name: RenditionSerializer(help_text=f"The {name} rendition ({spec}).")
        for name, spec in rendition_specs().items()
    },
)


class ImageSerializer(serializers.Serializer):
    alt = serializers.CharField(help_text=_("Alternative text; empty for a decorative image."))
    width = serializers.IntegerField(help_text=_("Width of the original in pixels."))
    height = serializers.IntegerField(help_text=_("Height of the original in pixels."))
    renditions = RenditionsSerializer(help_text=_("Resized versions, by name."))


class SectionSerializer(serializers.Serializer):
    heading = serializers.CharField(help_text=_("The section's heading."))
    intro = serializers.CharField(help_text=_("A sentence leading into the list; may be empty."))


class HeadingValue(serializers.Serializer):
    text = serializers.CharField(help_text=_("The heading text."))
    level = serializers.ChoiceField(
        choices=["h2", "h3"], help_text=_("h2 for a section, h3 for a sub-section.")
    )


class ImageValue(serializers.Serializer):
    image = ImageSerializer(allow_null=True, help_text=_("The image; null if it was deleted."))
    caption = serializers.CharField(help_text=_("An optional caption; may be empty."))


class QuoteValue(serializers.Serializer):
    text = serializers.CharField(help_text=_("The quotation."))
    attribution = serializers.CharField(help_text=_("Who said it; may be empty."))


class CauseValue(serializers.Serializer):
    name = serializers.CharField(help_text=_("The cause."))
    description = serializers.CharField(help_text=_("More about it; may be empty."))
    kind = serializers.ChoiceField(choices=CauseKind.choices, help_text=_("What kind of cause it is."))


class CausesValue(SectionSerializer):
    items = CauseValue(many=True, help_text=_("The causes."))


class CitationSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_("The cited evidence block's key, e.g. perlman2006."))
    evidence_id = serializers.UUIDField(help_text=_("The id of the evidence block in this body."))


class BenefitValue(serializers.Serializer):
    title = serializers.CharField(help_text=_("The benefit."))
    explanation = serializers.CharField(help_text=_("What it means for the reader."))
    mechanism = serializers.CharField(help_text=_("Why it works; may be empty."))
    citations = CitationSerializer(
        many=True, help_text=_("The evidence blocks of this body that support the claim; empty if uncited.")
    )


class BenefitsValue(SectionSerializer):
    items = BenefitValue(many=True, help_text=_("The benefits."))


class TechniqueSummarySerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text=_("The technique's slug (see /api/v1/techniques/)."))
    name = serializers.CharField(help_text=_("The technique's name."))
    summary = serializers.CharField(help_text=_("What the technique does for the client."))


class TechniqueItemValue(serializers.Serializer):
    technique = TechniqueSummarySerializer(help_text=_("The technique, from the library."))
    application = serializers.CharField(help_text=_("How this article applies it; may be empty."))


class TechniquesValue(SectionSerializer):
    items = TechniqueItemValue(many=True, help_text=_("The techniques, in the editor's order."))


class ContraindicationValue(serializers.Serializer):
    condition = serializers.CharField(help_text=_("When massage may not be appropriate."))
    severity = serializers.ChoiceField(choices=Severity.choices, help_text=_("How serious it is."))
    guidance = serializers.CharField(help_text=_("What the reader should do instead; may be empty."))


class ContraindicationsValue(SectionSerializer):
    items = ContraindicationValue(many=True, help_text=_("The contraindications."))


class EvidenceValue(serializers.Serializer):
    authors = serializers.CharField(help_text=_("The study's authors, as cited."))
    title = serializers.CharField(help_text=_("The study's title."))
    journal = serializers.CharField(help_text=_("Where it was published."))
    year = serializers.IntegerField(help_text=_("The year of publication."))
    volume = serializers.CharField(help_text=_("Volume and issue; may be empty."))
    pages = serializers.CharField(help_text=_("Pages; may be empty."))
    doi = serializers.CharField(help_text=_("The bare DOI (10.xxxx/...); may be empty when url is set."))
    url = serializers.CharField(help_text=_("A link to the study; may be empty when doi is set."))
    finding = serializers.CharField(help_text=_("What the study found, in plain language."))
    key = serializers.CharField(
        help_text=_("How claims cite it: the first author's surname and the year, e.g. perlman2006.")
    )


class WarningValue(serializers.Serializer):
    urgency = serializers.ChoiceField(choices=Urgency.choices, help_text=_("How soon to seek care."))
    heading = serializers.CharField(help_text=_("The callout's heading; may be empty."))
    text = serializers.CharField(help_text=_("The red flags, and what to do about them."))


class CarePlanStepValue(serializers.Serializer):
    title = serializers.CharField(help_text=_("The step."))
    description = serializers.CharField(help_text=_("More about it; may be empty."))


class CarePlanValue(SectionSerializer):
    items = CarePlanStepValue(many=True, help_text=_("The steps."))


class QuestionValue(serializers.Serializer):
    question = serializers.CharField(help_text=_("The question."))
    answer = serializers.CharField(help_text=HTML_HELP)


class FaqValue(serializers.Serializer):
    items = QuestionValue(many=True, help_text=_("The questions and answers."))


class ClinicSerializer(serializers.Serializer):
    name = serializers.CharField(help_text=_("The clinic's name."))
    street_address = serializers.CharField(help_text=_("Street address; may be empty."))
    city = serializers.CharField(help_text=_("City; may be empty."))
    region = serializers.CharField(help_text=_("Province or state; may be empty."))
    postal_code = serializers.CharField(help_text=_("Postal code; may be empty."))
    country = serializers.CharField(help_text=_("Two-letter country code."))
    phone = serializers.CharField(help_text=_("Phone number; may be empty."))
    booking_url = serializers.CharField(help_text=_("Where to book; may be empty."))


class CallToActionValue(serializers.Serializer):
    label = serializers.CharField(help_text=_("The button text."))
    url = serializers.CharField(
        help_text=_("Where the button goes: the block's URL, else the clinic's booking link.")
    )
    location = ClinicSerializer(allow_null=True, help_text=_("The clinic, if the editor chose one."))


class TableValue(serializers.Serializer):
    caption = serializers.CharField(help_text=_("The table's caption; may be empty."))
    first_row_is_header = serializers.BooleanField(
        help_text=_("Whether the first row holds the column headings.")
    )
    first_column_is_header = serializers.BooleanField(
        help_text=_("Whether the first column holds row headings.")
    )
    rows = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_("The rows, each a list of cells (text)."),
    )


class VideoValue(serializers.Serializer):
    url = serializers.CharField(help_text=_("The video's page address."))
    provider = serializers.CharField(help_text=_('"YouTube" or "Vimeo"; empty for another provider.'))
    player_url = serializers.CharField(
        allow_null=True, help_text=_("The player's address, for an iframe; null for another provider.")
    )


BLOCK_VALUES = {
    "heading": HeadingValue,
    "paragraph": lambda **kwargs: serializers.CharField(**kwargs),
    "image": ImageValue,
    "quote": QuoteValue,
    "causes": CausesValue,
    "benefits": BenefitsValue,
    "techniques": TechniquesValue,
    "contraindications": ContraindicationsValue,
    "evidence": EvidenceValue,
    "warning": WarningValue,
    "care_plan": CarePlanValue,
    "faq": FaqValue,
    "call_to_action": CallToActionValue,
    "table": TableValue,
    "embed": VideoValue,
}


def block_serializer(name, value_class):
    """`{"type": name, "id": uuid, "value": ...}`: one member of the body's union."""
    block = ArticleBodyBlock.base_blocks[name]
    value_help = HTML_HELP if name == "paragraph" else _("The block's content.")
    fields = {
        "type": serializers.ChoiceField(choices=[name], help_text=_("The block type.")),
        "id": serializers.UUIDField(help_text=_("The block's id, stable across revisions.")),
        "value": value_class(help_text=value_help),
    }
    class_name = "".join(part.title() for part in name.split("_")) + "BlockSerializer"
    serializer = type(class_name, (serializers.Serializer,), fields)
    serializer.__doc__ = str(block.meta.description or block.label)
    return serializer


class ReadingTargetSerializer(serializers.Serializer):
    min = serializers.IntegerField(help_text=_("The lowest reading age aimed at."))
    max = serializers.IntegerField(
        help_text=_("The highest reading age aimed at (ARTICLES_READING_AGE_TARGET).")
    )


class BlockReadabilitySerializer(serializers.Serializer):
    id = serializers.CharField(allow_null=True, help_text=_("The block's id, as in `body`."))
    type = serializers.CharField(help_text=_("The block's type."))
    reading_age = serializers.IntegerField(help_text=_("Reading age in years: the grade + 5."))
    grade = serializers.FloatField(help_text=_("Flesch-Kincaid grade level."))
    words = serializers.IntegerField(help_text=_("Words counted."))
    above_target = serializers.BooleanField(
        help_text=_("Above the target's highest age (never for a block of fewer than 20 words).")
    )


class ReadabilitySerializer(serializers.Serializer):
    reading_age = serializers.IntegerField(
        allow_null=True, help_text=_("Reading age in years: the grade + 5.")
    )
    grade = serializers.FloatField(allow_null=True, help_text=_("Flesch-Kincaid grade level of the body."))
    words = serializers.IntegerField(help_text=_("Words counted: the prose readers read."))
    target = ReadingTargetSerializer(help_text=_("The reading ages articles aim at (9 to 11 by default)."))
    above_target = serializers.BooleanField(help_text=_("The body's reading age is above the target."))
    blocks = BlockReadabilitySerializer(many=True, help_text=_("Each block with text, in order."))


BodyBlockSerializer = PolymorphicProxySerializer(
    component_name="BodyBlock",
    serializers={name: block_serializer(name, value) for name, value in BLOCK_VALUES.items()},
    resource_type_field_name="type",
    many=True,
)


TAG = "content"
NOT_FOUND = OpenApiResponse(ErrorSerializer, description=_("No published item has this slug."))
BAD_REQUEST = OpenApiResponse(VALIDATION_ERRORS, description=_("A parameter has an invalid value."))


def slug_parameter(what):
    return OpenApiParameter("slug", str, OpenApiParameter.PATH, description=_("The %s's slug.") % what)


def public_list(summary, description, serializer):
    return extend_schema(
        tags=[TAG],
        summary=summary,
        description=description,
        parameters=CONDITIONAL_GET_HEADERS,
        responses={
            200: OpenApiResponse(serializer(many=True), description=_("One page of results.")),
            304: NOT_MODIFIED,
            400: BAD_REQUEST,
            **error_responses([429]),
        },
    )


def public_detail(summary, description, serializer, what):
    return extend_schema(
        tags=[TAG],
        summary=summary,
        description=description,
        parameters=[slug_parameter(what), *CONDITIONAL_GET_HEADERS],
        responses={
            200: OpenApiResponse(serializer, description=_("Found.")),
            304: NOT_MODIFIED,
            404: NOT_FOUND,
            **error_responses([429]),
        },
    )
