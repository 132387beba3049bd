"""API errors as problem details (RFC 9457, `application/problem+json`): every refusal carries a
stable `type` and `code` for its cause, a `title` and `detail` in the request's language and the
request id. The old bodies stay readable (contracts.md): `detail` as before, and on a validation
error each field's messages under the field's name. A path under /api/ that matches no route,
and a server error there, answer the same way instead of with the site's HTML page."""

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

from lotse.core.errors import MFA_REQUIRED_MESSAGE

API_PREFIX = "/api/"
PROBLEM_JSON = "application/problem+json"
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
TYPE_PREFIX = "tag:lotse,2026:problem:"

# code → title. The codes are the API's contract (docs/api.md); the titles are for people.
TITLES = {
    "not-authenticated": _("Not signed in"),
    "authentication-failed": _("Credentials not accepted"),
    "token-expired": _("API token expired"),
    "mfa-required": _("Two-factor authentication required"),
    "not-permitted": _("Not permitted"),
    "csrf-failed": _("Security token missing or wrong"),
    "not-found": _("Not found"),
    "method-not-allowed": _("Method not allowed"),
    "not-acceptable": _("Answer format not available"),
    "state-conflict": _("Not possible in this state"),
    "slot-taken": _("All places are taken"),
    "already-proposed": _("Already proposed"),
    "duplicate-external-id": _("External ID already in use"),
    "certificate-missing": _("Certificate of conduct missing"),
    "safeguarding": _("Safeguarding check not passed"),
    "need-not-rankable": _("Need cannot be ranked"),
    "validation": _("Invalid input"),
    "parse-error": _("Body could not be read"),
    "unsupported-media-type": _("Body must be JSON"),
    "throttled": _("Too many requests"),
    "precondition-failed": _("Changed in the meantime"),
    "precondition-required": _("If-Match header required"),
    "idempotency-key-reused": _("Idempotency key already used for another request"),
    "idempotency-key-in-use": _("The same request is still being processed"),
    "unknown-query-parameter": _("Unknown query parameter"),
    "token-revoked": _("API token revoked"),
    "token-read-only": _("API token is read-only"),
    "server-error": _("Server error"),
}
VALIDATION_DETAIL = _("The input is invalid; nothing was saved. See the field messages.")

# DRF's own exception classes → our code (a raise with one of TITLES' codes keeps its code).
CODES_BY_CLASS = (
    (exceptions.NotAuthenticated, "not-authenticated"),
    (exceptions.AuthenticationFailed, "authentication-failed"),
    (exceptions.PermissionDenied, "not-permitted"),
    (exceptions.NotFound, "not-found"),
    (exceptions.MethodNotAllowed, "method-not-allowed"),
    (exceptions.NotAcceptable, "not-acceptable"),
    (exceptions.UnsupportedMediaType, "unsupported-media-type"),
    (exceptions.ParseError, "parse-error"),
    (exceptions.Throttled, "throttled"),
    (exceptions.ValidationError, "validation"),
)

# Another APIException (a library's own): the code of its status.
CODES_BY_STATUS = {
    400: "validation",
    401: "not-authenticated",
    403: "not-permitted",
    404: "not-found",
    409: "state-conflict",
    412: "precondition-failed",
    415: "unsupported-media-type",
    428: "precondition-required",
    429: "throttled",
}


class Problem(exceptions.APIException):
    """A refusal with its own code (one of TITLES): a 409 unless told otherwise. `location`,
    e.g. the existing resource's URL on a duplicate, is sent as the Location header too."""

    status_code = status.HTTP_409_CONFLICT

    def __init__(self, detail, *, code: str, status_code: int = 409, location: str = ""):
        super().__init__(detail, code)
        self.problem_code, self.status_code, self.location = code, status_code, location


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # not an API exception: Django logs it and answers 500 (server_error)
    request = context.get("request")
    response.data = problem(
        request, response.status_code, code_of(exc), getattr(exc, "detail", None)
    )
    renderer = getattr(request, "accepted_renderer", None)
    if renderer is None or renderer.format == "json":  # not the browsable API's HTML
        response.content_type = PROBLEM_JSON
    if isinstance(exc, Problem) and exc.location:
        response.data["existing"] = exc.location
        response["Location"] = exc.location
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        # DRF's handler already set Retry-After from the same whole seconds.
        response.data["retry_after"] = exc.wait
    return response


