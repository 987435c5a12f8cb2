"""
The content API: published articles, the taxonomies, and draft previews.

Views stay thin: a selector gives the objects, a FilterSet the filters, a serializer the JSON;
HttpCachingMixin adds ETag, Last-Modified, 304 and Cache-Control to every response;
CachedResponseMixin keeps public responses in the cache until the content version moves.
"""

from datetime import datetime, time

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, generics, mixins, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from articles import selectors as published
from articles.models import ArticlePage

from ..caching.http import HttpCachingMixin
from ..caching.responses import CachedResponseMixin
from ..pagination import LightRowsPagination, StandardPagination
from . import selectors
from .filters import ArticleFilterSet, LazyDjangoFilterBackend
from .preview import HasPreviewGrant, PreviewTokenAuthentication
from .schema import TAG, VALIDATION_ERRORS, ErrorSerializer, public_detail, public_list
from .serializers import (
    ArticleSerializer,
    ArticleSummarySerializer,
    ConditionSerializer,
    RedirectQuerySerializer,
    RedirectSerializer,
    TagCountSerializer,
    TechniqueDetailSerializer,
    TechniqueSerializer,
)

# What a Wagtail slug may hold (letters of any script, digits, "-", "_"). Anything else in a
# slug's place matches no route and is the API's JSON 404 before it can reach the database.
SLUG_PATTERN = r"[-\w]+"


class PublicContentMixin(CachedResponseMixin):
    permission_classes = [AllowAny]
    pagination_class = StandardPagination
    filter_backends = []

    def entry_by_slug(self, missing):
        """The library entry (technique, condition) of the URL's slug; 404 saying `missing`."""
        entry = self.get_queryset().filter(slug=self.kwargs["slug"]).first()
        if entry is None:
            raise exceptions.NotFound(missing)
        return entry


@extend_schema_view(
    list=public_list(
        _("Published articles"),
        _("Newest first by default. Filters combine; `search` uses the site's full-text search."),
        ArticleSummarySerializer,
    ),
    retrieve=public_detail(
        _("One published article"),
        _("Everything in the listing, plus the body, SEO data, JSON-LD and related articles."),
        ArticleSerializer,
        "article",
    ),
)
class ArticleViewSet(PublicContentMixin, viewsets.ReadOnlyModelViewSet):
    # Tells the OpenAPI generator the model without a query: `manage.py check` builds the schema
    # before any migration has run. Requests use get_queryset().
    queryset = ArticlePage.objects.none()
    # Every published article matches an unfiltered listing: its page is chosen on ids alone.
    pagination_class = LightRowsPagination
    filter_backends = [LazyDjangoFilterBackend]
    filterset_class = ArticleFilterSet
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN

    def get_queryset(self):
        return selectors.articles()

    def get_serializer_class(self):
        return ArticleSerializer if self.action == "retrieve" else ArticleSummarySerializer

    def depends_on_the_day(self):
        """`?review=due` answers on the day as well as on the content (due within 30 days)."""
        return "review" in self.request.GET

    def response_cache_key(self, request):
        """A stored copy of `?review=due` lasts a day."""
        key = super().response_cache_key(request)
        return f"{key}:{timezone.localdate().isoformat()}" if self.depends_on_the_day() else key

    def last_modified(self):
        """`?review=due` changed at the latest at today's start (local midnight)."""
        changed_at = super().last_modified()
        if changed_at is None or not self.depends_on_the_day():
            return changed_at
        midnight = datetime.combine(timezone.localdate(), time.min, tzinfo=timezone.get_current_timezone())
        return max(changed_at, int(midnight.timestamp()))

    def validator_variant(self):
        """`?review=due`'s ETag is the day's: yesterday's copy is never confirmed today."""
        return timezone.localdate().isoformat() if self.depends_on_the_day() else ""

    def get_object(self):
        article = selectors.article_detail(self.kwargs["slug"])
        if article is None:
            raise exceptions.NotFound(_("No published article has this slug."))
        return article


