"""Every answer of /api/v1/ checked against the OpenAPI schema the server publishes (issue 19).

The schema is generated in-process, once per run, exactly as `/api/schema/` serves it
(drf-spectacular's generator with the project's settings: OAS 3.1, English whatever the
language). An answer conforms when its operation is documented, its status code is documented
for that operation (exact code, then `4XX`, then `default`), its content type is the one
documented and its JSON body validates with JSON Schema Draft 2020-12 (OAS 3.1 schemas are
that dialect, so `null` is allowed only where the schema says so). 204 and 304 have no body.

A request that names no operation gets the API's own refusal as the `Error` problem document:
a path that matches no route a 404, a method the path does not offer a 405 (or the 401/403 of
the caller checks DRF runs first); any other answer to it is a failure. HEAD is checked as the
GET without its body; OPTIONS, DRF's description of a view that OpenAPI has no place for, must
answer a JSON object. tests/conftest.py runs the check on every test client request.
"""

import importlib
import json
import os
import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

API_PREFIX = "/api/v1/"
DOCUMENT = "urn:lotse:openapi"
NO_BODY = {204, 304}
# A request that names no operation gets one of the API's refusals, an `Error` problem
# document: an unknown path the router's 404; a method the path does not offer the view's 405,
# or the 401/403 of the caller checks that DRF runs before it looks for the method.
NO_SUCH_PATH = {404}
NO_SUCH_METHOD = {401, 403, 405}
SHOWN = 5  # errors listed per answer; the first is the most relevant one
# jsonschema checks `date` and `email` itself; `date-time` and `uri` only with optional packages.
FORMATS = FormatChecker()
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", re.ASCII)


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value) -> bool:
    return not isinstance(value, str) or bool(
        RFC3339.fullmatch(value) and datetime.fromisoformat(value)
    )


@FORMATS.checks("uri")
def _uri(value) -> bool:
    return not isinstance(value, str) or bool(urlsplit(value).scheme)


class NonConformingResponse(AssertionError):
    """The answer is not what the schema promises."""


@dataclass(frozen=True)
class Operation:
    method: str
    template: str
    definition: dict

    @property
    def label(self) -> str:
        name = self.definition.get("operationId", "?")
        return f"{self.method.upper()} {self.template} ({name})"


class ApiConformance:
    """The published schema, ready to check answers against."""

    def __init__(self, schema: dict):
        self.schema = schema
        closed = _closed(schema)
        self.registry = Registry().with_resource(
            DOCUMENT, Resource.from_contents(closed, default_specification=DRAFT202012)
        )
        self.paths = sorted(
            (_template(path) for path in schema.get("paths", {})),
            # The route with more fixed segments wins: /volunteers/me/ before /volunteers/{id}/.
            key=lambda item: (item[1].count("{"), -len(item[1])),
        )
        self._validators: dict[str, Draft202012Validator] = {}
        self.checked = 0

    def operation(self, method: str, path: str) -> Operation | None:
        """The documented operation that `method path` names; None if no route matches."""
        for pattern, template in self.paths:
            if pattern.fullmatch(path):
                definition = self.schema["paths"][template].get(method.lower())
                return Operation(method.lower(), template, definition or {})
        return None

    def check(self, method: str, path: str, status: int, content_type: str, body: bytes):
        """Raises NonConformingResponse, naming the operation, status and what is wrong."""
        method = method.lower()
        if method == "options" and status == 200:
            self._check_options(path, content_type, body)
            self.checked += 1
            return
        operation = self.operation("get" if method == "head" else method, path)
        if operation is None or not operation.definition:
            self._check_unrouted(method, path, operation, status, content_type, body)
        else:
            pointer, response = self._response(operation, status)
            content = {
                media_type: f"{pointer}/content/{_escape(media_type)}/schema"
                for media_type in response.get("content") or {}
            }
            label = operation.label if method != "head" else f"HEAD, as {operation.label}"
            self._check_answer(label, status, content_type, body, content, head=method == "head")
        self.checked += 1

    def _check_unrouted(self, method, path, operation, status, content_type, body) -> None:
        where = f"{method.upper()} {path if operation is None else operation.template}"
        allowed = NO_SUCH_PATH if operation is None else NO_SUCH_METHOD
        if status not in allowed:
            documented = "no such path" if operation is None else "no such method"
            raise NonConformingResponse(
                f"{where} → {status}: undocumented ({documented}; the API refuses it with "
                f"{', '.join(map(str, sorted(allowed)))})"
            )
        content = {"application/problem+json": "/components/schemas/Error"}
        label = f"{where} [{'no such path' if operation is None else 'no such method'}]"
        self._check_answer(label, status, content_type, body, content, head=method == "head")

    def _check_options(self, path: str, content_type: str, body: bytes) -> None:
        """DRF's description of a view: no API operation, so no schema; a JSON object."""
        where = f"OPTIONS {path}"
        if self.operation("get", path) is None:
            raise NonConformingResponse(f"{where} → 200: no such path")
        if (content_type or "").split(";")[0].strip() != "application/json":
            raise NonConformingResponse(f"{where} → 200: content type {content_type!r}")
        if not isinstance(_json(where, 200, body), dict):
            raise NonConformingResponse(f"{where} → 200: not a JSON object: {_cut(body)}")

    def _response(self, operation: Operation, status: int) -> tuple[str, dict]:
        responses = operation.definition.get("responses", {})
        for key in (str(status), f"{str(status)[0]}XX", f"{str(status)[0]}xx", "default"):
            if key in responses:
                where = f"/paths/{_escape(operation.template)}/{operation.method}"
                pointer = f"{where}/responses/{_escape(key)}"
                return pointer, responses[key]
        documented = ", ".join(sorted(responses)) or "none"
        raise NonConformingResponse(
            f"{operation.label} → {status}: status code not documented (documented: {documented})"
        )

    def _check_answer(self, label, status, content_type, body, content: dict, head=False):
        """`content`: documented media type → the pointer of its schema in the document."""
        if status in NO_BODY or not content:
            if body.strip():
                raise NonConformingResponse(
                    f"{label} → {status}: a body where the schema documents none: {_cut(body)}"
                )
            return
        media_type = (content_type or "").split(";")[0].strip().lower()
        declared = _declared(content, media_type)
        if declared is None:
            raise NonConformingResponse(
                f"{label} → {status}: content type {media_type or '(none)'!r}, "
                f"documented: {', '.join(content)}"
            )
        if head:
            return  # the GET's status and headers, without its body
        self._validate(label, status, content[declared], _json(label, status, body))

    def _validate(self, label: str, status: int, schema_pointer: str, document) -> None:
        validator = self._validator(schema_pointer)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        if not errors:
            return
        first = best_match(errors)
        lines = [f"{label} → {status}: the body does not match {schema_pointer}"]
        for error in [first, *[e for e in errors if e is not first]][:SHOWN]:
            leaf = _leaf(error)
            lines.append(
                f"  at {_pointer(leaf.absolute_path)}: {leaf.message[:300]} "
                f"(value: {_cut(json.dumps(leaf.instance, ensure_ascii=False, default=str))}; "
                f"schema: {'/'.join(map(str, leaf.absolute_schema_path))})"
            )
        if len(errors) > SHOWN:
            lines.append(f"  … and {len(errors) - SHOWN} more")
        raise NonConformingResponse("\n".join(lines))

    def _validator(self, schema_pointer: str) -> Draft202012Validator:
        if schema_pointer not in self._validators:
            self._validators[schema_pointer] = Draft202012Validator(
                {"$ref": f"{DOCUMENT}#{schema_pointer}"},
                registry=self.registry,
                format_checker=FORMATS,
            )
        return self._validators[schema_pointer]


