"""Request id, one log line per request, and the request metrics (first in MIDDLEWARE)."""

import logging
import time

from django.conf import settings
from django.db import connection
from django.utils.functional import empty

from . import instruments, requestid

logger = logging.getLogger("lotse.request")
# Probes and scrapes come every few seconds: counted in the metrics, logged only at DEBUG.
QUIET_VIEWS = frozenset({"ops:healthz", "ops:readyz", "ops:metrics"})


class RequestIdMiddleware:
    """Take the proxy's X-Request-ID (or make one), bind it for logging, send it back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = requestid.request_id_from(request.META)
        # Bound until the response is finished (requestid unbinds on request_finished), so
        # Django's own "Not Found"/error lines, written after the middleware, carry it too.
        requestid.bind(request.request_id)
        response = self.get_response(request)
        response[requestid.HEADER] = request.request_id
        return response


def view_label(request) -> str:
    """A bounded label: the URL name, or what kind of path it was when no view matched."""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.view_name  # the URL's name, or the view's dotted path if it has none
    if request.path.startswith(settings.STATIC_URL):
        return "static"
    return "unmatched"


class _QueryCount:
    """A database execute wrapper that counts what the request sent."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class RequestMetricsMiddleware:
    """Count requests by view, method and status; time them; write one log line each, with
    the CPU time the request took in this thread and the queries it sent (what the load test
    reports per endpoint: docs/performance.md)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started, cpu_started, queries = time.perf_counter(), time.thread_time(), _QueryCount()
        with connection.execute_wrapper(queries):
            response = self.get_response(request)
        seconds = time.perf_counter() - started
        cpu_ms = (time.thread_time() - cpu_started) * 1000
        view = view_label(request)
        instruments.observe_request(
            view=view, method=request.method, status=response.status_code, seconds=seconds
        )
        logger.log(
            logging.DEBUG if view in QUIET_VIEWS else logging.INFO,
            "%s %s %s %.1f ms",
            request.method,
            request.path,
            response.status_code,
            seconds * 1000,
            extra={
                "view": view,
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round(seconds * 1000, 1),
                "cpu_ms": round(cpu_ms, 2),
                "queries": queries.count,
                "user_id": _user_id(request),
            },
        )
        return response


def _user_id(request) -> int | None:
    """The user's id if the request already loaded the user (never an extra query for this)."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None
