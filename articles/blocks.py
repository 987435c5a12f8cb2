"""
StreamField blocks of a health article.

Each block type keeps its structure (causes, techniques, contraindications...) instead of
free-form rich text, so the shop frontend and schema.org markup can use it. The names in
`ArticleBodyBlock` are a public contract: the JSON API exposes them as block types, with the
value each block's `get_api_representation` gives (images with renditions, techniques from the
library, rich text as frontend HTML: see frontend/images.py and frontend/richtext.py).
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .frontend.images import image_api_representation
from .frontend.richtext import rich_text_api_representation
from .governance import claims
from .snippets import Technique
from .table_and_video import ArticleTableBlock, VideoBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript"]
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:")


class CauseKind(models.TextChoices):
    MUSCULAR = "muscular", _("Muscular")
    INJURY = "injury", _("Injury")
    DEGENERATIVE = "degenerative", _("Degenerative")
    BIOMECHANICAL = "biomechanical", _("Biomechanical")
    OTHER = "other", _("Other")


class Severity(models.TextChoices):
    AVOID = "avoid", _("Avoid massage")
    CLEARANCE = "clearance", _("Needs medical clearance first")
    MODIFY = "modify", _("Massage with modifications")


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Routine: mention it at the next appointment")
    URGENT = "urgent", _("Urgent: see a doctor before massage")
    EMERGENCY = "emergency", _("Emergency: seek care now")


class LabelledStructValue(blocks.StructValue):
    """A struct value whose templates can show a choice as editors saw it: `{{ value.labels.kind }}`."""

    @cached_property
    def labels(self):
        return {
            name: dict(child.field.choices).get(self.get(name), self.get(name))
            for name, child in self.block.child_blocks.items()
            if isinstance(child, blocks.ChoiceBlock)
        }


def api_value(block, value, context):
    """
    A child block's API value. Rich text becomes frontend HTML: Wagtail's default is database
    HTML, `<a linktype="page" id="3">`, which no frontend can use.
    """
    if isinstance(block, blocks.RichTextBlock):
        return rich_text_api_representation(value, context)
    return block.get_api_representation(value, context=context)


def normalize_doi(value):
    """Accept a DOI as editors paste it (a doi.org link or "doi:10...") and keep the bare DOI."""
    value = (value or "").strip()
    for prefix in DOI_PREFIXES:
        if value.lower().startswith(prefix):
            return value[len(prefix) :].strip()
    return value


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section (H2)")), ("h3", _("Sub-section (H3)"))],
        default="h2",
        help_text=_("H2 for a section, H3 for a part of one."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        description = _("A section heading; screen readers and search engines use it as an outline.")
        preview_value = {"text": "How massage therapy helps knee pain", "level": "h2"}
        template = "articles/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt = blocks.CharBlock(
        max_length=255,
        help_text=_("Describe what the image shows for readers who cannot see it."),
    )
    caption = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Image")
        description = _("An image with alt text and an optional caption.")
        template = "articles/blocks/image.html"

    def get_preview_value(self):
        """The newest image in the library; without one the template shows a placeholder frame."""
        image = get_image_model().objects.order_by("-created_at").first()
        return self.normalize(
            {"image": image, "alt": image.title if image else "", "caption": _("An optional caption.")}
        )

    def get_api_representation(self, value, context=None):
        """The image (with the block's alt text) and its renditions; null if it was deleted."""
        return {
            "image": image_api_representation(value.get("image"), value.get("alt", ""), context),
            "caption": value.get("caption", ""),
        }


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=150)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        description = _("A quotation, with who said it.")
        preview_value = {"text": "Massage helped me climb stairs again.", "attribution": "A client"}
        template = "articles/blocks/quote.html"


class SectionBlock(blocks.StructBlock):
    """A titled list: a heading, an optional lead-in sentence, then the items subclasses declare."""

    heading = blocks.CharBlock(max_length=120)
    intro = blocks.TextBlock(required=False, help_text=_("An optional sentence that leads into the list."))


class CauseBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=200)
    description = blocks.TextBlock(required=False)
    kind = blocks.ChoiceBlock(choices=CauseKind.choices, default=CauseKind.OTHER)

    class Meta:
        icon = "crosshairs"
        label = _("Cause")
        value_class = LabelledStructValue


class CausesBlock(SectionBlock):
    items = blocks.ListBlock(CauseBlock(), min_num=1, label=_("Causes"))

    class Meta:
        icon = "crosshairs"
        label = _("Causes")
        description = _("What commonly causes the condition, each with its kind.")
        preview_value = {
            "heading": "Common causes of knee pain",
            "items": [{"name": "Knee osteoarthritis", "kind": "degenerative"}],
        }
        template = "articles/blocks/causes.html"


class BenefitBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    explanation = blocks.TextBlock()
    mechanism = blocks.TextBlock(required=False, help_text=_("Why it works, when the article explains that."))
    evidence = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text=_(
            "The studies in this article's evidence blocks that support this claim, by key: the first "
            "author's surname and the year, e.g. perlman2006 (several separated by commas)."
        ),
    )

    class Meta:
        icon = "success"
        label = _("Benefit")


class BenefitsBlock(SectionBlock):
    items = blocks.ListBlock(BenefitBlock(), min_num=1, label=_("Benefits"))

    class Meta:
        icon = "success"
        label = _("How it helps")
        description = _("The benefits of the treatment, each explained.")
        preview_value = {
            "heading": "How massage therapy helps",
            "items": [
                {"title": "Improves blood circulation", "explanation": "Massage increases circulation."}
            ],
        }
        template = "articles/blocks/benefits.html"


class TechniqueItemBlock(blocks.StructBlock):
    technique = SnippetChooserBlock("articles.Technique", help_text=_("From the technique library."))
    application = blocks.TextBlock(
        required=False, help_text=_("How the technique is used for this condition.")
    )

    class Meta:
        icon = "cogs"
        label = _("Technique")

    def get_api_representation(self, value, context=None):
        """The library's technique, `{slug, name, summary}`, and this article's note on it."""
        technique = value.get("technique")
        return {
            "technique": (
                {"slug": technique.slug, "name": technique.name, "summary": technique.summary}
                if technique is not None
                else None
            ),
            "application": value.get("application", ""),
        }


class TechniquesBlock(SectionBlock):
    items = blocks.ListBlock(TechniqueItemBlock(), min_num=1, label=_("Techniques"))

    class Meta:
        icon = "cogs"
        label = _("Techniques")
        description = _(
            "Techniques from the library, with how each applies here. "
            "An article that recommends techniques needs a contraindications block to be published."
        )
        template = "articles/blocks/techniques.html"

    def get_api_representation(self, value, context=None):
        """Items whose technique was deleted from the library are left out."""
        representation = super().get_api_representation(value, context)
        representation["items"] = [item for item in representation["items"] if item["technique"]]
        return representation

    def get_preview_value(self):
        """Techniques from the library; an unsaved example when the library is still empty."""
        techniques = list(Technique.objects.all()[:3]) or [
            Technique(name="Swedish massage", summary="Promotes relaxation and circulation", pressure="light")
        ]
        return self.normalize(
            {
                "heading": "Types of massage used for knee pain relief",
                "items": [{"technique": technique, "application": ""} for technique in techniques],
            }
        )


class ContraindicationBlock(blocks.StructBlock):
    condition = blocks.CharBlock(max_length=200, help_text=_("When massage may not be appropriate."))
    severity = blocks.ChoiceBlock(choices=Severity.choices, default=Severity.CLEARANCE)
    guidance = blocks.TextBlock(required=False, help_text=_("What the reader should do instead."))

    class Meta:
        icon = "circle-xmark"
        label = _("Contraindication")
        value_class = LabelledStructValue


