"""The site's error pages for people; API paths keep answering JSON (lotse.api.errors).

404, 403 and 400 are Django's own views rendering our templates (404.html, 403.html, 400.html);
the two here need more: the server error page must render when the database, the session or a
context processor is what failed, and the CSRF page offers to reload the form it came from.
"""

import logging

from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from rest_framework import exceptions

from lotse.api.errors import API_PREFIX, problem_response

logger = logging.getLogger(__name__)

# Last resort when even 500.html cannot be rendered (a broken template or static manifest).
BARE_SERVER_ERROR = (
    '<!DOCTYPE html><html lang="de"><meta charset="utf-8"><title>Lotse</title>'
    "<h1>Es ist ein Fehler aufgetreten. / Something went wrong.</h1>"
    '<p><a href="/">Zur Startseite / Start page</a></p></html>'
)


def server_error(request):
    """handler500: no request context (no session, user or database), only settings."""
    if request.path.startswith(API_PREFIX):
        detail = str(exceptions.APIException.default_detail)
        return problem_response(request, 500, "server-error", detail)
    context = {"city_name": settings.LOTSE_CITY_NAME, "city_logo": settings.LOTSE_CITY_LOGO}
    try:
        body = render_to_string("500.html", context)
    except Exception:  # the page for failures must not fail itself
        logger.exception("500.html could not be rendered")
        body = BARE_SERVER_ERROR
    return HttpResponseServerError(body)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: explain, and link back to the page the form was on (same site only)."""
    if request.path.startswith(API_PREFIX):
        return problem_response(request, 403, "csrf-failed", f"CSRF Failed: {reason}")
    return render(request, "403_csrf.html", {"reload_url": _form_page(request)}, status=403)


def _form_page(request) -> str:
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return request.get_full_path()
