"""/api/v1/placements/: propose, decide, list; hours and feedback. Exactly contracts.md, plus
withdraw, complete, hours and feedback. Another organisation's placement is a 404; a role that
may not act answers 403, a state that does not allow it 409 — and nothing changes."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from lotse.api.concurrency import ConditionalMixin
from lotse.api.errors import Problem
from lotse.api.idempotency import idempotent
from lotse.api.lists import NoExternalIdFilter, UpdatedSinceFilter
from lotse.needs.models import Need
from lotse.volunteers.models import Volunteer
from lotse.volunteers.selectors import volunteer_in_scope

from .errors import PlacementConflict
from .gates import CERTIFICATE_MISSING, CODE_OF_CONDUCT_MISSING, OPEN_CONCERN
from .models import HoursEntry, Placement, PlacementEvent, RejectReason, State
from .rules import Action
from .selectors import actions_for, placement_contacts, placements_visible_to
from .services import (
    hours_confirm,
    hours_log,
    placement_feedback_give,
    placement_propose,
    placement_transition,
)
from .services.propose import ALREADY_PROPOSED
from .services.transitions import NEED_FULL
from .services.transitions import lock as lock_placement

# A group of its own: `^a|b$` would let `xxb` through (and documents that pattern).
VERBS = "(?:" + "|".join(Action.values) + ")"
VERB_PARAMETER = OpenApiParameter(
    "verb", OpenApiTypes.STR, OpenApiParameter.PATH, enum=Action.values
)
ERRORS = {
    400: OpenApiResponse(description="invalid input, e.g. a reject without reason"),
    403: OpenApiResponse(description="the caller's role or scope does not allow this"),
    409: OpenApiResponse(description="the placement's state or the need's capacity forbids it"),
}


# Read-only model fields lose `blank` in DRF; these two are blank until they apply.
class EventOutput(serializers.ModelSerializer):
    from_state = serializers.ChoiceField(State.choices, allow_blank=True, read_only=True)

    class Meta:
        model = PlacementEvent
        fields = ["action", "from_state", "to_state", "actor_role", "at", "reason", "note"]
        read_only_fields = fields


class HoursOutput(serializers.ModelSerializer):
    class Meta:
        model = HoursEntry
        fields = ["id", "date", "hours", "note", "confirmed_hours", "confirmed_at"]
        read_only_fields = fields


class PlacementNeedOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    place = serializers.CharField(help_text="the facility's name, or the neighbourhood's")


class PlacementVolunteerOutput(serializers.Serializer):
    id = serializers.IntegerField()
    display_name = serializers.CharField()


class FacilityContactOutput(serializers.Serializer):
    """What the volunteer learns once a social worker approved; the facility's part only when
    the need has a facility (not for district work)."""

    social_worker = serializers.CharField()
    social_worker_email = serializers.CharField()
    facility = serializers.CharField(required=False)
    address = serializers.CharField(required=False)
    phone = serializers.CharField(required=False)
    consultation_hours = serializers.CharField(required=False)
    contact_persons = serializers.ListField(child=serializers.CharField(), required=False)


class VolunteerContactOutput(serializers.Serializer):
    name = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField()


class ContactsOutput(serializers.Serializer):
    """The other side's contact data as far as the caller may see it now (else null)."""

    facility = FacilityContactOutput(allow_null=True)
    volunteer = VolunteerContactOutput(allow_null=True)


class FeedbackOutput(serializers.Serializer):
    detail = serializers.CharField(help_text="`ok`")


