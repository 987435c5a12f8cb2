"""
Reusable content that articles point at: the technique library, conditions, authors and clinics.

Each is a Wagtail snippet so editors keep one copy of a technique or a clinic's address and every
article that uses it stays in step. Admin viewsets live in wagtail_hooks.py.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

phone_validator = RegexValidator(
    r"^\+?[0-9 ().-]{7,20}$",
    _("Enter a phone number such as +1 780-555-0123."),
)


def split_names(text):
    """Names an editor typed comma-separated, as a list."""
    return [name.strip() for name in text.split(",") if name.strip()]


class Pressure(models.TextChoices):
    LIGHT = "light", _("Light")
    MODERATE = "moderate", _("Moderate")
    DEEP = "deep", _("Deep")


class Technique(index.Indexed, models.Model):
    """A massage technique in the clinic's library, chosen by articles' techniques blocks."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, help_text=_("Used in API filters."))
    summary = models.CharField(
        max_length=255, help_text=_("One sentence on what the technique does for the client.")
    )
    how_performed = models.TextField(
        blank=True, help_text=_("How the therapist performs it, in plain language.")
    )
    pressure = models.CharField(
        max_length=10,
        choices=Pressure.choices,
        default=Pressure.MODERATE,
        help_text=_("The pressure a client should expect."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("how_performed"),
        FieldPanel("pressure"),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("summary"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("technique")

    def __str__(self):
        return self.name


class Condition(index.Indexed, models.Model):
    """A health condition articles are about, e.g. knee osteoarthritis."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, help_text=_("Used in API filters."))
    other_names = models.CharField(
        max_length=255,
        blank=True,
        help_text=_("Other names readers search for, separated by commas (e.g. runner's knee)."),
    )
    body_area = models.CharField(
        max_length=50, blank=True, help_text=_("Where in the body, e.g. knee, lower back.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("other_names"), FieldPanel("body_area")]
    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("other_names"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("condition")

    def __str__(self):
        return self.name

    @property
    def other_names_list(self):
        return split_names(self.other_names)


class Author(index.Indexed, ClusterableModel):
    """A writer or medical reviewer. Credentials are listed so readers can judge expertise."""

    name = models.CharField(max_length=100)
    job_title = models.CharField(max_length=100, blank=True, help_text=_("e.g. Massage therapist"))
    bio = RichTextField(features=["bold", "italic", "link"], blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    profile_url = models.URLField(
        _("profile URL"), blank=True, help_text=_("A page about this person, if any.")
    )
    email = models.EmailField(
        blank=True,
        help_text=_("Never shown to readers. A medical reviewer with one is emailed when reviews fall due."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        verbose_name=_("admin account"),
        help_text=_(
            "This person's admin account: the medical sign-offs they give are shown under this name."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("job_title"),
        FieldPanel("email"),
        FieldPanel("user"),
        InlinePanel("credentials", label=_("Credentials"), heading=_("Credentials")),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("profile_url"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")

    def __str__(self):
        return self.name

    @property
    def credentials_display(self):
        """The abbreviations, as they follow a name: "RMT, BSc"."""
        return ", ".join(credential.abbreviation for credential in self.credentials.all())


class AuthorCredential(Orderable):
    """A credential such as RMT, with the body that issued it."""

    author = ParentalKey(Author, on_delete=models.CASCADE, related_name="credentials")
    abbreviation = models.CharField(max_length=20, help_text=_("e.g. RMT"))
    name = models.CharField(max_length=100, blank=True, help_text=_("e.g. Registered Massage Therapist"))
    issued_by = models.CharField(
        max_length=150, blank=True, help_text=_("e.g. College of Massage Therapists of Alberta")
    )

    panels = [FieldRowPanel([FieldPanel("abbreviation"), FieldPanel("name")]), FieldPanel("issued_by")]

    def __str__(self):
        return self.abbreviation


class ClinicLocation(index.Indexed, models.Model):
    """A clinic where readers can book; calls to action may point at one."""

    name = models.CharField(max_length=100)
    street_address = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100)
    region = models.CharField(max_length=100, help_text=_("Province or state, e.g. Alberta"))
    postal_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=2, default="CA", help_text=_("Two-letter country code."))
    phone = models.CharField(max_length=25, blank=True, validators=[phone_validator])
    booking_url = models.URLField(
        _("booking URL"), blank=True, help_text=_("Where readers book an appointment.")
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("region")]),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("country")]),
            ],
            heading=_("Address"),
        ),
        FieldPanel("phone"),
        FieldPanel("booking_url"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("city"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("clinic location")

    def __str__(self):
        return f"{self.name}, {self.city}"
