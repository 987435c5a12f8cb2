"""The OpenAPI document: valid, complete for the content API, and true to what the API returns."""

import pytest
from drf_spectacular.validation import validate_schema
from jsonschema import Draft7Validator

from articles.blocks import ArticleBodyBlock
from articles.frontend.preview import make_preview_token
from tests.factories import ArticlePageFactory, ConditionFactory, ImageFactory

pytestmark = pytest.mark.django_db

CONTENT_ENDPOINTS = {
    "/api/v1/articles/",
    "/api/v1/articles/{slug}/",
    "/api/v1/techniques/",
    "/api/v1/techniques/{slug}/",
    "/api/v1/conditions/",
    "/api/v1/conditions/{slug}/",
    "/api/v1/tags/",
    "/api/v1/preview/",
}
LIST_PARAMETERS = {
    "tag",
    "condition",
    "technique",
    "author",
    "published_after",
    "published_before",
    "search",
    "ordering",
    "page",
    "page_size",
}


@pytest.fixture
def schema(api):
    response = api.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def components_used(schema, node, seen=None):
    """Names of the components `node` refers to, directly or through other components."""
    seen = set() if seen is None else seen
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if ref.startswith("#/components/schemas/") and ref.split("/")[-1] not in seen:
            name = ref.split("/")[-1]
            seen.add(name)
            components_used(schema, schema["components"]["schemas"][name], seen)
        for value in node.values():
            components_used(schema, value, seen)
    elif isinstance(node, list):
        for value in node:
            components_used(schema, value, seen)
    return seen


def as_json_schema(node):
    """
    An OpenAPI 3.0 schema as JSON Schema: `nullable` becomes a null alternative, and objects
    refuse properties the document does not describe.
    """
    if isinstance(node, list):
        return [as_json_schema(value) for value in node]
    if not isinstance(node, dict):
        return node
    node = {key: as_json_schema(value) for key, value in node.items() if key != "discriminator"}
    if isinstance(node.get("properties"), dict):
        node.setdefault("additionalProperties", False)
    if node.pop("nullable", False):
        return {"anyOf": [node, {"type": "null"}]}
    return node


def assert_matches_schema(schema, path, data):
    response_schema = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ]
    document = {**as_json_schema(response_schema), "components": as_json_schema(schema["components"])}
    errors = sorted(Draft7Validator(document).iter_errors(data), key=str)
    assert not errors, "\n".join(f"{list(error.absolute_path)}: {error.message}" for error in errors[:5])


def test_the_document_is_valid_openapi(schema):
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")


def test_every_content_endpoint_is_listed(schema):
    assert set(schema["paths"]) >= CONTENT_ENDPOINTS


def test_every_content_operation_parameter_and_response_is_described(schema):
    for path in CONTENT_ENDPOINTS:
        operation = schema["paths"][path]["get"]
        assert operation["summary"] and operation["description"], path
        for parameter in operation.get("parameters", []):
            assert parameter.get("description"), (path, parameter["name"])
        for status, response in operation["responses"].items():
            assert response["description"], (path, status)


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def test_every_operation_is_tagged_summarised_and_declares_its_errors(schema):
    for name, operation in operations(schema):
        assert operation["tags"] in (["content"], ["comments"], ["moderation"]), name
        assert operation["summary"] and operation["description"], name
        errors = {status for status in operation["responses"] if status >= "400"}
        assert errors, name
        for status in errors:
            content = operation["responses"][status]["content"]["application/json"]
            assert content["schema"], (name, status)


def test_moderator_operations_declare_refused_credentials_and_throttling(schema):
    moderation = [(name, op) for name, op in operations(schema) if "/moderation/" in name]
    assert len(moderation) >= 12
    for name, operation in moderation:
        assert {"401", "403", "429"} <= set(operation["responses"]), name
    action = schema["paths"]["/api/v1/moderation/comments/{id}/{action}/"]["post"]
    assert {"400", "404", "409", "412", "415"} <= set(action["responses"])


