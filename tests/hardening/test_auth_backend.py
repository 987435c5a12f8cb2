"""cms.auth.ModelBackend: Django's permissions, their own and their groups', read in one query."""

import pytest
from django.contrib.auth import backends
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.auth import ModelBackend
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def fresh(user):
    """The user as a new request reads it: no permission cached on it yet."""
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def member():
    """A user with a permission of their own and two through groups, one of them shared."""
    user = UserFactory()
    user.user_permissions.add(permission("wagtailadmin", "access_admin"))
    moderators, editors = Group.objects.create(name="Mods"), Group.objects.create(name="Eds")
    moderators.permissions.add(permission("moderation", "moderate_comment"))
    editors.permissions.add(permission("moderation", "moderate_comment"), permission("taggit", "add_tag"))
    user.groups.add(moderators, editors)
    return user


def test_the_same_permissions_as_djangos_own_backend_in_one_query(member):
    with CaptureQueriesContext(connection) as queries:
        ours = ModelBackend().get_all_permissions(fresh(member))

    assert ours == backends.ModelBackend().get_all_permissions(fresh(member))
    assert ours == {"wagtailadmin.access_admin", "moderation.moderate_comment", "taggit.add_tag"}
    assert len(queries) == 2  # the user, then their permissions


def test_asked_again_for_the_same_user_it_answers_from_what_it_read(member):
    user, backend = fresh(member), ModelBackend()
    backend.get_all_permissions(user)

    with CaptureQueriesContext(connection) as queries:
        assert backend.has_perm(user, "moderation.moderate_comment")

    assert len(queries) == 0


def test_a_superuser_holds_every_permission_and_an_inactive_user_none(member):
    superuser = UserFactory(is_superuser=True)
    member.is_active = False
    member.save()

    assert len(ModelBackend().get_all_permissions(fresh(superuser))) == Permission.objects.count()
    assert ModelBackend().get_all_permissions(fresh(member)) == set()


def test_a_user_without_groups_or_permissions_holds_none():
    assert ModelBackend().get_all_permissions(fresh(UserFactory())) == set()
