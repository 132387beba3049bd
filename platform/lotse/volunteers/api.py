"""Volunteers in the API: myself through /me, and (for social workers and administrators) the
volunteers within reach of their facilities, without contact details until a placement."""

import numpy as np
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from lotse.api.concurrency import ConditionalMixin, lock_rows
from lotse.api.idempotency import idempotent
from lotse.api.lists import UpdatedSinceFilter
from lotse.core.permissions import IsActiveUserWithMFA, IsVolunteer
from lotse.places.selectors import facilities_visible_to
from lotse.taxonomy.api import LanguageLevelsField
from matching.geo import haversine_km

from . import services
from .consents import consent_hooks
from .forms import profile_of, service_kwargs
from .models import TravelMode, Volunteer
from .selectors import (
    can_see_volunteers,
    certificate_status,
    contact_released_to,
    volunteer_of,
    volunteers_visible_to,
)

NO_PROFILE = _("You have no volunteer profile yet.")
NO_PROFILE_RESPONSE = OpenApiResponse(description="the caller has no volunteer profile yet")
UNKNOWN_FACILITY = _("Unknown facility.")


class CanSeeVolunteers(BasePermission):
    message = _("Only social workers and administrators see volunteers.")

    def has_permission(self, request, view) -> bool:
        return can_see_volunteers(request.user)


class CertificateOutput(serializers.Serializer):
    needed = serializers.BooleanField()
    state = serializers.CharField(help_text="missing, valid, expiring, expired or disqualified")
    valid_until = serializers.DateField(allow_null=True)


class ContactOutput(serializers.Serializer):
    full_name = serializers.CharField()
    email = serializers.EmailField()
    phone = serializers.CharField()
    street = serializers.CharField()
    postcode = serializers.CharField()


def _contact(volunteer: Volunteer) -> dict:
    user = volunteer.user
    return {
        "full_name": user.get_full_name(),
        "email": user.email,
        "phone": volunteer.phone,
        "street": volunteer.street,
        "postcode": volunteer.postcode.code,
    }


def _common(volunteer: Volunteer) -> dict:
    return {
        "id": volunteer.pk,
        "external_id": volunteer.external_id,
        "display_name": volunteer.display_name,
        "skills": sorted(s.slug for s in volunteer.skills.all()),
        "languages": {vl.language.code: vl.level for vl in volunteer.languages.all()},
        "availability": volunteer.availability,
        "max_hours_per_month": volunteer.max_hours_per_month,
        "travel_modes": volunteer.travel_modes,
        "available_from": volunteer.available_from,
        "available_until": volunteer.available_until,
        "paused_until": volunteer.paused_until,
    }


class VolunteerOutput(serializers.Serializer):
    """What staff see. `contact` is null until a placement with this volunteer is agreed."""

    id = serializers.IntegerField()
    external_id = serializers.CharField(allow_null=True)
    display_name = serializers.CharField()
    skills = serializers.ListField(child=serializers.CharField())
    languages = LanguageLevelsField()
    availability = serializers.CharField()
    max_hours_per_month = serializers.IntegerField(allow_null=True)
    travel_modes = serializers.ListField(child=serializers.CharField())
    available_from = serializers.DateField(allow_null=True)
    available_until = serializers.DateField(allow_null=True)
    paused_until = serializers.DateField(allow_null=True)
    distance_km = serializers.FloatField(allow_null=True)
    certificate = CertificateOutput()
    contact = ContactOutput(allow_null=True)
    updated_at = serializers.DateTimeField()


class VolunteerFilter(filters.FilterSet):
    external_id = filters.CharFilter()
    skill = filters.CharFilter(field_name="skills__slug", distinct=True)
    language = filters.CharFilter(field_name="languages__language__code", distinct=True)
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = Volunteer
        fields = ["external_id", "skill", "language", "updated_since"]


FACILITY_PARAMETER = OpenApiParameter(
    "facility", int, description="a facility in your scope: adds distance_km, nearest first"
)


