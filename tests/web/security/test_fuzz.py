"""Fuzzing the API from its own OpenAPI schema: every operation, as several roles, with
hypothesis-generated path ids, query strings and JSON bodies (valid-looking and hostile).
Zero server errors allowed; a 2xx answer must be JSON. The public endpoints (raising a
concern, looking up its status) get LOTSE_FUZZ_PUBLIC_EXAMPLES each, the rest
LOTSE_FUZZ_EXAMPLES per role. Prints the request count."""

import json
import os
import re

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("LOTSE_FUZZ_EXAMPLES", "4"))
PUBLIC_EXAMPLES = int(os.environ.get("LOTSE_FUZZ_PUBLIC_EXAMPLES", "100"))
PUBLIC = {("post", "/api/v1/concerns/"), ("post", "/api/v1/concerns/status/")}
# Erasing the caller mid-run would turn the rest into anonymous requests (tested elsewhere).
SKIP = {("delete", "/api/v1/volunteers/me/")}
ROLES = ["anonymous", "victor", "alice", "dora", "erin"]

HOSTILE = st.sampled_from(
    ["<script>alert(1)</script>", "=HYPERLINK(\"x\")", "' OR 1=1 --", "\x00", "😀" * 50,
     "a" * 6000, "../../etc/passwd", "%s%n", "{{7*7}}", "-1", "1e309", "NaN", ""]
)  # fmt: skip
SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    HOSTILE,
)
VALUE = st.recursive(SCALAR, lambda inner: st.lists(inner, max_size=3), max_leaves=6)
PATH_ID = st.one_of(st.integers(min_value=0, max_value=2**66), st.sampled_from(["1", "0"]))


def _operations(schema: dict) -> list[tuple[str, str, dict]]:
    return [
        (method, path, op)
        for path, item in schema["paths"].items()
        for method, op in item.items()
        if (method, path) not in SKIP
    ]


def _body_strategy(op: dict, schema: dict):
    content = op.get("requestBody", {}).get("content", {})
    ref = content.get("application/json", {}).get("schema", {}).get("$ref", "")
    props = schema["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {}).get("properties", {})
    keys = st.sampled_from(sorted(props)) if props else st.text(max_size=8)
    return st.one_of(
        st.dictionaries(keys, VALUE, max_size=len(props) + 1),
        st.fixed_dictionaries(dict.fromkeys(props, VALUE)),
        VALUE,
    )


def _request(client: Client, method: str, path: str, data) -> int:
    url = re.sub(r"\{[^}]+\}", lambda _m: str(data["id"]), path)
    query = {k: str(v)[:50] for k, v in data["query"].items()}
    if method == "get":
        response = client.get(url, query)
    else:
        body = json.dumps(data["body"])
        response = getattr(client, method)(url, body, content_type="application/json")
    assert response.status_code < 500, (method, url, data, response.content[:300])
    if 200 <= response.status_code < 300 and response.content:
        json.loads(response.content)
    return response.status_code


def _fuzz(client: Client, method: str, path: str, strategy, examples: int) -> int:
    sent = 0

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=strategy)
    def run(data):
        nonlocal sent
        _request(client, method, path, data)
        sent += 1

    run()
    return sent


@pytest.fixture
def schema(client):
    return client.get("/api/schema/", {"format": "json"}).json()


def _client(request, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


@pytest.mark.parametrize("role", ROLES)
@override_settings(LOTSE_CONCERN_RATE="100000/s", LOTSE_CONCERN_STATUS_RATE="100000/s")
def test_no_operation_answers_with_a_server_error(request, role, schema, facility_a1, capsys):
    cache.clear()
    client = _client(request, role)
    count = 0
    for method, path, op in _operations(schema):
        examples = PUBLIC_EXAMPLES if (method, path) in PUBLIC and role == "anonymous" else EXAMPLES
        strategy = st.fixed_dictionaries(
            {
                "id": PATH_ID,
                "query": st.dictionaries(st.sampled_from(["limit", "page", "explain", "x"]), VALUE),
                "body": _body_strategy(op, schema),
            }
        )

        count += _fuzz(client, method, path, strategy, examples)
    with capsys.disabled():
        print(f"\nfuzz as {role}: {count} requests, 0 server errors")
    assert count >= len(_operations(schema))
