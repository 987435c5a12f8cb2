"""Who may moderate: the permission and the group that holds it."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

MODERATE_COMMENT_CODENAME = "moderate_comment"
# Kept apart from Wagtail's own "Moderators" group, which is about pages.
MODERATORS_GROUP_NAME = "Comment moderators"


def can_moderate(user):
    """
    Django's ModelBackend rule for `moderation.moderate_comment` (an active user who is a
    superuser, or holds the permission directly or through a group), asked in one query: every
    moderation request asks it, and `user.has_perm()` loads all of the user's permissions in two.
    """
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    held = Q(user=user) | Q(group__user=user)
    return moderate_comment_permission().filter(held).exists()


def moderate_comment_permission():
    """The permission as a queryset (of one), to filter by who holds it."""
    return Permission.objects.filter(content_type__app_label="moderation", codename=MODERATE_COMMENT_CODENAME)


def moderators_group():
    """
    The "Comment moderators" group with its permissions, recreated if someone deleted it.

    Members may also sign in to the Wagtail admin, where the comment queue lives, and manage
    the spam blocklist there.
    """
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP_NAME)
    comment_type = ContentType.objects.get_by_natural_key("moderation", "comment")
    blocklist = Permission.objects.filter(
        content_type__app_label="moderation", codename__endswith="_blocklistentry"
    )
    group.permissions.add(
        Permission.objects.get(content_type=comment_type, codename=MODERATE_COMMENT_CODENAME),
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *blocklist,
    )
    return group