class PlacementOutput(serializers.ModelSerializer):
    need = serializers.SerializerMethodField()
    volunteer = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()
    contacts = serializers.SerializerMethodField()
    reject_reason = serializers.ChoiceField(RejectReason.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Placement
        fields = [
            "id", "need", "volunteer", "state", "origin", "accepted_at", "approved_at",
            "activated_at", "closed_at", "reject_reason", "reason_note", "created_at",
            "updated_at", "actions", "contacts",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(PlacementNeedOutput)
    def get_need(self, placement) -> dict:
        need = placement.need
        place = need.facility.name if need.facility_id else need.neighbourhood.name
        return {"id": need.pk, "title": need.title, "place": place}

    @extend_schema_field(PlacementVolunteerOutput(allow_null=True))
    def get_volunteer(self, placement) -> dict | None:
        v = placement.volunteer
        return {"id": v.pk, "display_name": v.display_name} if v else None

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(Action.choices)))
    def get_actions(self, placement) -> list[str]:
        return actions_for(user=self.context["request"].user, placement=placement)

    @extend_schema_field(ContactsOutput)
    def get_contacts(self, placement) -> dict:
        return placement_contacts(user=self.context["request"].user, placement=placement)


class PlacementDetailOutput(PlacementOutput):
    events = EventOutput(many=True, read_only=True)
    hours = HoursOutput(many=True, read_only=True)

    class Meta(PlacementOutput.Meta):
        fields = [*PlacementOutput.Meta.fields, "message", "events", "hours"]
        read_only_fields = fields


class PlacementFilter(filters.FilterSet):
    updated_since = UpdatedSinceFilter()
    external_id = NoExternalIdFilter()

    class Meta:
        model = Placement
        fields = ["state", "need", "origin", "updated_since", "external_id"]


