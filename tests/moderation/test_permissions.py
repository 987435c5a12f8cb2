"""Every moderation endpoint: anonymous 401, editor 403, moderator allowed; never cached."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from moderation.permissions import moderate_comment_permission

from .conftest import token_client
from .factories import ApprovedCommentFactory, CommentFactory, EditorFactory, ModeratorFactory
from .helpers import action_url, bulk_url, detail_url, history_url, queue_url, reply_url, stats_url

pytestmark = pytest.mark.django_db

# (method, url builder, payload, status a comment needs, expected success code)
ENDPOINTS = [
    ("get", lambda c: queue_url(), None, "pending", 200),
    ("get", lambda c: detail_url(c.pk), None, "pending", 200),
    ("patch", lambda c: detail_url(c.pk), {"body": "Edited by a moderator"}, "pending", 200),
    ("get", lambda c: history_url(c.pk), None, "pending", 200),
    ("post", lambda c: reply_url(c.pk), {"body": "Thanks for reading!"}, "approved", 201),
    ("post", lambda c: bulk_url(), lambda c: {"action": "approve", "ids": [c.pk]}, "pending", 200),
    ("get", lambda c: stats_url(), None, "pending", 200),
    ("post", lambda c: action_url(c.pk, "approve"), {}, "pending", 200),
    ("post", lambda c: action_url(c.pk, "reject"), {}, "pending", 200),
    ("post", lambda c: action_url(c.pk, "spam"), {}, "pending", 200),
    ("post", lambda c: action_url(c.pk, "not-spam"), {}, "spam", 200),
    ("post", lambda c: action_url(c.pk, "remove"), {}, "approved", 200),
    ("post", lambda c: action_url(c.pk, "restore"), {}, "rejected", 200),
]
IDS = [f"{method} {builder(SimpleNamespace(pk=1))}" for method, builder, *_ in ENDPOINTS]


def call(client, method, builder, payload, comment):
    data = payload(comment) if callable(payload) else payload
    return getattr(client, method)(builder(comment), data, format="json")


@pytest.mark.parametrize(("method", "builder", "payload", "status", "ok"), ENDPOINTS, ids=IDS)
def test_anonymous_requests_get_401_with_a_token_challenge(method, builder, payload, status, ok):
    comment = CommentFactory(status=status)

    response = call(APIClient(), method, builder, payload, comment)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(("method", "builder", "payload", "status", "ok"), ENDPOINTS, ids=IDS)
def test_editors_without_the_permission_get_403(method, builder, payload, status, ok):
    comment = CommentFactory(status=status)

    response = call(token_client(EditorFactory()), method, builder, payload, comment)

    assert response.status_code == 403
    assert "Comment moderators" in response.json()["detail"]
    comment.refresh_from_db()
    assert comment.status == status and comment.version == 1


@pytest.mark.parametrize(("method", "builder", "payload", "status", "ok"), ENDPOINTS, ids=IDS)
def test_moderators_are_allowed_and_responses_are_private(method, builder, payload, status, ok):
    comment = CommentFactory(status=status)

    response = call(token_client(ModeratorFactory()), method, builder, payload, comment)

    assert response.status_code == ok, response.content
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(("method", "builder", "payload", "status", "ok"), ENDPOINTS, ids=IDS)
def test_the_admin_session_of_a_moderator_is_accepted(method, builder, payload, status, ok):
    comment = CommentFactory(status=status)
    client = APIClient()
    client.force_login(ModeratorFactory())

    assert call(client, method, builder, payload, comment).status_code == ok


def test_a_session_request_that_changes_something_needs_the_csrf_token(db):
    comment = CommentFactory()
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(ModeratorFactory())

    response = client.post(action_url(comment.pk, "approve"), {}, format="json")

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_a_superuser_may_moderate(db):
    admin = ModeratorFactory.build()
    admin.is_superuser = True
    admin.save()
    comment = ApprovedCommentFactory()

    assert token_client(admin).get(detail_url(comment.pk)).status_code == 200


def test_the_permission_held_directly_is_enough(db):
    editor = EditorFactory()
    client = token_client(editor)
    assert client.get(queue_url()).status_code == 403

    editor.user_permissions.add(moderate_comment_permission().get())

    assert client.get(queue_url()).status_code == 200


def test_the_permission_held_through_any_group_is_enough(db):
    editor = EditorFactory()
    group = Group.objects.create(name="Shop staff")
    group.permissions.add(moderate_comment_permission().get())
    client = token_client(editor)
    assert client.get(queue_url()).status_code == 403

    editor.groups.add(group)

    assert client.get(queue_url()).status_code == 200


def test_a_moderator_taken_out_of_the_group_is_refused_at_once(db):
    moderator = ModeratorFactory()
    client = token_client(moderator)
    assert client.get(queue_url()).status_code == 200

    moderator.groups.clear()

    assert client.get(queue_url()).status_code == 403


def test_an_invalid_token_is_401(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    assert client.get(queue_url()).status_code == 401


def test_an_inactive_moderator_is_refused(db):
    moderator = ModeratorFactory()
    client = token_client(moderator)
    moderator.is_active = False
    moderator.save()

    assert client.get(queue_url()).status_code == 401


class ShopStaffBackend:
    """A host site's own authentication backend, granting moderation to its shop staff."""

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user, perm, obj=None):
        return perm == "moderation.moderate_comment" and user.email.endswith("@shop.example")


def test_the_host_sites_authentication_backends_are_asked(db, settings):
    settings.AUTHENTICATION_BACKENDS = [
        "django.contrib.auth.backends.ModelBackend",
        f"{__name__}.ShopStaffBackend",
    ]
    staff, outsider = EditorFactory(email="sam@shop.example"), EditorFactory(email="kim@example.org")

    assert token_client(staff).get(queue_url()).status_code == 200
    assert token_client(outsider).get(queue_url()).status_code == 403
