"""
The JSON of articles and taxonomies.

Serializers of articles never query per article: the objects a set of articles refers to
(techniques in bodies, images and their renditions, pages linked from rich text) are fetched
once per response by `articles.frontend.representation.ArticleSet`, which the list serializer
(or the detail serializer, for the article and its related articles) builds and shares through
the serializer context.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.frontend.addresses import frontend_url
from articles.frontend.jsonld import article_json_ld
from articles.frontend.representation import BODY_BLOCK, ArticleSet, slug_names
from articles.governance.readability import stored_representation
from articles.snippets import Pressure

from .schema import BodyBlockSerializer, ImageSerializer, ReadabilitySerializer

ARTICLE_SET = "article_set"


class SlugNameSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True, help_text=_("Stable identifier, used in filters."))
    name = serializers.CharField(read_only=True, help_text=_("Name shown to readers."))


class TechniqueRefSerializer(SlugNameSerializer):
    pass


class ConditionRefSerializer(SlugNameSerializer):
    pass


class TagSerializer(SlugNameSerializer):
    pass


class CredentialSerializer(serializers.Serializer):
    abbreviation = serializers.CharField(read_only=True, help_text=_("As it follows a name, e.g. RMT."))
    name = serializers.CharField(read_only=True, help_text=_("In full; may be empty."))


class AuthorSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True, help_text=_("The author's id, used by the author filter."))
    name = serializers.CharField(read_only=True, help_text=_("Full name."))
    job_title = serializers.CharField(read_only=True, help_text=_("e.g. Massage therapist; may be empty."))
    credentials = serializers.SerializerMethodField(help_text=_("Professional credentials."))

    @extend_schema_field(CredentialSerializer(many=True))
    def get_credentials(self, author):
        credentials = self.context[ARTICLE_SET].credentials(author)
        return [{"abbreviation": c.abbreviation, "name": c.name} for c in credentials]


def prepare_article_set(context, articles, full=()):
    """
    Put in the serializer context an ArticleSet for `articles` (`full` ones shown whole), unless
    the one there already covers them: nested serializers reuse their parent's. With `preview`
    in the context, the articles shown whole are drafts.
    """
    article_set = context.get(ARTICLE_SET)
    if article_set is None or not article_set.covers(articles, full):
        drafts = full if context.get("preview") else ()
        context[ARTICLE_SET] = ArticleSet(articles, full=full, drafts=drafts, request=context.get("request"))


class ArticleSetListSerializer(serializers.ListSerializer):
    """Prepares what every article of the list refers to, in bulk, before serializing them."""

    def to_representation(self, data):
        articles = list(data.all() if hasattr(data, "all") else data)
        prepare_article_set(self.context, articles)
        return super().to_representation(articles)


class ArticleSummarySerializer(serializers.Serializer):
    """An article as listings show it."""

    id = serializers.IntegerField(read_only=True, help_text=_("The page id."))
    slug = serializers.CharField(
        read_only=True, help_text=_("Identifies the article in /api/v1/articles/<slug>/.")
    )
    title = serializers.CharField(read_only=True, help_text=_("The article's title."))
    summary = serializers.CharField(read_only=True, help_text=_("Two or three sentences for listings."))
    url = serializers.SerializerMethodField(help_text=_("The article's address on the frontend."))
    published_at = serializers.DateField(
        read_only=True,
        source="display_date",
        allow_null=True,
        help_text=_("The date readers see: the editor's date, else the day of first publication."),
    )
    updated_at = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text=_("When this version was published (saved, for a preview)."),
    )
    last_reviewed = serializers.DateField(
        read_only=True, allow_null=True, help_text=_("When the medical content was last checked.")
    )
    next_review_due = serializers.DateField(
        read_only=True, allow_null=True, help_text=_("When the medical content is to be checked again.")
    )
    author = AuthorSerializer(read_only=True, allow_null=True, help_text=_("Who wrote it."))
    tags = serializers.SerializerMethodField(help_text=_("Tags, by name."))
    conditions = serializers.SerializerMethodField(help_text=_("The conditions it is about."))
    techniques = serializers.SerializerMethodField(
        help_text=_("The library techniques its body recommends, in order.")
    )
    hero_image = serializers.SerializerMethodField(help_text=_("The main image, or null."))
    reading_time_minutes = serializers.SerializerMethodField(
        help_text=_("Estimated reading time, at least 1.")
    )
    reading_age = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text=_("The reading age (years) of the body's text; null without text. See `readability`."),
    )
    comment_count = serializers.IntegerField(read_only=True, help_text=_("Approved comments."))

    class Meta:
        list_serializer_class = ArticleSetListSerializer

    def to_representation(self, article):
        prepare_article_set(self.context, [article])
        return super().to_representation(article)

    @property
    def article_set(self):
        return self.context[ARTICLE_SET]

    def get_url(self, article) -> str | None:
        return frontend_url(article, self.context.get("request"))

    @extend_schema_field(TagSerializer(many=True))
    def get_tags(self, article):
        return self.article_set.tags(article)

    @extend_schema_field(ConditionRefSerializer(many=True))
    def get_conditions(self, article):
        return self.article_set.conditions(article)

    @extend_schema_field(TechniqueRefSerializer(many=True))
    def get_techniques(self, article):
        return slug_names(self.article_set.techniques(article))

    @extend_schema_field(ImageSerializer(allow_null=True))
    def get_hero_image(self, article):
        return self.article_set.images.represent(article.hero_image_id)

    def get_reading_time_minutes(self, article) -> int:
        return self.article_set.reading_time_minutes(article)


class SeoSerializer(serializers.Serializer):
    title = serializers.CharField(help_text=_("For the <title> element: the SEO title, else the title."))
    description = serializers.CharField(
        help_text=_("For the meta description: the search description, else the summary.")
    )
    canonical_url = serializers.URLField(
        allow_null=True, help_text=_("The article's canonical address on the frontend.")
    )
    og_image = ImageSerializer(
        allow_null=True, help_text=_("For sharing: the social image, else the hero image.")
    )


class ArticleSerializer(ArticleSummarySerializer):
    """A whole article: the listing's fields, the body, SEO data, JSON-LD and related articles."""

    reviewed_by = AuthorSerializer(
        read_only=True,
        allow_null=True,
        source="medical_reviewer",
        help_text=_("Who checked the medical content."),
    )
    comments_enabled = serializers.BooleanField(read_only=True, help_text=_("Whether readers may comment."))
    body = serializers.SerializerMethodField(
        help_text=_("The content: typed blocks in the editor's order, each {type, id, value}.")
    )
    seo = serializers.SerializerMethodField(help_text=_("Data for the page's <head>."))
    json_ld = serializers.SerializerMethodField(
        help_text=_(
            'schema.org MedicalWebPage as JSON-LD, for a <script type="application/ld+json"> element '
            "(escape '<' as \\u003c when writing it into the page)."
        )
    )

    readability = serializers.SerializerMethodField(
        help_text=_(
            "How easy the body is to read: the reading age (Flesch-Kincaid grade + 5, whole years), "
            "the grade, the words counted, the target range, and the same per block with text."
        )
    )

    related = ArticleSummarySerializer(
        many=True, read_only=True, help_text=_("A few published articles sharing its conditions or tags.")
    )

    def to_representation(self, article):
        prepare_article_set(self.context, [article, *article.related], full=[article])
        return super().to_representation(article)

    @extend_schema_field(BodyBlockSerializer)
    def get_body(self, article):
        return BODY_BLOCK.get_api_representation(
            self.article_set.body(article), context=self.article_set.block_context
        )

    @extend_schema_field(ReadabilitySerializer)
    def get_readability(self, article):
        return stored_representation(article)

    @extend_schema_field(SeoSerializer)
    def get_seo(self, article):
        return {
            "title": article.seo_title or article.title,
            "description": article.search_description or article.summary,
            "canonical_url": self.get_url(article),
            "og_image": self.og_image(article),
        }

    @extend_schema_field({"type": "object", "additionalProperties": True})
    def get_json_ld(self, article):
        image = self.og_image(article)
        return article_json_ld(
            article,
            body=self.article_set.body(article),
            url=self.get_url(article),
            tags=self.article_set.tags(article),
            conditions=self.article_set.condition_details(article),
            credentials=self.article_set.credentials,
            image_url=image["renditions"]["large"]["url"] if image else None,
        )

    def og_image(self, article):
        return self.article_set.images.represent(article.social_image_id or article.hero_image_id)


