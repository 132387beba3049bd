"""schemathesis against the project's own OpenAPI schema (drf-spectacular, /api/schema/):
every operation, in-process through the WSGI application, authenticated with an API token as
several roles. Cases come from the schema, valid ones and deliberately invalid ones
(schemathesis' negative mode). Half of the valid cases name real objects in their path (a need
at facility A1, victor's placement and hours, a concern: the `world` of conftest.py), so the
views run past their 404. Checks: no server error, and every answer conforms to the schema —
its status code and content type are documented and its body matches the documented schema
(errors included: lotse.api.schema documents them for every operation).

Each operation has a lead role that reaches it: the administrator, or the district coordinator
for concerns, or the volunteer for his own profile. The lead sends LOTSE_SCHEMATHESIS_EXAMPLES
cases per operation and mode (default 3; CI on PostgreSQL: 100), the other roles
LOTSE_SCHEMATHESIS_OTHER_EXAMPLES (default 3). Derandomised, so CI is reproducible. Prints the
request count per role. The hand-written hostile fuzzing (markup, formula prefixes, NUL, huge
ids, anonymous) is in test_fuzz.py.
"""

import os
from collections import Counter

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from lotse.accounts.tokens import issue_token

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("LOTSE_SCHEMATHESIS_EXAMPLES", "3"))
OTHER_EXAMPLES = int(os.environ.get("LOTSE_SCHEMATHESIS_OTHER_EXAMPLES", "3"))
ROLES = ["erin", "dora", "alice", "victor"]
# The role that reaches each operation (by path prefix); the administrator for the rest. She
# is refused concerns (only the contact persons and the district coordinator see them) and
# has no volunteer profile of her own.
LEADS = (("/api/v1/concerns/", "dora"), ("/api/v1/volunteers/me/", "victor"))
MODES = [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE]
# The authentication checks (ignored_auth and the like) are not run: the token is sent by the
# test itself, not described per operation in the schema.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Erasing the caller mid-run would turn the rest into anonymous requests (tested elsewhere).
SKIP = {("DELETE", "/api/v1/volunteers/me/")}


@pytest.fixture
def wsgi_app():
    """The real WSGI application, minus closing the database connection after each request
    (as Django's test client does): that would end the test's transaction on PostgreSQL."""
    from lotse.wsgi import application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield application
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(wsgi_app):
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)


def _operations(api_schema) -> list:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    return [op for op in operations if (op.method.upper(), op.path) not in SKIP]


def _lead(operation) -> str:
    return next((role for prefix, role in LEADS if operation.path.startswith(prefix)), "erin")


def _modes(operation) -> list:
    """Negative cases need something to break: parameters or a body."""
    has_inputs = any(len(c) for c in (operation.path_parameters, operation.query, operation.body))
    return MODES if has_inputs else MODES[:1]


def _real_path_values(world) -> dict:
    """Path parameter → the value naming a real object (`id`: by the collection before it)."""
    return {
        "id": world["pk_by_collection"],
        "entry_id": world["args"]["entry_id"],
        "slug": world["args"]["slug"],
        "code": world["args"]["code"],
        "kind": world["args_by_name"]["api:my-consent"]["kind"],
    }


def _with_real_ids(case, real: dict):
    params = dict(case.path_parameters or {})
    for name in params.keys() & real.keys():
        value = real[name]
        if name == "id":
            collection = case.operation.path.split("/{id}")[0].rsplit("/", 1)[-1]
            value = value[collection]
        params[name] = value
    case.path_parameters = params
    return case


def _strategy(operation, mode, real: dict):
    generated = operation.as_strategy(mode)
    if mode is MODES[1] or not len(operation.path_parameters):
        return generated
    return st.one_of(generated, generated.map(lambda case: _with_real_ids(case, real)))


def _run(operation, mode, headers: dict, examples: int, real: dict) -> Counter:
    """Sends the cases; returns how many got which class of answer (`2xx`, `4xx`)."""
    answers = Counter()

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=_strategy(operation, mode, real))
    def run(case):
        cache.clear()  # rate limits would answer 429 and hide what comes after
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS)
        answers[f"{response.status_code // 100}xx"] += 1

    try:
        run()
    except Unsatisfiable:
        # Every input accepts anything the schema can express: no invalid case exists.
        if mode is MODES[0]:
            raise
    return answers


@pytest.mark.parametrize("role", ROLES)
@override_settings(LOTSE_CONCERN_RATE="100000/s", LOTSE_CONCERN_STATUS_RATE="100000/s")
def test_every_answer_conforms_to_the_schema(request, role, api_schema, world, capsys):
    user = request.getfixturevalue(role)
    headers = {"Authorization": f"Token {issue_token(user)[1]}"}
    real = _real_path_values(world)
    operations = _operations(api_schema)
    sent, answers = Counter(), Counter()
    for op in operations:
        examples = EXAMPLES if _lead(op) == role else OTHER_EXAMPLES
        for mode in _modes(op):
            got = _run(op, mode, headers, examples, real)
            sent[op.label] += got.total()
            answers += got
            if os.environ.get("LOTSE_SCHEMATHESIS_PRINT"):
                print(role, op.label, mode.value, dict(got))
    led = [op for op in operations if _lead(op) == role]
    classes = ", ".join(f"{n} {k}" for k, n in sorted(answers.items()))
    with capsys.disabled():
        print(
            f"\nschemathesis as {role}: {len(operations)} operations ({len(led)} led), "
            f"{answers.total()} requests ({classes})"
        )
    assert len(operations) >= 50
    assert all(sent[op.label] >= EXAMPLES for op in led), "an operation got fewer cases"
    assert all(sent[op.label] >= min(EXAMPLES, OTHER_EXAMPLES) for op in operations)