class PlacementViewSet(
    ConditionalMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Placements the caller may see: volunteers their own, staff their organisation's."""

    etag_actions = ("retrieve", "transition")
    if_match_actions = ("transition",)

    filterset_class = PlacementFilter
    ordering_fields = ["id", "created_at", "updated_at"]
    ordering = ["-created_at", "-id"]

    class CreateInput(serializers.Serializer):
        need = serializers.IntegerField()
        volunteer = serializers.IntegerField(
            required=False, help_text="Leave out when a volunteer offers themselves."
        )
        message = serializers.CharField(required=False, allow_blank=True, max_length=1000)
        origin = serializers.ChoiceField(["social_worker", "global_run"], required=False)

    class ReasonInput(serializers.Serializer):
        reason = serializers.CharField(required=False, allow_blank=True, max_length=1000)
        note = serializers.CharField(required=False, allow_blank=True, max_length=1000)

    class HoursInput(serializers.Serializer):
        date = serializers.DateField()
        hours = serializers.DecimalField(max_digits=5, decimal_places=2)
        note = serializers.CharField(required=False, allow_blank=True, max_length=200)

    class ConfirmInput(serializers.Serializer):
        hours = serializers.DecimalField(max_digits=5, decimal_places=2, required=False)

    class FeedbackInput(serializers.Serializer):
        text = serializers.CharField(max_length=2000)

    def get_queryset(self):
        return placements_visible_to(self.request.user).order_by("-created_at", "-pk")

    def get_serializer_class(self):
        return PlacementDetailOutput if self.action == "retrieve" else PlacementOutput

    def handle_exception(self, exc):
        if isinstance(exc, PlacementConflict):
            exc = Problem(exc.message, code=_conflict_code(exc.message))
        elif isinstance(exc, DjangoValidationError) and _gate_code(exc.messages):
            # The safeguarding gates refuse an approval: still a 400, as before, with a code.
            exc = Problem(exc.messages, code=_gate_code(exc.messages), status_code=400)
        return super().handle_exception(exc)

    def _detail(self, placement, code=status.HTTP_200_OK) -> Response:
        body = self._representation(placement)
        if code == status.HTTP_201_CREATED:
            return Response(body, status=code, headers={"Location": self._url(placement)})
        return Response(body, status=code)

    def _representation(self, placement) -> dict:
        """The placement as GET /placements/{id}/ shows it to the caller, read now."""
        placement = self.get_queryset().get(pk=placement.pk)
        return PlacementDetailOutput(placement, context=self.get_serializer_context()).data

    def _url(self, placement) -> str:
        url = reverse("api:placement-detail", args=[placement.pk])
        return self.request.build_absolute_uri(url)

    @extend_schema(
        request=CreateInput,
        responses={
            201: PlacementDetailOutput,
            404: OpenApiResponse(description="no such need, or no such volunteer"),
            **ERRORS,
        },
    )
    @idempotent
    def create(self, request):
        data = self.CreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        need = get_object_or_404(Need, pk=data.validated_data["need"])
        volunteer_id = data.validated_data.get("volunteer")
        if volunteer_id is None:
            volunteer = get_object_or_404(Volunteer, user=request.user)
        else:
            try:
                volunteer = volunteer_in_scope(request.user, volunteer_id, need=need)
            except Volunteer.DoesNotExist:
                raise Http404 from None
        placement = placement_propose(
            need=need,
            volunteer=volunteer,
            actor=request.user,
            origin=data.validated_data.get("origin"),
            message=data.validated_data.get("message", ""),
        )
        return self._detail(placement, status.HTTP_201_CREATED)

    @extend_schema(
        operation_id="v1_placements_transition",
        parameters=[VERB_PARAMETER],
        description=f"One of {', '.join(Action.values)}; `reason` is required for reject "
        "(language, distance, availability, safeguarding, enough_help, or other with `note`).",
        request=ReasonInput,
        responses={200: PlacementDetailOutput, **ERRORS},
    )
    @action(detail=True, methods=["post"], url_path=rf"(?P<verb>{VERBS})")
    def transition(self, request, pk=None, verb=None):
        placement = self.get_object()
        # The service's own lock order (need → volunteer → placement): no deadlock with it.
        with self.precondition(
            lock=lambda: lock_placement(placement),
            current=lambda: self._representation(placement),
        ):
            data = self.ReasonInput(data=request.data)
            data.is_valid(raise_exception=True)
            placement = placement_transition(
                action=verb,
                placement=placement,
                actor=request.user,
                reason=data.validated_data.get("reason"),
                note=data.validated_data.get("note", ""),
            )
        return self._detail(placement)

    @extend_schema(request=HoursInput, responses={201: HoursOutput, **ERRORS})
    @idempotent
    @action(detail=True, methods=["post"], url_path="hours")
    def log_hours(self, request, pk=None):
        placement = self.get_object()
        data = self.HoursInput(data=request.data)
        data.is_valid(raise_exception=True)
        entry = hours_log(placement=placement, actor=request.user, **data.validated_data)
        # An entry has no URL of its own: it is listed in the placement's `hours`.
        return Response(
            HoursOutput(entry).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": self._url(placement)},
        )

    @extend_schema(request=ConfirmInput, responses={200: HoursOutput, **ERRORS})
    @action(detail=True, methods=["post"], url_path=r"hours/(?P<entry_id>[0-9]+)/confirm")
    def confirm_hours(self, request, pk=None, entry_id=None):
        placement = self.get_object()
        entry = get_object_or_404(placement.hours, pk=entry_id)
        data = self.ConfirmInput(data=request.data)
        data.is_valid(raise_exception=True)
        entry = hours_confirm(
            entry=entry, actor=request.user, hours=data.validated_data.get("hours")
        )
        return Response(HoursOutput(entry).data)

    @extend_schema(request=FeedbackInput, responses={201: FeedbackOutput, **ERRORS})
    @idempotent
    @action(detail=True, methods=["post"])
    def feedback(self, request, pk=None):
        placement = self.get_object()
        data = self.FeedbackInput(data=request.data)
        data.is_valid(raise_exception=True)
        placement_feedback_give(
            placement=placement, actor=request.user, text=data.validated_data["text"]
        )
        return Response(
            {"detail": "ok"},
            status=status.HTTP_201_CREATED,
            headers={"Location": self._url(placement)},  # feedback has no URL of its own
        )


def _conflict_code(message: str) -> str:
    if message in (str(NEED_FULL),):
        return "slot-taken"
    if message == str(ALREADY_PROPOSED):
        return "already-proposed"
    return "state-conflict"


def _gate_code(messages: list[str]) -> str:
    if str(CERTIFICATE_MISSING) in messages:
        return "certificate-missing"
    gates = {str(CODE_OF_CONDUCT_MISSING), str(OPEN_CONCERN)}
    return "safeguarding" if gates.intersection(messages) else ""