class RedirectQuerySerializer(serializers.Serializer):
    path = serializers.CharField(
        max_length=255, help_text=_("An old address's path, e.g. /blogs/news/massage-for-knee-pain.")
    )

    def validate_path(self, value):
        if not value.startswith("/"):
            raise serializers.ValidationError(_("A path starts with /."))
        return value


class RedirectSerializer(serializers.Serializer):
    old_path = serializers.CharField(read_only=True, help_text=_("The old address's path, normalised."))
    redirect_to = serializers.SerializerMethodField(
        help_text=_("Where it leads: the article's address on the frontend, or an external link.")
    )
    is_permanent = serializers.BooleanField(read_only=True, help_text=_("301 (true) or 302 (false)."))

    def get_redirect_to(self, redirect) -> str:
        if redirect.redirect_page_id:
            return frontend_url(redirect.redirect_page.specific_deferred, self.context.get("request"))
        return redirect.redirect_link


class TechniqueSerializer(serializers.Serializer):
    slug = serializers.SlugField(
        read_only=True, help_text=_("Identifies the technique; used by the technique filter.")
    )
    name = serializers.CharField(read_only=True, help_text=_("The technique's name."))
    summary = serializers.CharField(read_only=True, help_text=_("What the technique does for the client."))
    pressure = serializers.ChoiceField(
        choices=Pressure.choices, read_only=True, help_text=_("The pressure a client should expect.")
    )
    article_count = serializers.IntegerField(
        read_only=True, help_text=_("Published articles recommending it.")
    )


class TechniqueDetailSerializer(TechniqueSerializer):
    how_performed = serializers.CharField(
        read_only=True, help_text=_("How the therapist performs it; may be empty.")
    )


class ConditionSerializer(serializers.Serializer):
    slug = serializers.SlugField(
        read_only=True, help_text=_("Identifies the condition; used by the condition filter.")
    )
    name = serializers.CharField(read_only=True, help_text=_("The condition's name."))
    other_names = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        source="other_names_list",
        help_text=_("Other names readers use."),
    )
    body_area = serializers.CharField(read_only=True, help_text=_("Where in the body; may be empty."))
    article_count = serializers.IntegerField(read_only=True, help_text=_("Published articles about it."))


class TagCountSerializer(SlugNameSerializer):
    article_count = serializers.IntegerField(read_only=True, help_text=_("Published articles with this tag."))