# Not on certificate-inspections, which takes no query parameter.
@extend_schema_view(
    list=extend_schema(parameters=[FACILITY_PARAMETER]),
    retrieve=extend_schema(parameters=[FACILITY_PARAMETER]),
)
class VolunteerViewSet(
    ConditionalMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Volunteers within reach of the caller's facilities (social workers) or all (admins)."""

    etag_actions = ("retrieve",)
    serializer_class = VolunteerOutput
    permission_classes = [IsActiveUserWithMFA, CanSeeVolunteers]
    filterset_class = VolunteerFilter
    # `facility` sorts nearest first; the ordering then decides between equally near ones.
    ordering_fields = ["id", "updated_at"]
    ordering = ["id"]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return volunteers_visible_to(self.request.user).order_by("pk")

    def _facility(self):
        raw = self.request.query_params.get("facility")
        if not raw:
            return None
        facility = (
            facilities_visible_to(self.request.user).filter(pk=raw).first()
            if raw.isdigit()
            else None
        )
        if facility is None:
            raise ValidationError({"facility": [UNKNOWN_FACILITY]})
        return facility

    def _row(self, volunteer: Volunteer, facility) -> dict:
        distance = None
        if facility is not None:
            distance = round(
                float(haversine_km(volunteer.lat, volunteer.lon, facility.lat, facility.lon)), 1
            )
        released = contact_released_to(self.request.user, volunteer)
        return _common(volunteer) | {
            "distance_km": distance,
            "certificate": certificate_status(volunteer, reader=self.request.user).__dict__,
            "contact": _contact(volunteer) if released else None,
            "updated_at": volunteer.updated_at,
        }

    def list(self, request, *args, **kwargs):
        facility = self._facility()
        volunteers = self.filter_queryset(self.get_queryset())
        if facility is not None:
            volunteers = _nearest_first(volunteers, facility)
        page = self.paginate_queryset(volunteers)
        rows = [self._row(v, facility) for v in page]
        return self.get_paginated_response(VolunteerOutput(rows, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        volunteer = self.get_object()
        return Response(VolunteerOutput(self._row(volunteer, self._facility())).data)

    class InspectionInput(serializers.Serializer):
        certificate_date = serializers.DateField()
        inspected_on = serializers.DateField()
        disqualifying_conviction = serializers.BooleanField(default=False)

    @extend_schema(request=InspectionInput, responses={201: CertificateOutput})
    @idempotent
    @action(detail=True, methods=["post"], url_path="certificate-inspections")
    def certificate_inspections(self, request, pk=None):
        """Record that a certificate of conduct was inspected (no copy, no free text)."""
        volunteer = self.get_object()
        data = self.InspectionInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.certificate_inspection_record(
            volunteer=volunteer, actor=request.user, **data.validated_data
        )
        status_now = certificate_status(volunteer, reader=request.user)
        # The inspection has no URL of its own; the volunteer shows its `certificate`.
        url = request.build_absolute_uri(reverse("api:volunteer-detail", args=[volunteer.pk]))
        return Response(
            CertificateOutput(status_now.__dict__).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": url},
        )


def _nearest_first(volunteers, facility) -> list[Volunteer]:
    rows = list(volunteers.values_list("pk", "lat", "lon"))
    if not rows:
        return []
    ids, lat, lon = (np.array(column) for column in zip(*rows, strict=True))
    order = ids[np.argsort(haversine_km(lat, lon, facility.lat, facility.lon), kind="stable")]
    by_id = {v.pk: v for v in volunteers}
    return [by_id[int(pk)] for pk in order]


# A consent as /me shows it and the privacy app's consent API answers (a comment, not a
# docstring: the schema would take it as the component's description).
class ConsentOutput(serializers.Serializer):
    kind = serializers.CharField()
    current_version = serializers.CharField()
    agreed_version = serializers.CharField(allow_null=True)
    given_at = serializers.DateTimeField(allow_null=True)
    is_current = serializers.BooleanField()


def consents_output(states) -> list[dict]:
    """ConsentOutput's rows for the consent states of a volunteer (see consents.py)."""
    return [
        {
            "kind": state.kind,
            "current_version": state.current_version,
            "agreed_version": state.standing.version if state.standing else None,
            "given_at": state.standing.given_at if state.standing else None,
            "is_current": state.is_current,
        }
        for state in states
    ]


class MeApi(ConditionalMixin, APIView):
    """My own profile: read it, create it (with both consents) or change it."""

    permission_classes = [IsActiveUserWithMFA, IsVolunteer]
    etag_actions = ("get", "put", "patch")
    if_match_actions = ("put", "patch")

    class MeInput(serializers.Serializer):
        first_name = serializers.CharField(max_length=100, required=False)
        last_name = serializers.CharField(max_length=100, required=False)
        phone = serializers.CharField(max_length=50, required=False, allow_blank=True)
        postcode = serializers.CharField(max_length=10)
        street = serializers.CharField(max_length=200, required=False, allow_blank=True)
        max_distance_km = serializers.FloatField()
        travel_modes = serializers.ListField(
            child=serializers.ChoiceField(choices=TravelMode.values), required=False
        )
        skills = serializers.ListField(child=serializers.CharField(), required=False)
        languages = LanguageLevelsField(required=False)
        availability = serializers.CharField(max_length=500)
        max_hours_per_month = serializers.IntegerField(
            min_value=1, max_value=200, required=False, allow_null=True
        )
        available_from = serializers.DateField(required=False, allow_null=True)
        available_until = serializers.DateField(required=False, allow_null=True)
        motivation = serializers.CharField(max_length=1000, required=False, allow_blank=True)
        privacy_accepted = serializers.BooleanField(
            required=False, help_text="needed when the profile is created"
        )
        code_of_conduct_accepted = serializers.BooleanField(
            required=False, help_text="needed when the profile is created"
        )

    class MeOutput(serializers.Serializer):
        id = serializers.IntegerField()
        external_id = serializers.CharField(allow_null=True)
        display_name = serializers.CharField()
        email = serializers.EmailField()
        first_name = serializers.CharField()
        last_name = serializers.CharField()
        phone = serializers.CharField()
        postcode = serializers.CharField()
        street = serializers.CharField()
        max_distance_km = serializers.FloatField()
        travel_modes = serializers.ListField(child=serializers.CharField())
        skills = serializers.ListField(child=serializers.CharField())
        languages = LanguageLevelsField()
        availability = serializers.CharField()
        max_hours_per_month = serializers.IntegerField(allow_null=True)
        available_from = serializers.DateField(allow_null=True)
        available_until = serializers.DateField(allow_null=True)
        paused_until = serializers.DateField(allow_null=True)
        motivation = serializers.CharField()
        certificate = CertificateOutput()
        consents = ConsentOutput(many=True)

    def _output(self, volunteer: Volunteer) -> Response:
        return Response(self._data(volunteer))

    def _data(self, volunteer: Volunteer) -> dict:
        volunteer = Volunteer.objects.select_related("user", "postcode").get(pk=volunteer.pk)
        user = volunteer.user
        data = _common(volunteer) | profile_of(volunteer)
        data |= {
            "email": user.email,
            "paused_until": volunteer.paused_until,
            "available_from": volunteer.available_from,
            "available_until": volunteer.available_until,
            "certificate": certificate_status(volunteer).__dict__,
            "consents": consents_output(consent_hooks().states(user)),
        }
        return self.MeOutput(data).data

    def _precondition(self, request, *, erase: bool = False):
        """If-Match checked against my profile as GET shows it (none yet: no tag matches),
        under the locks the service takes first: account → profile for a change, the account
        for an erasure (the privacy app's DELETE; it goes on to lock needs before profiles)."""

        def current():
            volunteer = volunteer_of(request.user)
            return None if volunteer is None else self._data(volunteer)

        rows = [get_user_model().objects.filter(pk=request.user.pk)]
        if not erase:
            rows.append(Volunteer.objects.filter(user=request.user))
        return self.precondition(lock=lambda: lock_rows(*rows), current=current)

    @extend_schema(responses={200: MeOutput, 404: NO_PROFILE_RESPONSE})
    def get(self, request):
        volunteer = volunteer_of(request.user)
        if volunteer is None:
            raise NotFound(NO_PROFILE)
        return self._output(volunteer)

    @extend_schema(request=MeInput, responses=MeOutput)
    def put(self, request):
        with self._precondition(request):
            return self._save(request, partial=False)

    @extend_schema(request=MeInput, responses={200: MeOutput, 404: NO_PROFILE_RESPONSE})
    def patch(self, request):
        if volunteer_of(request.user) is None:
            raise NotFound(NO_PROFILE)  # before If-Match (RFC 9110 13.2.1): nothing to change
        with self._precondition(request):
            return self._save(request, partial=True)

    def _save(self, request, *, partial: bool) -> Response:
        volunteer = volunteer_of(request.user)
        if volunteer is None and partial:
            raise NotFound(NO_PROFILE)
        data = self.MeInput(data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        privacy = changes.pop("privacy_accepted", False)
        conduct = changes.pop("code_of_conduct_accepted", False)
        if volunteer is None:
            volunteer = services.volunteer_register(
                user=request.user,
                privacy_accepted=privacy,
                code_of_conduct_accepted=conduct,
                **changes,
            )
            return self._output(volunteer)
        profile = service_kwargs(profile_of(volunteer)) if partial else {}
        volunteer = services.volunteer_profile_save(user=request.user, **(profile | changes))
        return self._output(volunteer)
