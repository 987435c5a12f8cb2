"""The API's own views beside its apps' routes: its index and its JSON 404."""

from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .caching.http import HttpCachingMixin
from .conf import public_base_url
from .content.schema import TAG
from .schema import error_responses

# The index's entries: name -> (route, the route's arguments as URI-template variables).
ENDPOINTS = {
    "articles": ("api:article-list", {}),
    "article": ("api:article-detail", {"slug": "{slug}"}),
    "article_comments": ("api:article-comments", {"slug": "{slug}"}),
    "techniques": ("api:technique-list", {}),
    "technique": ("api:technique-detail", {"slug": "{slug}"}),
    "conditions": ("api:condition-list", {}),
    "condition": ("api:condition-detail", {"slug": "{slug}"}),
    "tags": ("api:tag-list", {}),
    "redirects": ("api:redirect", {}),
    "preview": ("api:preview", {}),
    "comment_email_confirmation": ("api:comment-email-confirm", {}),
    "auth_token": ("api:auth-token", {}),
    "moderation_comments": ("api:moderation-comment-list", {}),
    "moderation_stats": ("api:moderation-stats", {}),
    "schema": ("api:schema", {}),
    "docs": ("api:docs", {}),
}
# A slug reversed as a placeholder, then written as the URI template's `{slug}`.
PLACEHOLDER = "slug-placeholder"


def endpoint_url(route, arguments):
    kwargs = {name: PLACEHOLDER for name in arguments}
    return public_base_url() + reverse(route, kwargs=kwargs).replace(PLACEHOLDER, "{slug}")


class ApiIndexView(HttpCachingMixin, APIView):
    """`GET /api/v1/`: where each endpoint is, for a developer finding their way (and the docs)."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        summary=_("The API's endpoints"),
        description=_(
            "Each endpoint's absolute URL; those of one article, technique or condition are URI "
            "templates with `{slug}`."
        ),
        tags=[TAG],
        responses={
            200: OpenApiResponse(
                inline_serializer("ApiIndex", {name: serializers.CharField() for name in ENDPOINTS}),
                description=_("The endpoints."),
            ),
            **error_responses([429]),
        },
    )
    def get(self, request):
        return Response({name: endpoint_url(*route) for name, route in ENDPOINTS.items()})


@csrf_exempt
def not_found(request, *args, **kwargs):
    """Unknown paths under /api/ answer like DRF's own 404s, in JSON, whatever the method."""
    return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
