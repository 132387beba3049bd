"""Unknown query parameters are refused: `?externalid=x` (a typo) must not quietly answer the
whole list. The parameters an operation accepts are exactly those its OpenAPI operation
documents (drf-spectacular's own inspection of the view: filters, ordering, pages and the
parameters a view declares), plus `format`; so the check can never drift from the schema.

The check runs before the view, like the route itself: a request with an unknown parameter
answers 400 `unknown-query-parameter` with the `allowed` ones, whoever sends it (the names are
public in the schema)."""

import threading
from functools import cache

from django.http import JsonResponse
from django.utils.translation import gettext as _
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.plumbing import ComponentRegistry
from drf_spectacular.settings import spectacular_settings

from .errors import PROBLEM_JSON, problem

CODE = "unknown-query-parameter"
# DRF's answer format override (`?format=json`): accepted everywhere, not one operation's.
UNIVERSAL = frozenset({"format"})
API_PREFIX = "/api/v1/"
PATH_PREFIX = r"^/api/v\d+"
_lock = threading.Lock()


@cache
def _endpoints() -> dict:
    """(view callback, METHOD) → (path, path_regex) of every operation in the schema."""
    generator = SchemaGenerator()
    generator._initialise_endpoints()
    return {
        (callback, method): (path, regex) for path, regex, method, callback in generator.endpoints
    }


_documented: dict = {}


def documented_query_parameters(callback, method: str) -> frozenset[str] | None:
    """The query parameters the schema documents for this operation; None if it has none."""
    key = (callback, "GET" if method == "HEAD" else method)
    if key not in _documented:
        with _lock:
            if key not in _documented:
                _documented[key] = _inspect(*key)
    return _documented[key]


def _inspect(callback, method: str) -> frozenset[str] | None:
    found = _endpoints().get((callback, method))
    if found is None:
        return None
    path, path_regex = found
    generator = SchemaGenerator()
    view = generator.create_view(callback, method)
    path = generator.coerce_path(path, method, view)
    view.request = spectacular_settings.GET_MOCK_REQUEST(method, path, view, None)
    with GENERATOR_STATS.silence():  # the schema's warnings are for `manage.py spectacular`
        operation = view.schema.get_operation(
            path, path_regex, PATH_PREFIX, method, ComponentRegistry()
        )
    if not operation:
        return None
    return frozenset(p["name"] for p in operation.get("parameters", []) if p["in"] == "query")


def allowed_query_parameters(callback, method: str) -> list[str] | None:
    documented = documented_query_parameters(callback, method)
    return None if documented is None else sorted(documented | UNIVERSAL)


class UnknownQueryParameterMiddleware:
    """An API operation asked with a query parameter it does not document answers 400."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path.startswith(API_PREFIX) or not request.GET:
            return None
        allowed = allowed_query_parameters(view_func, request.method)
        if allowed is None:
            return None  # not an operation of the schema (e.g. OPTIONS): nothing to check
        unknown = sorted(set(request.GET) - set(allowed))
        if not unknown:
            return None
        return unknown_parameters_response(request, unknown, allowed)


def unknown_parameters_response(request, unknown: list[str], allowed: list[str]):
    detail = _("Unknown query parameter: %(unknown)s. Allowed: %(allowed)s.") % {
        "unknown": ", ".join(unknown),
        "allowed": ", ".join(allowed),
    }
    body = problem(request, 400, CODE, detail, allowed=allowed)
    return JsonResponse(body, status=400, content_type=PROBLEM_JSON)