class ContraindicationsBlock(SectionBlock):
    items = blocks.ListBlock(ContraindicationBlock(), min_num=1, label=_("Contraindications"))

    class Meta:
        # Not "warning": that is the red-flag callout's, and editors tell blocks apart by icon.
        icon = "circle-xmark"
        label = _("Contraindications")
        description = _("When the treatment is not appropriate, and how serious each case is.")
        preview_value = {
            "heading": "When massage may not be appropriate",
            "items": [{"condition": "A suspected fracture", "severity": "avoid"}],
        }
        template = "articles/blocks/contraindications.html"


class EvidenceBlock(blocks.StructBlock):
    authors = blocks.CharBlock(max_length=500, help_text=_("As cited, e.g. Perlman AI, Sabina A."))
    title = blocks.CharBlock(max_length=300)
    journal = blocks.CharBlock(max_length=200)
    year = blocks.IntegerBlock(min_value=1800)
    volume = blocks.CharBlock(required=False, max_length=50, help_text=_("e.g. 166(22)"))
    pages = blocks.CharBlock(required=False, max_length=50, help_text=_("e.g. 2533-2538"))
    # Labels given: the automatic ones read "Doi" and "Url".
    doi = blocks.CharBlock(
        required=False, max_length=200, label=_("DOI"), help_text=_("e.g. 10.1001/archinte.166.22.2533")
    )
    url = blocks.URLBlock(required=False, label=_("URL"), help_text=_("Needed when the study has no DOI."))
    finding = blocks.TextBlock(help_text=_("What the study found, in plain language."))

    class Meta:
        icon = "doc-full"
        label = _("Evidence")
        description = _("A cited study: readers and search engines can check the claim.")
        preview_value = {
            "authors": "Perlman AI, Sabina A, Williams A-L, Njike VY, Katz DL",
            "title": "Massage therapy for osteoarthritis of the knee: a randomized controlled trial",
            "journal": "Arch Intern Med",
            "year": 2006,
            "volume": "166(22)",
            "pages": "2533-2538",
            "doi": "10.1001/archinte.166.22.2533",
            "finding": "Massage reduced pain and improved function.",
        }
        template = "articles/blocks/evidence.html"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        value["doi"] = normalize_doi(value.get("doi"))
        if value["doi"] and not DOI_PATTERN.match(value["doi"]):
            errors["doi"] = ValidationError(_("Enter a DOI such as 10.1001/archinte.166.22.2533."))
        if not value["doi"] and not value.get("url"):
            message = _("Give a DOI or a URL so readers can find the study.")
            errors["doi"] = ValidationError(message)
            errors["url"] = ValidationError(message)
        if value.get("year") and value["year"] > date.today().year:
            errors["year"] = ValidationError(_("The year cannot be in the future."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class WarningBlock(blocks.StructBlock):
    urgency = blocks.ChoiceBlock(choices=Urgency.choices, default=Urgency.URGENT)
    heading = blocks.CharBlock(max_length=120, required=False, help_text=_("e.g. When to see a doctor"))
    text = blocks.TextBlock(help_text=_("The red flags, and what to do about them."))

    class Meta:
        icon = "warning"
        label = _("See a doctor")
        description = _("A red-flag callout telling readers when to seek medical care.")
        preview_value = {
            "urgency": "urgent",
            "heading": "When to see a doctor",
            "text": "If knee pain is sudden, severe, or worsening, see a doctor first.",
        }
        template = "articles/blocks/warning.html"
        value_class = LabelledStructValue


class CarePlanStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    description = blocks.TextBlock(required=False)

    class Meta:
        icon = "tick"
        label = _("Step")


class CarePlanBlock(SectionBlock):
    items = blocks.ListBlock(CarePlanStepBlock(), min_num=1, label=_("Steps"))

    class Meta:
        icon = "clipboard-list"
        label = _("Care plan")
        description = _("What to combine the treatment with.")
        preview_value = {
            "heading": "Part of a management plan",
            "items": [{"title": "Strengthening and stretching exercises"}],
        }
        template = "articles/blocks/care_plan.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=255)
    answer = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question")

    def get_api_representation(self, value, context=None):
        return {name: api_value(block, value.get(name), context) for name, block in self.child_blocks.items()}


class FaqBlock(blocks.StructBlock):
    items = blocks.ListBlock(QuestionBlock(), min_num=1, label=_("Questions"))

    class Meta:
        icon = "help"
        label = _("FAQ")
        description = _("Questions readers ask, with answers.")
        preview_value = {
            "items": [{"question": "How often should I book?", "answer": "<p>Ask your therapist.</p>"}]
        }
        template = "articles/blocks/faq.html"


class CallToActionBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=80, help_text=_("The button text, e.g. Book a massage"))
    url = blocks.URLBlock(
        required=False, label=_("URL"), help_text=_("Leave empty to use the clinic's booking link.")
    )
    location = SnippetChooserBlock("articles.ClinicLocation", required=False)

    class Meta:
        icon = "link"
        label = _("Call to action")
        description = _("A button inviting readers to book, optionally at a clinic.")
        preview_value = {"label": "Book a massage", "url": "https://example.com/book"}
        template = "articles/blocks/call_to_action.html"

    def get_api_representation(self, value, context=None):
        """`url` is where the button goes: the block's own URL, else the clinic's booking link."""
        location = value.get("location")
        return {
            "label": value.get("label", ""),
            "url": value.get("url") or (location.booking_url if location else ""),
            "location": clinic_api_representation(location) if location else None,
        }

    def clean(self, value):
        value = super().clean(value)
        location = value.get("location")
        if not value.get("url") and not (location and location.booking_url):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(_("Give a URL, or choose a clinic with a booking link."))
                }
            )
        return value


