"""API errors: Django's ValidationError and PermissionDenied become 400/403 with a message, and
a path under /api/ that matches no route answers like the API (JSON), not with the HTML page."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

API_PREFIX = "/api/"


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    return drf_exception_handler(exc, context)


class ApiNotFoundMiddleware:
    """An API path no route matches (e.g. `/api/v1/needs/abc/` where ids are digits) gets the
    API's 404 body, `{"detail": …}`, as the schema documents, instead of the site's HTML page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 404
            and request.path.startswith(API_PREFIX)
            and getattr(request, "resolver_match", None) is None
        ):
            detail = str(exceptions.NotFound.default_detail)
            return JsonResponse({"detail": detail}, status=404)
        return response
