"""/api/v1/concerns/: raise (also without login, rate-limited), and case handling for the
facility's contact persons and district coordinators. Anyone else reading one gets a 404; a
state that forbids an action is a 409. Every read is written to the access log."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from lotse.api.errors import Problem
from lotse.api.idempotency import idempotent
from lotse.core.audit import access_log_record, access_log_record_many
from lotse.core.permissions import IsActiveUserWithMFA

from . import services
from .models import Category, Concern, Subject
from .references import MAX_TYPED
from .selectors import (
    can_handle_concerns,
    concern_by_reference,
    concerns_raised_by,
    concerns_visible_to,
)
from .throttles import ConcernRateThrottle, ConcernStatusThrottle

READ_PURPOSE = "case handling: concern read"
LIST_PURPOSE = "case handling: concern list"
ERRORS = {
    400: OpenApiResponse(description="invalid input; nothing was saved"),
    403: OpenApiResponse(description="not a contact person or coordinator for this concern"),
    404: OpenApiResponse(description="no such concern within the caller's reach"),
    409: OpenApiResponse(description="the concern's status forbids this"),
}


class NoteOutput(serializers.Serializer):
    author = serializers.CharField(source="author_label")
    author_role = serializers.CharField()
    text = serializers.CharField()
    created_at = serializers.DateTimeField()


class ConcernSummaryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    facility = serializers.CharField(source="facility.name")
    category = serializers.CharField()
    subject = serializers.CharField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()
    response_due_at = serializers.DateTimeField()
    overdue = serializers.BooleanField(source="is_overdue")


class ReporterOutput(serializers.Serializer):
    name = serializers.CharField()
    email = serializers.CharField()


class ConcernContactOutput(serializers.Serializer):
    """What the reporter gave to be reached on (each may be blank)."""

    name = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField()


class ConcernVolunteerOutput(serializers.Serializer):
    id = serializers.IntegerField()
    display_name = serializers.CharField()


class ConcernDetailOutput(ConcernSummaryOutput):
    facility_id = serializers.IntegerField()
    text = serializers.CharField()
    person_named = serializers.CharField()
    reporter = serializers.SerializerMethodField()
    contact = serializers.SerializerMethodField()
    volunteer = serializers.SerializerMethodField()
    suspends_placements = serializers.BooleanField()
    acknowledged_at = serializers.DateTimeField(allow_null=True)
    resolved_at = serializers.DateTimeField(allow_null=True)
    resolution = serializers.CharField()
    notes = serializers.SerializerMethodField()

    @extend_schema_field(ReporterOutput(allow_null=True))
    def get_reporter(self, concern) -> dict | None:
        if concern.reporter_id is None or concern.reporter_hidden:
            return None
        return {"name": concern.reporter.get_full_name(), "email": concern.reporter.email}

    @extend_schema_field(ConcernContactOutput)
    def get_contact(self, concern) -> dict:
        return {
            "name": concern.contact,
            "email": concern.contact_email,
            "phone": concern.contact_phone,
        }

    @extend_schema_field(ConcernVolunteerOutput(allow_null=True))
    def get_volunteer(self, concern) -> dict | None:
        v = concern.volunteer
        return None if v is None else {"id": v.pk, "display_name": v.display_name}

    @extend_schema_field(NoteOutput(many=True))
    def get_notes(self, concern) -> list[dict]:
        notes = concern.notes.select_related("author")
        for note in notes:
            note.author_label = note.author.get_full_name() if note.author else "–"
        return NoteOutput(notes, many=True).data


class ConcernsApi(GenericAPIView):
    """POST: anyone raises a concern. GET: the concerns the caller handles."""

    serializer_class = ConcernSummaryOutput
    queryset = Concern.objects.none()  # for the schema; reads go through the selectors
    ordering_fields = ["id", "created_at", "response_due_at"]
    ordering = ["-created_at", "-id"]

    class ConcernRaiseInput(serializers.Serializer):
        facility = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
        category = serializers.ChoiceField(choices=Category.choices)
        text = serializers.CharField(allow_blank=False, trim_whitespace=True)
        subject = serializers.ChoiceField(choices=Subject.choices, required=False)
        person_named = serializers.CharField(required=False, allow_blank=True)
        contact = serializers.CharField(required=False, allow_blank=True, max_length=200)
        contact_email = serializers.EmailField(required=False, allow_blank=True)
        contact_phone = serializers.CharField(required=False, allow_blank=True, max_length=50)
        anonymous = serializers.BooleanField(required=False, default=False)

    class ConcernRaised(serializers.Serializer):
        id = serializers.IntegerField()
        status = serializers.CharField()
        reference = serializers.CharField(
            help_text="keep it to look up the status later; grouped, e.g. K7QF-3M9X-ABCD-EFGH"
        )

    def get_permissions(self):
        if self.request.method == "POST":
            return [AllowAny()]
        return [IsActiveUserWithMFA()]

    def get_throttles(self):
        return [ConcernRateThrottle()] if self.request.method == "POST" else []

    @extend_schema(
        request=ConcernRaiseInput, responses={201: ConcernRaised, 429: None, **ERRORS}, auth=[{}]
    )
    @idempotent
    def post(self, request):
        data = self.ConcernRaiseInput(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        raised = services.concern_raise(
            facility_id=d["facility"],
            category=d["category"],
            text=d["text"],
            subject=d.get("subject", Subject.SITUATION),
            person_named=d.get("person_named", ""),
            contact=d.get("contact", ""),
            contact_email=d.get("contact_email", ""),
            contact_phone=d.get("contact_phone", ""),
            reporter=request.user,
            reporter_hidden=d["anonymous"],
        )
        body = {"id": raised.concern.pk, "status": raised.concern.status}
        # Only the concern's handlers can read it there; the reporter keeps the reference.
        url = request.build_absolute_uri(reverse("api:concern-detail", args=[raised.concern.pk]))
        return Response(
            {**body, "reference": raised.reference},
            status=status.HTTP_201_CREATED,
            headers={"Location": url},
        )

    @extend_schema(responses={200: ConcernSummaryOutput(many=True), 403: ERRORS[403]})
    def get(self, request):
        if not can_handle_concerns(request.user):
            raise PermissionDenied(str(services.NOT_A_HANDLER))
        page = self.paginate_queryset(self.filter_queryset(concerns_visible_to(request.user)))
        access_log_record_many(actor=request.user, records=page, purpose=LIST_PURPOSE)
        return self.get_paginated_response(ConcernSummaryOutput(page, many=True).data)


class ConcernDetailApi(GenericAPIView):
    permission_classes = [IsActiveUserWithMFA]
    serializer_class = ConcernDetailOutput
    queryset = Concern.objects.none()

    @extend_schema(responses={200: ConcernDetailOutput, 404: ERRORS[404]})
    def get(self, request, pk: int):
        concern = get_object_or_404(concerns_visible_to(request.user), pk=pk)
        access_log_record(actor=request.user, record=concern, purpose=READ_PURPOSE)
        return Response(ConcernDetailOutput(concern).data)


class ConcernActionApi(GenericAPIView):
    """POST /concerns/{id}/{acknowledge|notes|resolve|volunteer}/ for the concern's handlers."""

    permission_classes = [IsActiveUserWithMFA]
    serializer_class = ConcernDetailOutput
    verb = ""
    queryset = Concern.objects.none()

    class ConcernActionInput(serializers.Serializer):
        text = serializers.CharField(required=False, allow_blank=True)
        volunteer = serializers.IntegerField(required=False, allow_null=True, min_value=1)
        suspend = serializers.BooleanField(required=False, default=False)

    def _run(self, concern: Concern, data: dict):
        actor = self.request.user
        if self.verb == "acknowledge":
            return services.concern_acknowledge(
                concern=concern, actor=actor, note=data.get("text", "")
            )
        if self.verb == "notes":
            services.concern_note_add(concern=concern, actor=actor, text=data.get("text", ""))
            return concern
        if self.verb == "resolve":
            return services.concern_resolve(
                concern=concern, actor=actor, resolution=data.get("text", "")
            )
        return services.concern_volunteer_link(
            concern=concern,
            actor=actor,
            volunteer_id=data.get("volunteer"),
            suspend=data["suspend"],
        )

    @extend_schema(request=ConcernActionInput, responses={200: ConcernDetailOutput, **ERRORS})
    def post(self, request, pk: int):
        concern = get_object_or_404(concerns_visible_to(request.user), pk=pk)
        data = self.ConcernActionInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            self._run(concern, data.validated_data)
        except services.ConcernConflict as exc:
            raise Problem(exc.message, code="state-conflict") from None
        concern = concerns_visible_to(request.user).get(pk=pk)
        access_log_record(actor=request.user, record=concern, purpose=READ_PURPOSE)
        return Response(ConcernDetailOutput(concern).data)


