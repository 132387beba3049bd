"""The OpenAPI schema documents the error answers of every operation (lotse.api_schema)."""

import pytest
from drf_spectacular.generators import SchemaGenerator

ERROR = {"$ref": "#/components/schemas/Error"}


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def _operations(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation["responses"]


def _body(response) -> dict:
    return response["content"]["application/json"]["schema"]


def test_it_documents_a_403_with_the_error_body_on_every_operation(schema):
    assert all(_body(r["403"]) == ERROR for _p, _m, r in _operations(schema))


def test_it_gives_every_documented_error_a_body(schema):
    missing = [(p, m, c) for p, m, r in _operations(schema) for c in r if c >= "400" and
               "content" not in r[c]]  # fmt: skip
    assert missing == []


def test_it_documents_429_on_the_throttled_operations_only(schema):
    throttled = {(p, m) for p, m, r in _operations(schema) if "429" in r}
    assert throttled == {
        ("/api/v1/concerns/", "post"),
        ("/api/v1/concerns/status/", "post"),
        ("/api/v1/volunteers/me/export/", "get"),
    }


def test_it_documents_validation_errors_by_field(schema):
    body = _body(schema["paths"]["/api/v1/needs/"]["post"]["responses"]["400"])
    assert body == {"$ref": "#/components/schemas/ValidationError"}


def test_it_keeps_the_descriptions_the_views_give(schema):
    conflict = schema["paths"]["/api/v1/needs/{id}/close/"]["post"]["responses"]["409"]
    assert conflict["description"] == "the need's state does not allow it; nothing changed"
    assert _body(conflict) == ERROR
