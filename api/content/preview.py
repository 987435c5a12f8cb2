"""
The preview endpoint's access rule: a valid preview token, minted by the Wagtail admin's
Preview (articles/frontend/preview.py), in `?token=`. Without one the answer is 401.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from articles.frontend.preview import ExpiredPreviewToken, InvalidPreviewToken, read_preview_token


@dataclass(frozen=True)
class PreviewGrant:
    """What a preview token grants: reading the latest revision of one page."""

    page_id: int


class PreviewTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        token = request.query_params.get("token")
        if not token:
            return None
        try:
            page_id = read_preview_token(token)
        except ExpiredPreviewToken:
            raise exceptions.AuthenticationFailed(
                _("This preview link has expired: open Preview in the Wagtail admin again.")
            ) from None
        except InvalidPreviewToken:
            raise exceptions.AuthenticationFailed(_("This preview link is not valid.")) from None
        return AnonymousUser(), PreviewGrant(page_id)

    def authenticate_header(self, request):
        return 'PreviewToken realm="api"'


class HasPreviewGrant(permissions.BasePermission):
    def has_permission(self, request, view):
        if not isinstance(request.auth, PreviewGrant):
            raise exceptions.NotAuthenticated(
                _("A preview needs the token the Wagtail admin's Preview adds to the link.")
            )
        return True


class PreviewTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI document describes the preview token."""

    target_class = PreviewTokenAuthentication
    name = "previewToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "query",
            "name": "token",
            "description": str(
                _("The signed token the admin's Preview adds to the frontend link; it expires.")
            ),
        }
