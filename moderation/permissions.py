"""Who may moderate: the permission and the group that holds it."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

MODERATE_COMMENT_CODENAME = "moderate_comment"
MODERATE_COMMENT = f"moderation.{MODERATE_COMMENT_CODENAME}"
# Kept apart from Wagtail's own "Moderators" group, which is about pages.
MODERATORS_GROUP_NAME = "Comment moderators"


def can_moderate(user):
    """
    Whether `user` may moderate comments. Asked through `has_perm()`, so that every
    authentication backend of the host site has its say, not only Django's ModelBackend.
    """
    return bool(user and user.is_authenticated and user.has_perm(MODERATE_COMMENT))


def moderate_comment_permission():
    """The permission as a queryset (of one), to filter by who holds it."""
    return Permission.objects.filter(content_type__app_label="moderation", codename=MODERATE_COMMENT_CODENAME)


def moderators_group():
    """
    The "Comment moderators" group with its permissions, recreated if someone deleted it.

    Members may also sign in to the Wagtail admin, where the comment queue lives, and manage
    the spam blocklist and the canned replies there.
    """
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP_NAME)
    comment_type = ContentType.objects.get_by_natural_key("moderation", "comment")
    managed = Permission.objects.filter(
        Q(codename__endswith="_blocklistentry") | Q(codename__endswith="_cannedreply"),
        content_type__app_label="moderation",
    )
    group.permissions.add(
        Permission.objects.get(content_type=comment_type, codename=MODERATE_COMMENT_CODENAME),
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *managed,
    )
    return group


class ModeratorPermissionPolicy(BasePermissionPolicy):
    """
    What Wagtail's generic views may do with comments: moderators see ("view") and moderate
    ("change") them, through moderation/services.py; nobody adds or deletes one in the admin
    (readers write comments, moderation/privacy/rights.py erases them). Registered for Comment, so
    that the admin asks `can_moderate` as the API does rather than Django's add/change/delete
    permissions, which no group is given.
    """

    MODERATOR_ACTIONS = frozenset({"view", "change"})

    def user_has_permission(self, user, action):
        return action in self.MODERATOR_ACTIONS and can_moderate(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if not self.MODERATOR_ACTIONS.intersection(actions):
            return users.none()
        permission = moderate_comment_permission()
        return users.filter(
            Q(is_superuser=True) | Q(groups__permissions__in=permission) | Q(user_permissions__in=permission)
        ).distinct()