class MyConcernOutput(serializers.Serializer):
    id = serializers.IntegerField()
    facility = serializers.CharField(source="facility.name")
    category = serializers.CharField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()
    acknowledged_at = serializers.DateTimeField(allow_null=True)
    resolved_at = serializers.DateTimeField(allow_null=True)


class MyConcernsApi(GenericAPIView):
    """The concerns the caller raised while logged in: only their status."""

    permission_classes = [IsActiveUserWithMFA]
    serializer_class = MyConcernOutput
    queryset = Concern.objects.none()
    ordering_fields = ["id", "created_at"]
    ordering = ["-created_at", "-id"]

    @extend_schema(responses=MyConcernOutput(many=True))
    def get(self, request):
        page = self.paginate_queryset(self.filter_queryset(concerns_raised_by(request.user)))
        return self.get_paginated_response(MyConcernOutput(page, many=True).data)


class ConcernStatusApi(GenericAPIView):
    """Anyone with a concern's reference code learns its status (and nothing else)."""

    permission_classes = [AllowAny]
    serializer_class = MyConcernOutput
    queryset = Concern.objects.none()

    class ConcernStatusInput(serializers.Serializer):
        reference = serializers.CharField(
            max_length=MAX_TYPED,
            help_text="as shown, e.g. K7QF-3M9X-ABCD-EFGH; case and dashes do not matter",
        )

    def get_throttles(self):
        return [ConcernStatusThrottle()]

    @extend_schema(
        request=ConcernStatusInput, responses={200: MyConcernOutput, 404: ERRORS[404]}, auth=[{}]
    )
    def post(self, request):
        data = self.ConcernStatusInput(data=request.data)
        data.is_valid(raise_exception=True)
        concern = concern_by_reference(data.validated_data["reference"])
        if concern is None:
            raise NotFound("not found")
        return Response(MyConcernOutput(concern).data)
