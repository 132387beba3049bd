"""Probes and metrics for the operations team; no login, no session, never cached."""

from django.http import Http404, HttpResponse, HttpResponseForbidden, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .metrics import CONTENT_TYPE, metrics_access, render_metrics
from .readiness import readiness


@never_cache
@require_GET
def healthz(request):
    """Liveness: the process answers. It checks nothing else, so a restart cannot fix more."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request):
    """Readiness: database, cache and broker reachable; 503 names the part that is not."""
    result = readiness()
    return JsonResponse(
        {"status": "ok" if result.ready else "unavailable", "checks": result.checks},
        status=200 if result.ready else 503,
    )


@never_cache
@require_GET
def metrics(request):
    access = metrics_access(request)
    if access == "disabled":
        raise Http404("metrics are not configured")
    if access != "ok":
        return HttpResponseForbidden("metrics: token or network not allowed")
    return HttpResponse(render_metrics(), content_type=CONTENT_TYPE)