def code_of(exc) -> str:
    if isinstance(exc, Problem):
        return exc.problem_code
    codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else None
    if isinstance(codes, str) and codes in TITLES:
        return codes
    if isinstance(exc, exceptions.PermissionDenied):
        if str(exc.detail) == str(MFA_REQUIRED_MESSAGE):
            return "mfa-required"
        if str(exc.detail).startswith("CSRF Failed"):
            return "csrf-failed"
    by_class = next((code for cls, code in CODES_BY_CLASS if isinstance(exc, cls)), None)
    return by_class or CODES_BY_STATUS.get(getattr(exc, "status_code", 500), "server-error")


FIXED_MEMBERS = frozenset({"type", "code", "instance", "request_id", "errors"})


def problem(request, status_code: int, code: str, detail=None, **members) -> dict:
    """The problem document; a validation error keeps each field's messages under its name
    (a field named like a member, e.g. `title`, keeps its messages there: old clients read it)."""
    body = {
        "type": TYPE_PREFIX + code,
        "code": code,
        "title": str(TITLES.get(code, TITLES["server-error"])),
        "status": status_code,
        "instance": getattr(request, "path", None) or None,
        "request_id": _request_id(request),
        **members,
    }
    if code == "validation":
        body["errors"] = field_errors(detail)
    if isinstance(detail, dict):
        body["detail"] = str(VALIDATION_DETAIL)
        # A field may keep its messages under its name, but never in place of the members a
        # client tells causes apart by (a `?code=` filter on languages): those are in `errors`.
        body.update((key, value) for key, value in detail.items() if key not in FIXED_MEMBERS)
    else:
        body["detail"] = detail if detail is not None else body["title"]
    return {key: value for key, value in body.items() if value is not None}


def field_errors(detail, prefix: str = "") -> list[dict]:
    """Nested validation messages → a flat list of `{"field", "message", "code"}`; the
    field is a dotted path (`languages.ar`, `skills.0`), empty for the input as a whole."""
    if isinstance(detail, dict):
        items = detail.items()
    elif isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        items = ((str(index), item) for index, item in enumerate(detail))
    else:
        messages = detail if isinstance(detail, list) else [detail]
        field = "" if prefix in ("non_field_errors", "detail") else prefix
        return [
            {"field": field, "message": str(m), "code": getattr(m, "code", None) or "invalid"}
            for m in messages
        ]
    entries = []
    for key, value in items:
        entries += field_errors(value, f"{prefix}.{key}" if prefix else str(key))
    return entries


def _request_id(request) -> str | None:
    request = getattr(request, "_request", request)
    return getattr(request, "request_id", None)


def problem_response(request, status_code: int, code: str, detail=None) -> JsonResponse:
    """A problem answer outside DRF's views (unmatched API paths, server errors)."""
    body = problem(request, status_code, code, detail)
    return JsonResponse(body, status=status_code, content_type=PROBLEM_JSON)


class ApiNotFoundMiddleware:
    """An API path no route matches (e.g. `/api/v1/needs/abc/` where ids are digits) gets the
    API's 404 problem document, as the schema documents, instead of the site's HTML page.

    It also keeps a form or multipart body sent to the API readable, so that the API refuses it
    as a 415 (JSON only): a middleware after this one that reads `request.POST` (submit-once, a
    CSRF check) would otherwise consume a multipart stream, and the view would see an empty body
    (a misleading 400)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(API_PREFIX) and request.content_type in FORM_TYPES:
            try:
                request.body  # noqa: B018 — read once and kept: form parsing reads the copy
            except RequestDataTooBig:  # refused anyway: not JSON
                return problem_response(request, 415, "unsupported-media-type")
        response = self.get_response(request)
        if (
            response.status_code == 404
            and request.path.startswith(API_PREFIX)
            and getattr(request, "resolver_match", None) is None
        ):
            detail = str(exceptions.NotFound.default_detail)
            return problem_response(request, 404, "not-found", detail)
        return response
