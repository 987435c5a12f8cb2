"""
A commenter's rights, exercised by a moderator on their behalf: the export of everything stored
about an email address (right of access) and its erasure (right to erasure).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework.response import Response

from moderation.privacy import rights

from .moderation_views import ModerationAPIView
from .privacy_serializers import EmailSerializer, ErasureSerializer, PersonalDataSerializer
from .schema import BODY_ERRORS, moderation_operation


class ModerationExportView(ModerationAPIView):
    """GET ?email=: every comment by the address with all its fields, their audit entries, the rest."""

    @moderation_operation(
        _("Export a commenter's data"),
        _("Every comment by the address with all its fields, their audit entries, the rest stored."),
        parameters=[OpenApiParameter("email", str, required=True, description="The commenter's address.")],
        responses={200: PersonalDataSerializer},
        errors=[400],
    )
    def get(self, request):
        query = EmailSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = rights.personal_data(query.validated_data["email"])
        return Response(PersonalDataSerializer(data).data)


class ModerationEraseView(ModerationAPIView):
    """POST {email}: delete every comment by the address and scrub it from the audit log."""

    @moderation_operation(
        _("Erase a commenter's data"),
        _("Deletes every comment by the address and scrubs it from the audit log."),
        request=EmailSerializer,
        responses={200: ErasureSerializer},
        errors=BODY_ERRORS,
    )
    def post(self, request):
        serializer = EmailSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        erasure = rights.commenter_erase(email=serializer.validated_data["email"], actor=request.user)
        return Response(ErasureSerializer(erasure).data)
