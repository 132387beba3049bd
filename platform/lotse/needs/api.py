"""Needs in the API: create, read, change and delete within scope, plus the lifecycle actions.

A state that does not allow an action answers 409 with a message; nothing changes."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from lotse.api.concurrency import ConditionalMixin, lock_rows
from lotse.api.errors import Problem
from lotse.api.idempotency import idempotent
from lotse.api.lists import UpdatedSinceFilter
from lotse.core.permissions import IsActiveUserWithMFA, IsStaffRole
from lotse.places.models import Facility, Neighbourhood
from lotse.taxonomy.api import LanguageLevelsField

from . import services
from .models import Need, NeedRevision
from .selectors import can_post_needs, need_languages, needs_visible_to, with_open_slots

CONFLICT = OpenApiResponse(description="the need's state does not allow it; nothing changed")
DUPLICATE = OpenApiResponse(
    description="the external_id is taken: `existing` (and Location) name that need if it is "
    "yours to see; nothing was saved"
)
DUPLICATE_EXTERNAL_ID = _("A need with this external ID already exists.")
LIFECYCLE = ("publish", "fill", "reopen", "close", "cancel")


class CanPostNeeds(BasePermission):
    message = _("Your role does not allow posting needs.")

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or can_post_needs(request.user)


class NeedInput(serializers.Serializer):
    facility = serializers.PrimaryKeyRelatedField(
        queryset=Facility.objects.all(), required=False, allow_null=True
    )
    neighbourhood = serializers.PrimaryKeyRelatedField(
        queryset=Neighbourhood.objects.all(), required=False, allow_null=True,
        help_text="for district work without a facility (social workers only)",
    )  # fmt: skip
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    main_skill = serializers.CharField(help_text="a skill slug")
    skills = serializers.ListField(child=serializers.CharField(), required=False)
    languages_required = LanguageLevelsField(required=False)
    languages_preferred = LanguageLevelsField(required=False)
    schedule = serializers.CharField(
        max_length=200,
        help_text="'2026-12-03 09:00-12:00' or "
        "'weekly tue 16:00-18:00 from 2026-12-01 until 2027-03-31'",
    )
    volunteers_needed = serializers.IntegerField(required=False, default=1)
    urgency = serializers.ChoiceField(choices=Need.Urgency.values, required=False)
    requires_certificate = serializers.BooleanField(
        required=False, allow_null=True, default=None,
        help_text="left out or null: the main skill's default",
    )  # fmt: skip
    max_distance_km = serializers.FloatField(required=False, allow_null=True)
    external_id = serializers.CharField(max_length=64, required=False, allow_null=True)
    status = serializers.ChoiceField(
        choices=[Need.Status.DRAFT, Need.Status.OPEN], required=False,
        help_text="on creation only: publish at once (open, the default) or keep a draft",
    )  # fmt: skip


class NeedOutput(serializers.ModelSerializer):
    main_skill = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    skills = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    languages_required = serializers.SerializerMethodField()
    languages_preferred = serializers.SerializerMethodField()
    open_slots = serializers.SerializerMethodField()

    class Meta:
        model = Need
        fields = [
            "id", "external_id", "status", "organisation", "facility", "neighbourhood", "title",
            "description", "main_skill", "skills", "languages_required", "languages_preferred",
            "schedule", "volunteers_needed", "open_slots", "urgency", "requires_certificate",
            "max_distance_km", "created_at", "opened_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    def _languages(self, need: Need) -> tuple[dict, dict]:
        if not hasattr(need, "_languages_cache"):
            need._languages_cache = need_languages(need)
        return need._languages_cache

    def get_languages_required(self, need: Need) -> dict[str, str]:
        return LanguageLevelsField().to_representation(self._languages(need)[0])

    def get_languages_preferred(self, need: Need) -> dict[str, str]:
        return LanguageLevelsField().to_representation(self._languages(need)[1])

    def get_open_slots(self, need: Need) -> int:
        if not hasattr(need, "open_slots"):
            with_open_slots([need])
        return need.open_slots


class RevisionOutput(serializers.ModelSerializer):
    class Meta:
        model = NeedRevision
        fields = ["id", "changed_at", "changed_by", "snapshot"]
        read_only_fields = fields


class NeedFilter(filters.FilterSet):
    main_skill = filters.CharFilter(field_name="main_skill__slug")
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = Need
        fields = [
            "external_id", "status", "facility", "neighbourhood", "urgency", "main_skill",
            "updated_since",
        ]  # fmt: skip


@extend_schema_view(
    create=extend_schema(request=NeedInput, responses={201: NeedOutput, 409: DUPLICATE}),
    update=extend_schema(request=NeedInput, responses={200: NeedOutput, 409: CONFLICT}),
    partial_update=extend_schema(request=NeedInput, responses={200: NeedOutput, 409: CONFLICT}),
    destroy=extend_schema(responses={204: None, 409: CONFLICT}),
)
class NeedViewSet(ConditionalMixin, viewsets.ModelViewSet):
    """Needs within the caller's scope; another organisation's need answers 404."""

    etag_actions = ("retrieve", "update", "partial_update", *LIFECYCLE)
    if_match_actions = ("update", "partial_update", "destroy", *LIFECYCLE)
    serializer_class = NeedOutput
    permission_classes = [IsActiveUserWithMFA, IsStaffRole, CanPostNeeds]
    filterset_class = NeedFilter
    ordering_fields = ["id", "created_at", "updated_at", "opened_at", "title"]
    ordering = ["-id"]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return needs_visible_to(self.request.user).prefetch_related("skills").order_by("-pk")

    def handle_exception(self, exc):
        if isinstance(exc, services.NeedStateConflict):
            taken = str(services.ALL_PLACES_TAKEN) in exc.messages
            exc = Problem(exc.messages, code="slot-taken" if taken else "state-conflict")
        elif _is_duplicate_external_id(exc):
            exc = self._duplicate(self.request.data.get("external_id"))
        return super().handle_exception(exc)

    def _duplicate(self, external_id) -> Problem:
        existing = needs_visible_to(self.request.user).filter(external_id=external_id).first()
        url = "" if existing is None else self._url(existing)
        return Problem(DUPLICATE_EXTERNAL_ID, code="duplicate-external-id", location=url)

    def _url(self, need: Need) -> str:
        return self.request.build_absolute_uri(reverse("api:need-detail", args=[need.pk]))

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return with_open_slots(page) if page is not None else None

    @idempotent
    def create(self, request, *args, **kwargs):
        data = NeedInput(data=request.data)
        data.is_valid(raise_exception=True)
        need = services.need_create(actor=request.user, **data.validated_data)
        return Response(
            NeedOutput(need).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": self._url(need)},
        )

    def _precondition(self, need: Need):
        """If-Match checked against the need as the caller reads it, under its row lock."""
        return self.precondition(
            lock=lambda: lock_rows(Need.objects.filter(pk=need.pk)),
            current=lambda: self.get_serializer(self.get_object()).data,
        )

    def update(self, request, *args, **kwargs):
        need = self.get_object()
        partial = kwargs.get("partial", False)
        with self._precondition(need):
            data = NeedInput(data=request.data, partial=partial)
            data.is_valid(raise_exception=True)
            changes = dict(data.validated_data)
            changes.pop("status", None)
            if not partial:
                changes.setdefault("facility", None)
                changes.setdefault("neighbourhood", None)
            need = services.need_update(need=need, actor=request.user, **changes)
        return Response(NeedOutput(need).data)

    def destroy(self, request, *args, **kwargs):
        need = self.get_object()
        with self._precondition(need):
            services.need_delete(need=need, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _act(self, request, action_name: str) -> Response:
        need = self.get_object()
        with self._precondition(need):
            need = services.need_transition(need=need, actor=request.user, action=action_name)
        return Response(NeedOutput(need).data)

    @extend_schema(request=None, responses={200: NeedOutput, 409: CONFLICT})
    @action(detail=True, methods=["post"], url_path="open")
    def publish(self, request, pk=None):
        """draft → open"""
        return self._act(request, "open")

    @extend_schema(request=None, responses={200: NeedOutput, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def fill(self, request, pk=None):
        """open → filled"""
        return self._act(request, "fill")

    @extend_schema(request=None, responses={200: NeedOutput, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        """filled → open"""
        return self._act(request, "reopen")

    @extend_schema(request=None, responses={200: NeedOutput, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """open or filled → closed"""
        return self._act(request, "close")

    @extend_schema(request=None, responses={200: NeedOutput, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """draft or open → cancelled"""
        return self._act(request, "cancel")

    # A plain list, newest first: neither paginated nor filtered (so the schema says neither).
    @extend_schema(responses=RevisionOutput(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def revisions(self, request, pk=None):
        """Earlier versions of a published need, newest first."""
        need = self.get_object()
        return Response(RevisionOutput(need.revisions.all(), many=True).data)


def _is_duplicate_external_id(exc) -> bool:
    """The model's unique check on external_id refused the write (a 409, not a 400)."""
    if not isinstance(exc, DjangoValidationError) or not hasattr(exc, "error_dict"):
        return False
    return any(e.code == "unique" for e in exc.error_dict.get("external_id", []))
