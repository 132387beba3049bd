"""The OpenAPI schema: every error answer documented as problem details (lotse.api.schema),
every response typed, the same schema whatever the request's language (issue 19)."""

import pytest

from lotse.api.schema import EnglishSchemaGenerator

ERROR = {"$ref": "#/components/schemas/Error"}
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def schema():
    return EnglishSchemaGenerator().get_schema(request=None, public=True)


def _operations(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation["responses"]


def _body(response) -> dict:
    return response["content"][PROBLEM]["schema"]


def _untyped(node, where=""):
    """Places where the schema says nothing about a value: `{}` as items or properties."""
    if isinstance(node, dict):
        for key in ("items", "additionalProperties"):
            if node.get(key) == {}:
                yield f"{where}/{key}"
        for key, value in node.items():
            yield from _untyped(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _untyped(value, f"{where}/{index}")


def test_it_documents_401_and_403_with_the_problem_body_on_every_operation(schema):
    assert all(_body(r["401"]) == ERROR for _p, _m, r in _operations(schema))
    assert all(_body(r["403"]) == ERROR for _p, _m, r in _operations(schema))


def test_it_names_the_scheme_of_a_401_in_its_header(schema):
    unauthorised = schema["paths"]["/api/v1/needs/"]["get"]["responses"]["401"]
    assert "WWW-Authenticate" in unauthorised["headers"]


def test_it_gives_every_documented_error_a_problem_body(schema):
    missing = [(p, m, c) for p, m, r in _operations(schema) for c in r if c >= "400" and
               set(r[c].get("content", {})) != {PROBLEM}]  # fmt: skip
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


def test_it_offers_json_request_bodies_only(schema):
    types = {t for _p, ops in schema["paths"].items() for op in ops.values()
             for t in op.get("requestBody", {}).get("content", {})}  # fmt: skip
    assert types == {"application/json"}


def test_it_types_every_value_it_describes(schema):
    assert list(_untyped(schema)) == []


def test_it_describes_the_body_of_every_success_but_no_content(schema):
    bare = [(p, m, c) for p, m, r in _operations(schema) for c in r
            if c.startswith("2") and c != "204" and "content" not in r[c]]  # fmt: skip
    assert bare == []


def test_it_marks_the_always_sent_fields_of_the_answers_required(schema):
    need = schema["components"]["schemas"]["NeedOutput"]
    assert set(need["required"]) == set(need["properties"])
    page = schema["components"]["schemas"]["PaginatedNeedOutputList"]
    assert set(page["required"]) == {"count", "next", "previous", "results"}


def test_it_describes_a_contact_that_may_be_null_as_such(schema):
    contact = schema["components"]["schemas"]["VolunteerOutput"]["properties"]["contact"]
    assert {"type": "null"} in contact["oneOf"]


def test_it_names_every_operation_in_one_scheme(schema):
    ids = [op["operationId"] for ops in schema["paths"].values() for op in ops.values()]
    assert [i for i in ids if not i.startswith("v1_")] == []


def test_it_documents_the_placement_verbs_as_an_enum(schema):
    operation = schema["paths"]["/api/v1/placements/{id}/{verb}/"]["post"]
    verb = next(p for p in operation["parameters"] if p["name"] == "verb")
    assert "end" in verb["schema"]["enum"]
    assert "pattern" not in verb["schema"]


@pytest.mark.django_db
def test_it_serves_the_same_schema_to_a_german_and_an_english_client(client):
    german = client.get("/api/schema/?format=json", HTTP_ACCEPT_LANGUAGE="de").content
    english = client.get("/api/schema/?format=json", HTTP_ACCEPT_LANGUAGE="en").content
    assert german == english
    assert b"Dringlichkeit" not in german
