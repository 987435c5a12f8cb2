"""Moderators manage the blocklist in the Wagtail admin; editors cannot."""

import pytest
from django.urls import reverse

from moderation.abuse.models import BlocklistEntry
from tests.moderation.factories import EditorFactory, ModeratorFactory

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_moderation_blocklistentry:list"
ADD = "wagtailsnippets_moderation_blocklistentry:add"


def test_moderators_list_and_add_entries_in_the_admin(client):
    client.force_login(ModeratorFactory())
    BlocklistEntry.objects.create(kind="word", value="casino", reason="Gambling ads")

    listing = client.get(reverse(LIST))
    added = client.post(reverse(ADD), {"kind": "ip", "value": "203.0.113.9/24", "reason": "Botnet"})

    assert listing.status_code == 200 and "casino" in listing.content.decode()
    assert added.status_code == 302
    assert BlocklistEntry.objects.filter(kind="ip", value="203.0.113.0/24", reason="Botnet").exists()


def test_an_invalid_value_is_a_form_error(client):
    client.force_login(ModeratorFactory())

    response = client.post(reverse(ADD), {"kind": "domain", "value": "not a domain"})

    assert response.status_code == 200 and "Enter a domain" in response.content.decode()
    assert not BlocklistEntry.objects.exists()


def test_editors_cannot_see_the_blocklist(client):
    client.force_login(EditorFactory())

    assert client.get(reverse(LIST)).status_code in (302, 403)
