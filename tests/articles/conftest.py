import pytest
from django.contrib.auth.models import Group

from tests.factories import UserFactory


def user_in_group(group_name, username):
    """A user who is nothing but a member of one of Wagtail's groups: no superuser shortcuts."""
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    """Wagtail's Editors group: may add and edit pages (not publish) and manage the article library."""
    return user_in_group("Editors", "editor")


@pytest.fixture
def moderator(db):
    """Wagtail's Moderators group: an editor who may also publish."""
    return user_in_group("Moderators", "moderator")


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def medical_reviewer(db):
    """The "Medical reviewers" group (migration articles/0011): admin access and the medical sign-off."""
    return user_in_group("Medical reviewers", "reviewer")


@pytest.fixture
def direct_publishing(settings):
    """A site without the medical sign-off: whoever may publish presses Publish on an article."""
    settings.ARTICLES_MEDICAL_SIGN_OFF = False
