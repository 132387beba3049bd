"""OpenAPI post-processing: the error answers every operation really gives, with the bodies that
DRF's exception handler (lotse.web.api_errors) writes. Views document their success shapes and
the refusals they explain (e.g. 409); this hook adds the rest and a schema to every error."""

from drf_spectacular.settings import spectacular_settings

ERROR = "Error"
VALIDATION_ERROR = "ValidationError"
VALIDATION_MESSAGES = "ValidationErrorMessages"

SCHEMAS = {
    ERROR: {
        "type": "object",
        "description": "A refusal: not signed in or no right (403), no such object within the "
        "caller's reach (404), a state that forbids it (409), an unsupported body type (415), "
        "too many requests (429).",
        "properties": {
            "detail": {
                "oneOf": [
                    {"type": "string"},
                    {"type": "array", "items": {"type": "string"}},
                ],
                "description": "the message, or the messages",
            }
        },
        "required": ["detail"],
        "additionalProperties": False,
    },
    VALIDATION_ERROR: {
        "type": "object",
        "description": "Invalid input, nothing was saved: each field's name and its messages "
        "(`non_field_errors` for the input as a whole, `detail` for a body that could not be "
        "read); nested input gives nested objects.",
        "additionalProperties": {"$ref": f"#/components/schemas/{VALIDATION_MESSAGES}"},
    },
    VALIDATION_MESSAGES: {
        "anyOf": [
            {"type": "string"},
            {
                "type": "array",
                "items": {
                    "anyOf": [
                        {"type": "string"},
                        {"$ref": f"#/components/schemas/{VALIDATION_ERROR}"},
                    ]
                },
            },
            {"$ref": f"#/components/schemas/{VALIDATION_ERROR}"},
        ]
    },
}

DESCRIPTIONS = {
    "400": "invalid input; nothing was saved",
    "403": "not signed in (or no two-factor set up), or the caller's role or scope does not "
    "allow this",
    "404": "no such object within the caller's reach",
    "409": "the object's state does not allow this; nothing changed",
    "415": "the request body is not JSON, a form or multipart data",
    "429": "too many requests; the Retry-After header says when to try again",
}


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
    return result


def _error_codes(operation: dict, *, throttled: bool) -> list[str]:
    where = {parameter.get("in") for parameter in operation.get("parameters", [])}
    names = {parameter.get("name") for parameter in operation.get("parameters", [])}
    has_body = "requestBody" in operation
    codes = ["403"]  # anonymous, no MFA, no right; a missing CSRF token for a session
    if has_body or "query" in where:
        codes.append("400")  # the body, or a filter, that does not validate
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
    response["content"] = {"application/json": {"schema": {"$ref": _ref(name)}}}


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