@extend_schema_view(
    list=public_list(
        _("The technique library"),
        _("Every technique, by name, with the number of published articles recommending it."),
        TechniqueSerializer,
    ),
    retrieve=public_detail(
        _("One technique"),
        _("A technique with how it is performed and its number of published articles."),
        TechniqueDetailSerializer,
        "technique",
    ),
)
class TechniqueViewSet(PublicContentMixin, viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN

    def get_queryset(self):
        return published.techniques_with_article_counts()

    def get_serializer_class(self):
        return TechniqueDetailSerializer if self.action == "retrieve" else TechniqueSerializer

    def get_object(self):
        return self.entry_by_slug(_("No technique has this slug."))


@extend_schema_view(
    list=public_list(
        _("Conditions"),
        _("Every condition, by name, with the number of published articles about it."),
        ConditionSerializer,
    ),
    retrieve=public_detail(
        _("One condition"),
        _("A condition, its other names and body area, and its number of published articles."),
        ConditionSerializer,
        "condition",
    ),
)
class ConditionViewSet(PublicContentMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ConditionSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN

    def get_queryset(self):
        return published.conditions_with_article_counts()

    def get_object(self):
        return self.entry_by_slug(_("No condition has this slug."))


@extend_schema_view(
    list=public_list(
        _("Tags"),
        _("The tags of published articles, by name, each with its number of published articles."),
        TagCountSerializer,
    )
)
class TagViewSet(PublicContentMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = TagCountSerializer

    def get_queryset(self):
        return published.tags_with_article_counts()


class RedirectView(HttpCachingMixin, generics.GenericAPIView):
    """Where an old address of the shop's blog leads: the frontend asks for paths it does not know."""

    authentication_classes = []
    permission_classes = [AllowAny]
    serializer_class = RedirectSerializer
    filter_backends = []
    pagination_class = None

    @extend_schema(
        summary=_("Look up an old address"),
        description=_(
            "The redirect from an old path (the Shopify blog's `/blogs/<blog>/<handle>`), as "
            "editors manage them in the Wagtail admin's Redirects."
        ),
        tags=[TAG],
        parameters=[RedirectQuerySerializer],
        responses={
            200: OpenApiResponse(RedirectSerializer, description=_("The redirect.")),
            400: OpenApiResponse(VALIDATION_ERRORS, description=_("No `path`, or not a path.")),
            404: OpenApiResponse(ErrorSerializer, description=_("No redirect from this path.")),
        },
    )
    def get(self, request):
        query = RedirectQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        redirect = selectors.redirect_from(query.validated_data["path"])
        if redirect is None:
            raise exceptions.NotFound(_("No redirect from this path."))
        return Response(self.get_serializer(redirect).data)


class PreviewView(HttpCachingMixin, generics.GenericAPIView):
    """
    The latest revision of a page, published or not, in the article detail's shape. The token
    comes from the Wagtail admin's Preview, which opens the frontend's preview route with it.
    """

    authentication_classes = [PreviewTokenAuthentication]
    permission_classes = [HasPreviewGrant]
    serializer_class = ArticleSerializer
    filter_backends = []
    pagination_class = None

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "preview": True}

    @extend_schema(
        summary=_("Preview a draft"),
        description=_("The latest revision of the page the token names, in the article detail's shape."),
        tags=[TAG],
        responses={
            200: OpenApiResponse(ArticleSerializer, description=_("The draft.")),
            401: OpenApiResponse(ErrorSerializer, description=_("No token, or an invalid or expired one.")),
            404: OpenApiResponse(ErrorSerializer, description=_("The page no longer exists.")),
        },
    )
    def get(self, request):
        article = selectors.preview_article(request.auth.page_id)
        if article is None:
            raise exceptions.NotFound(_("This page no longer exists."))
        return Response(self.get_serializer(article).data)
