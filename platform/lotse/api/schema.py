"""OpenAPI generation: in English whatever the request's language, and the error answers every
operation really gives as problem details (RFC 9457), with the bodies that the exception
handler (lotse.api.errors) writes. Views document their success shapes and the refusals
they explain (e.g. 409); this hook adds the rest and a schema to every error."""

from django.utils import translation
from django.utils.functional import Promise
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.settings import spectacular_settings

from .errors import PROBLEM_JSON, TITLES

ERROR = "Error"
VALIDATION_ERROR = "ValidationError"
VALIDATION_MESSAGES = "ValidationErrorMessages"
FIELD_MESSAGES = "ValidationErrorFields"
FIELD_ERROR = "FieldError"

MESSAGES = {"$ref": f"#/components/schemas/{VALIDATION_MESSAGES}"}
PROBLEM_MEMBERS = {
    "type": {"type": "string", "description": "a URI naming the cause; ends in the `code`"},
    "code": {"type": "string", "enum": list(TITLES), "description": "the cause, stable"},
    "title": {"type": "string", "description": "the cause, for people (request's language)"},
    "status": {"type": "integer", "description": "the HTTP status code"},
    "instance": {"type": "string", "description": "the path of the request"},
    "request_id": {"type": "string", "description": "as in the X-Request-ID header"},
}
REQUIRED = ["type", "code", "title", "status", "detail", "instance", "request_id"]

SCHEMAS = {
    ERROR: {
        "type": "object",
        "description": "A refusal as problem details (RFC 9457): not signed in or credentials "
        "not accepted (401), no right (403), no such object within the caller's reach (404), "
        "a state that forbids it (409), an unsupported body type (415), too many requests "
        "(429). `code` tells the causes apart (docs/api.md).",
        "properties": {
            **PROBLEM_MEMBERS,
            "detail": {
                "oneOf": [
                    {"type": "string"},
                    {"type": "array", "items": {"type": "string"}},
                ],
                "description": "the message, or the messages (request's language)",
            },
            "existing": {
                "type": "string",
                "description": "duplicate-external-id: the URL of the resource that has it, if "
                "the caller may see it (also the Location header)",
            },
            "retry_after": {
                "type": "integer",
                "minimum": 1,
                "description": "throttled: seconds to wait, as in the Retry-After header",
            },
        },
        "required": REQUIRED,
        "additionalProperties": False,
    },
    VALIDATION_ERROR: {
        "type": "object",
        "description": "Invalid input, nothing was saved, as problem details (`code` "
        "`validation`; `parse-error` for a body that could not be read; `certificate-missing` "
        "or `safeguarding` for an approval the safeguarding checks refuse; "
        "`unknown-query-parameter` for a query parameter the operation does not take, with "
        "the `allowed` ones). `errors` lists "
        "each message with its field; each field's messages are also under the field's name "
        "(`non_field_errors` for the input as a whole), nested input gives nested objects. A "
        "field named like a member (`title`, `status`) keeps its messages under that name; `type`, "
        "`code`, `instance`, `request_id` and `errors` stay as they are (a `?code=` filter's "
        "messages are in `errors` only).",
        "properties": {
            **PROBLEM_MEMBERS,
            "title": {"anyOf": [{"type": "string"}, MESSAGES]},
            "status": {"anyOf": [{"type": "integer"}, MESSAGES]},
            "detail": MESSAGES,
            "errors": {"type": "array", "items": {"$ref": f"#/components/schemas/{FIELD_ERROR}"}},
            "allowed": {
                "type": "array",
                "items": {"type": "string"},
                "description": "unknown-query-parameter: the query parameters this operation "
                "accepts",
            },
        },
        "required": ["type", "code", "title", "status", "detail", "instance", "request_id"],
        "additionalProperties": MESSAGES,
    },
    FIELD_ERROR: {
        "type": "object",
        "properties": {
            "field": {
                "type": "string",
                "description": "dotted path, e.g. `languages.ar`, `skills.0`; empty: the input "
                "as a whole",
            },
            "message": {"type": "string"},
            "code": {"type": "string", "description": "e.g. required, invalid, max_length"},
        },
        "required": ["field", "message", "code"],
        "additionalProperties": False,
    },
    FIELD_MESSAGES: {
        "type": "object",
        "description": "Messages of nested input, by field name or list index.",
        "additionalProperties": MESSAGES,
    },
    VALIDATION_MESSAGES: {
        "anyOf": [
            {"type": "string"},
            {
                "type": "array",
                "items": {
                    "anyOf": [
                        {"type": "string"},
                        {"$ref": f"#/components/schemas/{FIELD_MESSAGES}"},
                    ]
                },
            },
            {"$ref": f"#/components/schemas/{FIELD_MESSAGES}"},
        ]
    },
}