def test_the_public_comment_endpoints_need_no_credentials(schema):
    comments = schema["paths"]["/api/v1/articles/{slug}/comments/"]
    assert "security" not in schema  # no requirement for every operation
    for method in ("get", "post"):
        assert comments[method].get("security", []) == [], method
    queue = schema["paths"]["/api/v1/moderation/comments/"]["get"]
    assert {"tokenAuth": []} in queue["security"]
    assert {"400", "403", "404", "413", "415", "429"} <= set(comments["post"]["responses"])


def test_the_listing_documents_every_filter_and_the_pagination(schema):
    parameters = {p["name"] for p in schema["paths"]["/api/v1/articles/"]["get"]["parameters"]}

    assert parameters >= LIST_PARAMETERS
    assert {"If-None-Match", "If-Modified-Since"} <= parameters


def test_every_field_of_every_content_schema_is_described(schema):
    used = components_used(schema, {path: schema["paths"][path] for path in CONTENT_ENDPOINTS})

    assert {"Article", "ArticleSummary", "BodyBlock", "Image"} <= used
    for name in used:
        component = schema["components"]["schemas"][name]
        for field, definition in component.get("properties", {}).items():
            assert definition.get("description"), f"{name}.{field}"


def test_the_body_is_a_union_of_one_schema_per_block_type(schema):
    body = schema["components"]["schemas"]["Article"]["properties"]["body"]
    union = schema["components"]["schemas"]["BodyBlock"]

    assert body["items"] == {"$ref": "#/components/schemas/BodyBlock"}
    assert union["discriminator"]["propertyName"] == "type"
    assert list(union["discriminator"]["mapping"]) == list(ArticleBodyBlock.base_blocks)
    assert len(union["oneOf"]) == len(ArticleBodyBlock.base_blocks)


def test_the_documented_preview_token_is_a_query_parameter(schema):
    assert schema["paths"]["/api/v1/preview/"]["get"]["security"] == [{"previewToken": []}]
    assert schema["components"]["securitySchemes"]["previewToken"]["in"] == "query"


class TestResponsesMatchTheDocument:
    """Real responses validate against the schemas, every block type included."""

    @pytest.fixture
    def content(self, full_article):
        condition = ConditionFactory()
        full_article.conditions.add(condition)
        full_article.tags.add("knees")
        full_article.hero_image = ImageFactory()
        full_article.save()
        related = ArticlePageFactory(hero_image=ImageFactory())
        related.conditions.add(condition)
        related.save()
        return full_article

    @pytest.mark.parametrize(
        "path, url",
        [
            ("/api/v1/articles/", "/api/v1/articles/"),
            ("/api/v1/articles/{slug}/", "/api/v1/articles/massage-for-knee-pain/"),
            ("/api/v1/techniques/", "/api/v1/techniques/"),
            ("/api/v1/techniques/{slug}/", "/api/v1/techniques/swedish-massage/"),
            ("/api/v1/conditions/", "/api/v1/conditions/"),
            ("/api/v1/tags/", "/api/v1/tags/"),
        ],
    )
    def test_public_responses(self, api, schema, content, path, url):
        response = api.get(url)

        assert response.status_code == 200
        assert_matches_schema(schema, path, response.json())

    def test_the_preview_response(self, api, schema, content):
        response = api.get("/api/v1/preview/", {"token": make_preview_token(content)})

        assert_matches_schema(schema, "/api/v1/preview/", response.json())

    def test_a_response_that_strays_from_the_document_is_caught(self, api, schema, content):
        data = api.get("/api/v1/articles/massage-for-knee-pain/").json()
        data["body"][0]["value"]["level"] = "h7"

        with pytest.raises(AssertionError):
            assert_matches_schema(schema, "/api/v1/articles/{slug}/", data)


def test_the_interactive_docs_load(api):
    response = api.get("/api/docs/")

    assert response.status_code == 200
    assert b"/api/schema/" in response.content


def test_the_document_is_the_same_for_everyone_and_never_varies_on_cookie(api, client, django_user_model):
    anonymous = api.get("/api/schema/", {"format": "json"})
    client.force_login(django_user_model.objects.create_user("editor", is_staff=True))
    signed_in = client.get("/api/schema/", {"format": "json"})

    assert "Cookie" not in anonymous.get("Vary", "")
    assert signed_in.json() == anonymous.json()
