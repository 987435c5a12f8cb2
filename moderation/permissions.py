"""Who may moderate: the permission and the group that holds it."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

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
