"""The project's authentication backend."""

from django.contrib.auth import backends, get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q


class ModelBackend(backends.ModelBackend):
    """
    Django's ModelBackend, reading a user's permissions, their own and their groups', in one
    query rather than two: the moderators' API asks for them on every request, and the ORM takes
    longer to build each of Django's two queries than PostgreSQL takes to answer it.
    """

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        # Under the project's own attribute: Django's `_perm_cache` is its backend's internal.
        if not hasattr(user_obj, "cms_permissions"):
            rows = held_permissions(user_obj).values_list("content_type__app_label", "codename")
            user_obj.cms_permissions = {f"{app_label}.{codename}" for app_label, codename in rows.order_by()}
        return user_obj.cms_permissions


def held_permissions(user):
    """Every permission for a superuser; else those given to the user or to one of their groups."""
    if user.is_superuser:
        return Permission.objects.all()
    fields = get_user_model()._meta
    own = fields.get_field("user_permissions").related_query_name()
    through_groups = f"group__{fields.get_field('groups').related_query_name()}"
    return Permission.objects.filter(Q(**{own: user}) | Q(**{through_groups: user}))
