"""/api/v1/volunteers/me/export/ (all my data as JSON) and the erasure behind
DELETE /api/v1/volunteers/me/ (the volunteers app's MeApi delegates to `erase_me`)."""

from django.conf import settings
from django.contrib.auth import logout
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.throttling import UserRateThrottle
from rest_framework.views import APIView

from lotse.accounts.permissions import IsActiveUserWithMFA
from lotse.web.api_ratelimit import RateLimitHeadersMixin

from .export import personal_data
from .services import account_erase


class ExportRateThrottle(RateLimitHeadersMixin, UserRateThrottle):
    scope = "privacy_export"

    def get_rate(self):
        return settings.LOTSE_EXPORT_RATE


# A record's fields as stored: any JSON value (text, numbers, yes/no, null, lists of names for
# relations, objects for JSON fields such as a notification's context). Typed to three levels
# as unions of typed members: a generated client can type neither an empty schema nor "array"
# without items nor a recursive union (openapi-python-client 0.29 warns on each).
SCALARS = ({"type": "string"}, {"type": "number"}, {"type": "boolean"}, {"type": "null"})
DEEPEST = {"type": ["string", "number", "boolean", "null", "object"]}
NESTED = {"anyOf": [*SCALARS, {"type": "object"}, {"type": "array", "items": DEEPEST}]}
FIELD_VALUE = {
    "anyOf": [
        *SCALARS,
        {"type": "array", "items": NESTED},
        {"type": "object", "additionalProperties": NESTED},
    ]
}


@extend_schema_field({"type": "object", "additionalProperties": FIELD_VALUE})
class RecordField(serializers.DictField):
    pass


class ExportSectionOutput(serializers.Serializer):
    model = serializers.CharField(help_text="app_label.model_name, e.g. volunteers.volunteer")
    title = serializers.CharField()
    records = serializers.ListField(child=RecordField(), help_text="one object per record")


class ExportOutput(serializers.Serializer):
    format = serializers.CharField(help_text="lotse-personal-data/1")
    generated_at = serializers.DateTimeField()
    sections = ExportSectionOutput(many=True)
    withheld = serializers.ListField(
        child=serializers.CharField(), help_text="what is left out, and why"
    )


class MyDataExportApi(APIView):
    """Every personal field the platform holds about the caller; never anyone else's."""

    permission_classes = [IsActiveUserWithMFA]
    throttle_classes = [ExportRateThrottle]

    @extend_schema(
        responses={200: OpenApiResponse(ExportOutput, description="the export document")}
    )
    def get(self, request):
        response = Response(personal_data(request.user))
        response["Content-Disposition"] = 'attachment; filename="lotse-my-data.json"'
        response["Cache-Control"] = "no-store"
        return response


ERASE_RESPONSES = {
    204: OpenApiResponse(description="erased: personal data gone, aggregates kept"),
    403: OpenApiResponse(description="staff accounts are closed by an administrator"),
}


def erase_me(request) -> Response:
    """Erase the caller's account at once and end their session."""
    account_erase(user=request.user)
    logout(request._request if hasattr(request, "_request") else request)
    return Response(status=status.HTTP_204_NO_CONTENT)
