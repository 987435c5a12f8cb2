from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from moderation.permissions import can_moderate


class IsCommentModerator(BasePermission):
    """
    Holders of moderation.moderate_comment (the "Comment moderators" group).

    An anonymous request is refused with 401 by DRF, because the views' first authentication
    class (tokens) names a WWW-Authenticate challenge; a signed-in user without the permission
    gets 403 with this message.
    """

    message = _('Only comment moderators (the "Comment moderators" group) may do this.')

    def has_permission(self, request, view):
        return can_moderate(request.user)
