"""
The committed OpenAPI snapshot (clients/openapi.json) is what /api/schema/ serves: any change to
the API's shapes fails here until the snapshot is regenerated and the change reviewed in its diff.
"""

import difflib
import json

import pytest

from clients.openapi import SNAPSHOT, served_document

pytestmark = pytest.mark.django_db


def test_the_committed_openapi_snapshot_is_what_the_api_serves():
    served = served_document()
    committed = SNAPSHOT.read_text()

    diff = "".join(
        difflib.unified_diff(
            committed.splitlines(keepends=True), served.splitlines(keepends=True), "committed", "served", n=2
        )
    )
    assert not diff, (
        "clients/openapi.json differs from /api/schema/. If the change is intended, run "
        "`.venv/bin/python clients/openapi.py` and `cd clients/typescript && npm run generate`, "
        "and commit both.\n" + diff[:4000]
    )


def test_the_snapshot_documents_the_app_proxy_and_the_verified_customer_badge():
    document = json.loads(SNAPSHOT.read_text())

    assert "/api/v1/shopify/proxy/articles/{slug}/comments/" in document["paths"]
    assert "verified_customer" in document["components"]["schemas"]["PublicComment"]["properties"]
    assert document["components"]["securitySchemes"]["shopifyAppProxy"]["in"] == "query"