CLINIC_API_FIELDS = (
    "name",
    "street_address",
    "city",
    "region",
    "postal_code",
    "country",
    "phone",
    "booking_url",
)


def clinic_api_representation(location):
    return {name: getattr(location, name) for name in CLINIC_API_FIELDS}


class ArticleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        label=_("Paragraph"),
        description=_("Running text with links and lists."),
        preview_value="<p>Knee pain can affect daily life.</p>",
        template="articles/blocks/paragraph.html",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    causes = CausesBlock()
    benefits = BenefitsBlock()
    techniques = TechniquesBlock()
    contraindications = ContraindicationsBlock()
    evidence = EvidenceBlock()
    warning = WarningBlock()
    care_plan = CarePlanBlock()
    faq = FaqBlock()
    call_to_action = CallToActionBlock()
    table = ArticleTableBlock()
    embed = VideoBlock()

    class Meta:
        block_counts = {"faq": {"max_num": 1}}

    def clean(self, value):
        """A claim may only cite the evidence blocks of its own article (governance/claims.py)."""
        value = super().clean(value)
        unknown, keys = claims.unknown_citations(value)
        if unknown:
            raise StreamBlockValidationError(
                block_errors={index: citation_error(found, keys) for index, found in unknown.items()}
            )
        return value

    def get_api_representation(self, value, context=None):
        """
        `[{"type", "value", "id"}]` in editor order, rich text as frontend HTML; claims with their
        `citations` and evidence blocks with their `key`.
        """
        return claims.annotate_api_body(
            [
                {
                    "type": child.block_type,
                    "value": api_value(child.block, child.value, context),
                    "id": child.id,
                }
                for child in value or []
            ]
        )


def citation_error(found, keys):
    """The message on a block whose claims name keys no evidence block of the article has."""
    named = "; ".join(f"“{title}” cites {', '.join(unknown)}" for title, unknown in found)
    known = ", ".join(keys) if keys else _("none: add an evidence block for the study")
    return ValidationError(
        _("No evidence block in this article has that key (%(named)s). Keys here: %(known)s.")
        % {"named": named, "known": known}
    )