def published_schema() -> dict:
    """The schema as /api/schema/ serves it, generated with the settings of the settings module
    (a test may have changed them: throttle rates, say), in the published JSON form."""
    from django.test import override_settings
    from drf_spectacular.settings import spectacular_settings
    from drf_spectacular.views import SpectacularAPIView

    # The module, not `settings`: inside override_settings its SETTINGS_MODULE is None.
    module = importlib.import_module(os.environ["DJANGO_SETTINGS_MODULE"])
    names = ("REST_FRAMEWORK", "SPECTACULAR_SETTINGS", "ROOT_URLCONF", "LANGUAGE_CODE")
    with override_settings(**{name: getattr(module, name) for name in names}):
        view = SpectacularAPIView()
        generator = spectacular_settings.DEFAULT_GENERATOR_CLASS(
            urlconf=view.urlconf, api_version=view.api_version, patterns=view.patterns
        )
        schema = generator.get_schema(request=None, public=view.serve_public)
    # Through JSON as the renderer writes it: lazy strings, decimals and tuples become plain.
    return json.loads(json.dumps(schema, default=str))


def _closed(node):
    """A copy in which an object described by its properties carries no others: a field the
    server sends must be documented (a generated client would drop it without a word)."""
    if isinstance(node, list):
        return [_closed(item) for item in node]
    if not isinstance(node, dict):
        return node
    copy = {key: _closed(value) for key, value in node.items()}
    if isinstance(node.get("properties"), dict) and not (
        {"additionalProperties", "unevaluatedProperties"} & node.keys()
    ):
        copy["unevaluatedProperties"] = False
    return copy


def _json(label: str, status: int, body: bytes):
    try:
        return json.loads(body)
    except ValueError as exc:
        raise NonConformingResponse(
            f"{label} → {status}: the body is not JSON ({exc}): {_cut(body)}"
        ) from None


def _template(path: str) -> tuple[re.Pattern, str]:
    parts = re.split(r"(\{[^}]+\})", path)
    regex = "".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts)
    return re.compile(regex), path


def _declared(content: dict, media_type: str) -> str | None:
    if media_type in content:
        return media_type
    kind = media_type.split("/")[0]
    return next((key for key in (f"{kind}/*", "*/*") if key in content), None)


def _leaf(error):
    """The most specific cause inside a oneOf/anyOf, for the message."""
    while error.context:
        error = best_match(error.context)
    return error


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _pointer(path) -> str:
    return "/" + "/".join(_escape(str(part)) for part in path) if path else "(the body)"


def _cut(value, limit: int = 200) -> str:
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    return text if len(text) <= limit else text[:limit] + "…"
