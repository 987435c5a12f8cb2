"""Getting an API token, and the create_moderator command."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from moderation.permissions import MODERATORS_GROUP_NAME, can_moderate
from tests.factories import UserFactory

from .factories import ModeratorFactory
from .helpers import queue_url, token_url

pytestmark = pytest.mark.django_db

User = get_user_model()


def test_a_username_and_password_get_a_token_that_opens_the_queue(reader):
    ModeratorFactory(username="mia")

    response = reader.post(
        token_url(), {"username": "mia", "password": "correct horse battery staple"}, format="json"
    )

    assert response.status_code == 200
    assert set(response.json()) == {"token"}
    assert response["Cache-Control"] == "private, no-store"
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert client.get(queue_url()).status_code == 200


def test_asking_twice_returns_the_same_token(reader):
    ModeratorFactory(username="mia")
    credentials = {"username": "mia", "password": "correct horse battery staple"}

    first = reader.post(token_url(), credentials, format="json").json()
    second = reader.post(token_url(), credentials, format="json").json()

    assert first == second


@pytest.mark.parametrize(
    "payload",
    [
        {"username": "mia", "password": "wrong"},
        {"username": "nobody", "password": "x"},
        {"username": "mia"},
        {},
    ],
)
def test_bad_credentials_are_a_400_without_a_token(reader, payload):
    ModeratorFactory(username="mia")

    response = reader.post(token_url(), payload, format="json")

    assert response.status_code == 400
    assert "token" not in response.json()


def run(*args):
    out = StringIO()
    call_command("create_moderator", *args, stdout=out)
    return out.getvalue().splitlines()


def test_create_moderator_creates_the_user_in_the_group_and_prints_the_token_last():
    lines = run("mia", "--email", "mia@shop.example")

    user = User.objects.get(username="mia")
    assert user.email == "mia@shop.example"
    assert user.groups.filter(name=MODERATORS_GROUP_NAME).exists()
    assert can_moderate(user)
    assert not user.has_usable_password()
    assert lines[-1] == Token.objects.get(user=user).key
    assert lines[-1].strip() == lines[-1] and " " not in lines[-1]


def test_the_printed_token_works_on_the_api():
    token = run("mia")[-1]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    assert client.get(queue_url()).status_code == 200


def test_rerunning_updates_the_user_and_keeps_the_token():
    first = run("mia", "--email", "old@shop.example")[-1]

    lines = run("mia", "--email", "new@shop.example")

    assert lines[-1] == first
    assert "Updated" in lines[0]
    assert User.objects.get(username="mia").email == "new@shop.example"
    assert User.objects.filter(username="mia").count() == 1


def test_an_existing_editor_becomes_a_moderator_and_keeps_their_password():
    editor = UserFactory(username="ed")

    run("ed")

    editor.refresh_from_db()
    assert can_moderate(editor)
    assert editor.check_password("correct horse battery staple")


def test_rotate_token_replaces_the_token():
    first = run("mia")[-1]

    second = run("mia", "--rotate-token")[-1]

    assert second != first
    assert list(Token.objects.values_list("key", flat=True)) == [second]


def test_a_deleted_group_is_recreated_with_its_permission():
    Group.objects.filter(name=MODERATORS_GROUP_NAME).delete()

    run("mia")

    assert can_moderate(User.objects.get(username="mia"))


def test_an_invalid_email_is_refused():
    with pytest.raises(CommandError, match="not a valid email"):
        run("mia", "--email", "nope")
    assert not User.objects.filter(username="mia").exists()