DESCRIPTIONS = {
    "400": "invalid input; nothing was saved",
    "401": "no credentials, or credentials not accepted (wrong, expired or revoked token); "
    "the WWW-Authenticate header names the scheme",
    "403": "the caller is signed in but may not do this: no two-factor set up yet "
    "(mfa-required), the role or scope does not allow it (not-permitted), or a session "
    "request without its CSRF token (csrf-failed)",
    "404": "no such object within the caller's reach",
    "409": "the object's state does not allow this; nothing changed",
    "415": "the request body is not JSON",
    "429": "too many requests; the Retry-After header says when to try again",
}
HEADERS = {
    "401": {"WWW-Authenticate": 'Bearer realm="api"'},
    "429": {"Retry-After": "seconds to wait"},
}
# On every answer of a throttled operation that the throttle counted (not a 401 or 403: those
# are refused before it), lotse/api/ratelimit.py; Retry-After on the 429.
WHOLE_NUMBER = {"type": "integer", "minimum": 0}
RATE_LIMIT_HEADERS = {
    "RateLimit-Limit": (WHOLE_NUMBER, "requests per window, of the limit closest to being reached"),
    "RateLimit-Remaining": (WHOLE_NUMBER, "requests left in the window; 0 on a 429"),
    "RateLimit-Reset": (WHOLE_NUMBER, "seconds until the window frees a request"),
    "RateLimit-Policy": (
        {"type": "string", "examples": ["5;w=3600"]},
        "every limit that applies, `<requests>;w=<window in seconds>`, the closest first",
    ),
}
RETRY_AFTER = ({"type": "integer", "minimum": 1}, "seconds to wait; also `retry_after` in the body")


class EnglishSchemaGenerator(SchemaGenerator):
    """The same schema whatever the request's language: generated client names (enums,
    parameters) must not differ between machines."""

    def get_schema(self, request=None, public=False):
        with translation.override("en"):
            return _null_type(_plain(super().get_schema(request=request, public=public)))


def _plain(node):
    """Lazy translations rendered now, inside the override, not later by the renderer."""
    if isinstance(node, Promise):
        return str(node)
    if isinstance(node, dict):
        return {_plain(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list | tuple):
        return type(node)(_plain(item) for item in node)
    return node


def _null_type(node):
    """OAS 3.0's `nullable`, which DRF's page schema still writes (`next`, `previous`), means
    nothing in 3.1, where a strict validator refuses their null: `null` among the types."""
    if isinstance(node, list):
        return [_null_type(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _null_type(value) for key, value in node.items()}
    if not isinstance(node.get("nullable"), bool):
        return node  # no flag (or a property named `nullable`)
    if not node.pop("nullable"):
        return node
    kind = node.get("type")
    if kind is None:
        return {"oneOf": [node, {"type": "null"}]}
    kinds = kind if isinstance(kind, list) else [kind]
    node["type"] = [*kinds, *([] if "null" in kinds else ["null"])]
    if "enum" in node and None not in node["enum"]:
        node["enum"] = [*node["enum"], None]
    return node


def document_error_responses(result, generator, request, public):
    """POSTPROCESSING_HOOKS entry: add the error answers to every operation; removes nothing."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(SCHEMAS)
    throttled = _throttled_operations(generator, request)
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for code in _error_codes(operation, throttled=(path, method) in throttled):
                responses.setdefault(code, {})
            for code, response in responses.items():
                if str(code).startswith("4"):
                    _describe(str(code), response)
            if (path, method) in throttled:
                _declare_rate_limit_headers(responses)
    result["components"].setdefault("headers", {}).update(
        (name, {"schema": schema, "description": text})
        for name, (schema, text) in {**RATE_LIMIT_HEADERS, "Retry-After": RETRY_AFTER}.items()
    )
    return result


def _declare_rate_limit_headers(responses: dict) -> None:
    for code, response in responses.items():
        if str(code) in ("401", "403"):
            continue
        names = [*RATE_LIMIT_HEADERS, *(["Retry-After"] if str(code) == "429" else [])]
        headers = response.setdefault("headers", {})
        headers.update((name, {"$ref": f"#/components/headers/{name}"}) for name in names)


def _error_codes(operation: dict, *, throttled: bool) -> list[str]:
    where = {parameter.get("in") for parameter in operation.get("parameters", [])}
    names = {parameter.get("name") for parameter in operation.get("parameters", [])}
    has_body = "requestBody" in operation
    # Missing or wrong credentials (a wrong token is refused even where no login is needed);
    # no MFA, no right, a missing CSRF token for a session; a body or filter that does not
    # validate, or a query parameter the operation does not take (lotse/api/query.py),
    # which any operation can be sent.
    codes = ["401", "403", "400"]
    if "path" in where or "page" in names:
        codes.append("404")  # an unknown or foreign id; a page past the end
    if has_body:
        codes.append("415")
    if throttled:
        codes.append("429")
    return codes


def _describe(code: str, response: dict) -> None:
    if response.get("content"):
        return
    # drf-spectacular writes "No response body" for `429: None`; every error has a body.
    if response.get("description") in (None, "", "No response body"):
        response["description"] = DESCRIPTIONS.get(code, "refused")
    name = VALIDATION_ERROR if code == "400" else ERROR
    response["content"] = {PROBLEM_JSON: {"schema": {"$ref": _ref(name)}}}
    for header, description in HEADERS.get(code, {}).items():
        response.setdefault("headers", {})[header] = {
            "schema": {"type": "string"},
            "description": description,
        }


def _ref(name: str) -> str:
    return f"#/components/schemas/{name}"


def _throttled_operations(generator, request) -> set[tuple[str, str]]:
    """(path, method) of the operations whose view throttles requests."""
    throttled = set()
    for path, _regex, method, callback in generator.endpoints or []:
        view = generator.create_view(callback, method)
        view.request = spectacular_settings.GET_MOCK_REQUEST(method, path, view, request)
        if view.get_throttles():
            throttled.add((generator.coerce_path(path, method, view), method.lower()))
    return throttled
