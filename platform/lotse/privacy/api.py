"""The privacy app in the API: /volunteers/me/export/ (all my data as JSON), my consents
(/volunteers/me/consents/{kind}/) and the erasure behind DELETE /volunteers/me/ (the volunteers
app's MeApi with DELETE added)."""

from django.conf import settings
from django.contrib.auth import logout
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.throttling import UserRateThrottle
from rest_framework.views import APIView

from lotse.api.ratelimit import RateLimitHeadersMixin
from lotse.core.permissions import IsActiveUserWithMFA, IsVolunteer
from lotse.volunteers.api import ConsentOutput, MeApi, consents_output

from .export import personal_data
from .models import Consent
from .selectors import consent_states
from .services import account_erase, consent_give_current, consent_withdraw


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


# No docstring of its own: GET, PUT and PATCH keep the description of the volunteers' MeApi.
class MeWithErasureApi(MeApi):
    if_match_actions = (*MeApi.if_match_actions, "delete")

    @extend_schema(request=None, responses=ERASE_RESPONSES)
    def delete(self, request):
        """Erase my account at once (privacy app); hours and counts stay, anonymous."""
        with self._precondition(request, erase=True):
            return erase_me(request)


class MyConsentApi(APIView):
    """Agree to the current version of a text (POST) or withdraw (DELETE)."""

    permission_classes = [IsActiveUserWithMFA, IsVolunteer]

    @extend_schema(request=None, responses=ConsentOutput(many=True))
    def post(self, request, kind: str):
        self._check(kind)
        consent_give_current(user=request.user, kind=kind)
        return self._consents(request.user)

    # A plain serializer would be documented as 204 for DELETE; it answers 200 with the list.
    @extend_schema(request=None, responses={200: ConsentOutput(many=True)})
    def delete(self, request, kind: str):
        self._check(kind)
        consent_withdraw(user=request.user, kind=kind)
        return self._consents(request.user)

    @staticmethod
    def _check(kind: str) -> None:
        if kind not in Consent.Kind.values:
            raise NotFound()

    @staticmethod
    def _consents(user) -> Response:
        return Response(ConsentOutput(consents_output(consent_states(user)), many=True).data)
