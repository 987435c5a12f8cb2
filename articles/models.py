"""
Page models: the blog index and the structured health article.

Fields, panels and search configuration only; reads for the API live in selectors.py.
"""

import json
from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import ArticleBodyBlock
from .conf import articles_settings
from .frontend.preview import serve_frontend_preview
from .governance import attribution, claims, readability, signoff
from .governance.panels import GovernancePanel
from .governance.reminders import ReviewReminder
from .governance.signoff import MedicalReviewTask
from .indexes import NullsLastIndex
from .raw_body import technique_ids, word_count
from .snippets import Author, AuthorCredential, ClinicLocation, Condition, Technique

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "ArticlePageTag",
    "ArticleTechnique",
    "Author",
    "AuthorCredential",
    "ClinicLocation",
    "Condition",
    "MedicalReviewTask",
    "ReviewReminder",
    "Technique",
]


# Page fields ArticlePage.save() derives from others, by the fields they derive from.
DERIVED_FIELDS = {
    "body": (
        "body_technique_ids",
        "body_word_count",
        "reading_age",
        "reading_grade",
        "body_readability",
        "uncited_claim_count",
    ),
    "published_date": ("listing_date",),
    "first_published_at": ("listing_date",),
}


def publishing_errors(body):
    """
    Safety rules an article must meet before readers see it. Drafts may break them, so that
    editors can save work in progress; publishing may not.
    """
    block_types = {block.block_type for block in body}
    if "techniques" in block_types and "contraindications" not in block_types:
        return [
            _(
                "An article that recommends techniques must say when they are not appropriate: "
                "add a contraindications block before publishing."
            )
        ]
    return []


class ArticleIndexPage(Page):
    """The blog: lists its articles. Its intro is shown above the list."""

    intro = models.TextField(blank=True, help_text=_("A sentence or two shown above the articles."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["articles.ArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("article index")

    def permissions_for_user(self, user):
        """Under the medical sign-off, an article is created as a draft (never "Publish" at once)."""
        return signoff.SignOffIndexPermissions(user, self)


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePageForm(WagtailAdminPageForm):
    """
    Shows the publishing safety rules as validation errors on the body whenever the editor asks
    for the article to go live: publishing, submitting it for moderation, approving it. Saving a
    draft or previewing is exempt, as Wagtail exempts them from required fields (it defers
    validation for exactly those actions).
    """

    def clean(self):
        cleaned_data = super().clean()
        if not self.is_deferred_validation and "body" in cleaned_data:
            for message in publishing_errors(cleaned_data["body"]):
                self.add_error("body", message)
        if not self.is_deferred_validation:
            # The editor's Publish button; Submit and the workflow's actions publish nothing themselves.
            publishing = "action-publish" in self.data
            for field, message in attribution.form_errors(cleaned_data, publishing=publishing).items():
                self.add_error(field, message)
        next_review_due = cleaned_data.get("next_review_due")
        last_reviewed = cleaned_data.get("last_reviewed")
        if next_review_due and last_reviewed:
            self.check_review_interval(last_reviewed, next_review_due)
        return cleaned_data

    def check_review_interval(self, last_reviewed, next_review_due):
        longest = timedelta(days=articles_settings.ARTICLES_REVIEW_MAX_INTERVAL_DAYS)
        if next_review_due <= last_reviewed:
            self.add_error("next_review_due", _("The next review must fall after the last one."))
        elif next_review_due > last_reviewed + longest:
            self.add_error(
                "next_review_due",
                _("The next review must fall within %(days)s days of the last one.") % {"days": longest.days},
            )


class ArticlePage(Page):
    """A health article whose body is made of typed, structured blocks."""

    summary = models.TextField(
        max_length=500, help_text=_("Two or three sentences shown in listings and search results.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.ForeignKey(
        Author, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    medical_reviewer = models.ForeignKey(
        Author,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_articles",
        help_text=_("The qualified person who checked the article's medical content."),
    )
    published_date = models.DateField(
        null=True,
        blank=True,
        help_text=_("Shown to readers. Leave empty to use the date of first publication."),
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text=_("When the medical content was last checked.")
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text=_("When it must be checked again. Defaults to a year after the last review."),
    )
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True)
    conditions = ParentalManyToManyField(Condition, blank=True, related_name="articles")
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the article is shared; the hero image is used if empty."),
    )
    comments_enabled = models.BooleanField(
        default=True, help_text=_("Let readers comment. Comments wait for approval.")
    )
    body = StreamField(ArticleBodyBlock())
    # What listings show of the body, derived from it on every save (store_body_facts) so that a
    # listing never reads a body: the techniques it recommends and its words (the reading time).
    body_technique_ids = models.JSONField(default=list, editable=False)
    body_word_count = models.PositiveIntegerField(default=0, editable=False)
    # The body's reading age and Flesch-Kincaid grade (governance/readability.py); null without prose.
    reading_age = models.PositiveSmallIntegerField(null=True, editable=False)
    reading_grade = models.FloatField(null=True, editable=False)
    body_readability = models.JSONField(default=dict, editable=False)
    # Benefits citing no evidence block of the body (governance/claims.py): the report lists them.
    uncited_claim_count = models.PositiveSmallIntegerField(default=0, editable=False)
    # display_date as stored on every save, so that listings filter and order on a column rather
    # than compute the date of every article in each query.
    listing_date = models.DateField(null=True, editable=False)
    # The Shopify article this page was imported from, and a hash of the content the import wrote
    # (articles/shopify/importer.py): a later import compares it with the latest revision to tell
    # an editor's change, which it leaves alone, from content it may update.
    shopify_id = models.BigIntegerField(null=True, blank=True, unique=True, editable=False)
    shopify_import_hash = models.CharField(max_length=64, blank=True, editable=False)
    # A hash of the Shopify post as the last import read it: a re-run skips a post whose source
    # is the same without reading its page's revisions (the page row only, never in a revision).
    shopify_source_hash = models.CharField(max_length=64, blank=True, editable=False)

    base_form_class = ArticlePageForm
    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []
    # A copy is a new article, not a second page of the same Shopify article.
    exclude_fields_in_copy = ["shopify_id", "shopify_import_hash", "shopify_source_hash"]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        GovernancePanel(),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("social_image")]
    settings_panels = Page.settings_panels + [FieldPanel("comments_enabled")]
    about_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("author"), FieldPanel("medical_reviewer")]),
                FieldPanel("published_date"),
            ],
            heading=_("People and dates"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("next_review_due")])],
            heading=_("Medical review"),
            help_text=_("Health content is re-checked on a schedule."),
        ),
        FieldPanel("conditions", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(about_panels, heading=_("About")),
            ObjectList(promote_panels, heading=_("Promote")),
            ObjectList(settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("published_date"),
    ]

    class Meta:
        verbose_name = _("article")
        indexes = [
            # Listings' default order (newest first, undated last, then the newest page): a page
            # of them is read from the index instead of sorting every article.
            NullsLastIndex(
                models.F("listing_date").desc(nulls_last=True),
                models.F("page_ptr").desc(),
                name="article_listing_order_idx",
            )
        ]

    def clean(self):
        super().clean()
        if self.last_reviewed and not self.next_review_due:
            interval = timedelta(days=articles_settings.ARTICLES_REVIEW_INTERVAL_DAYS)
            self.next_review_due = self.last_reviewed + interval
        # A revision is serialized after this clean: it keeps the facts of its own body.
        self.store_body_facts()

    def save(self, *args, **kwargs):
        """
        Derive the body's facts and the listing date whenever what they derive from is written.
        Publishing saves the page row with the revision's content and its first publication, so
        the published row's derived fields are always those of its content. The techniques the
        body recommends are written to ArticleTechnique in the same transaction as the row (and
        as the content version the row's save moves), so no reader sees one without the other.
        """
        update_fields = kwargs.get("update_fields")
        sources = set(DERIVED_FIELDS if update_fields is None else DERIVED_FIELDS.keys() & set(update_fields))
        if "body" in sources:
            self.store_body_facts()
        if sources - {"body"}:
            self.listing_date = self.display_date
        if update_fields is not None:
            derived = (field for source in sources for field in DERIVED_FIELDS[source])
            kwargs["update_fields"] = {*update_fields, *derived}
        with transaction.atomic(using=kwargs.get("using")):
            saved = super().save(*args, **kwargs)
            if "body" in sources:
                ArticleTechnique.store(self)
        return saved

    def store_body_facts(self):
        """Set the body's facts from the body as it will be stored (its raw JSON)."""
        raw_stream = json.loads(self._meta.get_field("body").value_to_string(self))
        self.body_technique_ids = technique_ids(raw_stream)
        self.body_word_count = word_count(raw_stream)
        self.body_readability = readability.body_facts(raw_stream)
        self.reading_age = self.body_readability["reading_age"]
        self.reading_grade = self.body_readability["grade"]
        self.uncited_claim_count = len(claims.uncited_claims(raw_stream))

    def publish(self, revision, *args, **kwargs):
        """Refuse to publish a revision that breaks a safety rule, whatever path publishes it."""
        content = revision.as_object()
        errors = {field: [message] for field, message in attribution.publishing_errors(content).items()}
        if body_errors := publishing_errors(content.body):
            errors["body"] = body_errors
        if errors:
            raise ValidationError(errors)
        return super().publish(revision, *args, **kwargs)

    def get_workflow(self):
        """Wagtail's workflow for the page, less the medical sign-off when a site turned it off."""
        workflow = super().get_workflow()
        if workflow is not None and not signoff.sign_off_enabled() and signoff.is_sign_off_workflow(workflow):
            return None
        return workflow

    @property
    def has_workflow(self):
        return self.get_workflow() is not None

    def permissions_for_user(self, user):
        """Under the medical sign-off, only its approval publishes the article (governance/signoff.py)."""
        return signoff.SignOffArticlePermissions(user, self)

    def serve_preview(self, request, mode_name):
        """
        The editor's Preview (side panel, new tab) opens the shop frontend with a signed token
        (frontend/preview.py). The admin's other draft views (View draft, workflow review,
        revisions), which Wagtail does not run as editing, render this server's templates.
        """
        if getattr(request, "is_editing", False):
            return serve_frontend_preview(self)
        return super().serve_preview(request, mode_name)

    @property
    def techniques(self):
        """The library techniques the body recommends, in order, without repeats."""
        seen = {}
        for block in self.body:
            if block.block_type == "techniques":
                for item in block.value["items"]:
                    technique = item["technique"]
                    if technique is not None:
                        seen.setdefault(technique.pk, technique)
        return list(seen.values())

    @property
    def uncited_claims(self):
        """Titles of the benefits that cite no evidence block of the body."""
        return claims.uncited_claims(list(self.body.raw_data))

    @property
    def display_date(self):
        """The date readers see: the editor's published date, else the first publication."""
        if self.published_date:
            return self.published_date
        if self.first_published_at:
            return timezone.localdate(self.first_published_at)
        return None


class ArticleTechnique(models.Model):
    """
    A technique an article's body (as its page row holds it) recommends: the ?technique= filter
    and the technique library's counts read these rows. ArticlePage.save() writes them in the
    transaction that saves the row, unlike Wagtail's reference index, which a background task
    keeps and which may lag a publication by the worker's delay.
    """

    article = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="technique_uses")
    technique = models.ForeignKey(Technique, on_delete=models.CASCADE, related_name="article_uses")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "technique"], name="unique_article_technique")
        ]

    def __str__(self):
        return f"{self.article_id} recommends {self.technique_id}"

    @classmethod
    def store(cls, page):
        """Make the rows of `page` those of its body_technique_ids (of techniques that exist)."""
        wanted = set(Technique.objects.filter(pk__in=page.body_technique_ids).values_list("pk", flat=True))
        stored = cls.objects.filter(article=page)
        stored.exclude(technique__in=wanted).delete()
        cls.objects.bulk_create(
            [cls(article=page, technique_id=pk) for pk in sorted(wanted)], ignore_conflicts=True
        )
