"""Candidates for a need and opportunities for a volunteer, as in contracts.md."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from lotse.api.errors import Problem
from lotse.api.lists import order_rows, ordering_parameter
from lotse.api.pagination import ApiPageNumberPagination, page_of, page_parameters
from lotse.core.permissions import IsActiveUserWithMFA, IsStaffRole, IsVolunteer
from lotse.needs.models import Need
from lotse.volunteers.models import Volunteer
from matching import MAX_LIMIT, NeedNotRankable

from .glance import why_not
from .selectors import (
    DEFAULT_LIMIT,
    candidates_for_need,
    engine_lang,
    opportunities_for_volunteer,
)


class VolunteerRef(serializers.Serializer):
    id = serializers.IntegerField()
    external_id = serializers.CharField(allow_null=True)
    display_name = serializers.CharField()


# Parameters of a reason: numbers, codes, dates, and minute ranges such as [[960, 1080]].
PARAM_VALUE = {
    "type": ["string", "number", "boolean", "null", "array"],
    "items": {"type": ["integer", "array"], "items": {"type": "integer"}},
}


@extend_schema_field(
    {"type": "object", "additionalProperties": PARAM_VALUE, "description": "the code's values"}
)
class ReasonParamsField(serializers.DictField):
    pass


class ReasonOutput(serializers.Serializer):
    code = serializers.CharField(help_text="stable, e.g. distance, speaks, too_far")
    params = ReasonParamsField()
    text = serializers.CharField(help_text="the reason in the request's language")


class ComponentsOutput(serializers.Serializer):
    """Each criterion's part of the score, in [0, 1]; more may be added."""

    distance = serializers.FloatField()
    skills = serializers.FloatField()
    languages = serializers.FloatField()
    availability = serializers.FloatField()
    workload = serializers.FloatField()
    continuity = serializers.FloatField()


def _details(reasons) -> list[dict]:
    lang = engine_lang()
    return [{"code": r.code, "params": r.params, "text": r.text(lang)} for r in reasons]


def _reasons(reasons) -> dict:
    """`reasons` and `reason_details` of a ranked item, each text made once."""
    details = _details(reasons)
    return {"reasons": [d["text"] for d in details], "reason_details": details}


# The ranked lists (candidates, opportunities) build their bodies of plain values in exactly
# the shape of their output serializers, which document them; they are not run through DRF's
# fields, which cost ~4 ms for twenty ranked items (docs/performance.md).
# tests/web/matchmaking/test_ranked_bodies.py checks each body is what its serializer writes.


def _texts(reasons) -> list[str]:
    lang = engine_lang()  # the client's Accept-Language, German when we have no texts for it
    return [reason.text(lang) for reason in reasons]


def _ref(volunteer) -> dict:
    return {
        "id": volunteer.pk,
        "external_id": volunteer.external_id,
        "display_name": volunteer.display_name,
    }


class CandidateItem(serializers.Serializer):
    volunteer = VolunteerRef()
    score = serializers.FloatField(help_text="in [0, 1], best first")
    distance_km = serializers.FloatField()
    components = ComponentsOutput()
    reasons = serializers.ListField(child=serializers.CharField())
    reason_details = ReasonOutput(many=True, help_text="the reasons with code and values")


class ExcludedItem(serializers.Serializer):
    volunteer = VolunteerRef()
    reasons = serializers.ListField(child=serializers.CharField())
    reason_details = ReasonOutput(many=True)


class CandidatesOutput(serializers.Serializer):
    """A page like every list's, with the need, and (explain=true) who was ruled out."""

    need = serializers.IntegerField()
    count = serializers.IntegerField(help_text="how many were ranked (at most `limit`)")
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = CandidateItem(many=True)
    excluded = ExcludedItem(
        many=True, required=False, help_text="only with explain=true; not paged"
    )
    not_rankable = serializers.CharField(
        required=False, help_text="with explain=true: why the need cannot be ranked"
    )


# A ranked list (candidates, opportunities) is paged like every list: the `limit` best are
# ranked, best first unless `ordering` says otherwise, and without `page_size` they all fit on
# the first page, as they did before lists had pages.
RANKED_ORDERING = ["score", "distance_km"]
LIMIT_PARAMETER = OpenApiParameter(
    "limit",
    int,
    description=f"how many of the best to rank (default {DEFAULT_LIMIT}, at most {MAX_LIMIT}: "
    "more is capped); they are paged, all on the first page unless `page_size` is smaller",
)
RANKED_LIST_PARAMETERS = [
    *page_parameters(),
    ordering_parameter(RANKED_ORDERING, "best first", ties="by the ranking"),
]


def _ranked_page(
    request, view, rows: list[dict], limit: int
) -> tuple[list[dict], ApiPageNumberPagination]:
    rows = order_rows(request, rows, {f: (lambda row, f=f: row[f]) for f in RANKED_ORDERING})
    first_page = max(ApiPageNumberPagination.page_size, min(limit, MAX_LIMIT))
    return page_of(rows, request, view, page_size=first_page)


class CandidatesApi(APIView):
    permission_classes = [IsActiveUserWithMFA, IsStaffRole]

    class CandidatesQuery(serializers.Serializer):
        limit = serializers.IntegerField(min_value=1, default=DEFAULT_LIMIT)
        explain = serializers.BooleanField(default=False)

    @extend_schema(
        parameters=[
            LIMIT_PARAMETER,
            OpenApiParameter("explain", bool, description="also list who was ruled out and why"),
            *RANKED_LIST_PARAMETERS,
        ],
        responses=CandidatesOutput,
    )
    def get(self, request, pk: int):
        query = self.CandidatesQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        # With its place and skill: a need the process's table does not hold (filled, closed)
        # has its spec built from them (an open one's comes from the table).
        need = get_object_or_404(
            Need.objects.select_related("facility", "neighbourhood", "main_skill"), pk=pk
        )
        limit = query.validated_data["limit"]
        ranked = candidates_for_need(
            user=request.user, need=need, limit=limit, explain=query.validated_data["explain"]
        )
        rows = [self._candidate(r) for r in ranked.results]
        page, paginator = _ranked_page(request, self, rows, limit)
        body = {"need": need.pk, **paginator.page_members(page)}
        if query.validated_data["explain"]:
            body["excluded"] = [
                {"volunteer": _ref(e.volunteer), **_reasons(e.exclusion.reasons)}
                for e in ranked.excluded
            ]
            if ranked.not_rankable:
                body["not_rankable"] = ranked.not_rankable
        return Response(body)  # CandidatesOutput's shape (see above)

    @staticmethod
    def _candidate(ranked) -> dict:
        c = ranked.candidate
        return {
            "volunteer": _ref(ranked.volunteer),
            "score": round(c.score, 4),
            "distance_km": round(c.distance_km, 2),
            "components": {k: round(v, 4) for k, v in c.components.items()},
            **_reasons(c.reasons),
        }


class CandidateWhyNotApi(APIView):
    """One volunteer against the need, also one the rules exclude: for who may see candidates."""

    permission_classes = [IsActiveUserWithMFA, IsStaffRole]

    class WhyNotOutput(serializers.Serializer):
        need = serializers.IntegerField()
        volunteer = VolunteerRef()
        eligible = serializers.BooleanField()
        score = serializers.FloatField()
        distance_km = serializers.FloatField(allow_null=True)
        components = serializers.DictField(
            child=serializers.FloatField(), help_text="as for candidates; empty without a place"
        )
        reasons = serializers.ListField(child=serializers.CharField())
        excluded_because = serializers.ListField(child=serializers.CharField())

    @extend_schema(
        operation_id="v1_needs_candidates_why_not",
        responses={
            200: WhyNotOutput,
            404: OpenApiResponse(description="no such need, or no volunteer of that id for you"),
            409: OpenApiResponse(description="the need cannot be ranked (no schedule or place)"),
        },
    )
    def get(self, request, pk: int, volunteer_id: int):
        need = get_object_or_404(
            Need.objects.select_related("facility", "neighbourhood", "main_skill"), pk=pk
        )
        try:
            pair = why_not(user=request.user, need=need, volunteer_id=volunteer_id)
        except Volunteer.DoesNotExist:
            raise Http404 from None
        except NeedNotRankable as exc:
            raise Problem(str(exc), code="need-not-rankable") from None
        body = {
            "need": need.pk,
            "volunteer": _ref(pair.volunteer),
            "eligible": pair.eligible,
            "score": round(pair.score, 4),
            "distance_km": None if pair.distance_km is None else round(pair.distance_km, 2),
            "components": {k: round(v, 4) for k, v in pair.components.items()},
            "reasons": _texts(pair.reasons),
            "excluded_because": _texts(pair.excluded_because),
        }
        return Response(self.WhyNotOutput(body).data)


class OpportunityNeed(serializers.Serializer):
    id = serializers.IntegerField()
    external_id = serializers.CharField(allow_null=True)
    title = serializers.CharField()
    facility = serializers.CharField(allow_null=True)
    neighbourhood = serializers.CharField()
    schedule = serializers.CharField()


class OpportunityItem(serializers.Serializer):
    need = OpportunityNeed()
    score = serializers.FloatField()
    distance_km = serializers.FloatField()
    components = ComponentsOutput()
    reasons = serializers.ListField(child=serializers.CharField())
    reason_details = ReasonOutput(many=True)


class OpportunitiesOutput(serializers.Serializer):
    count = serializers.IntegerField(help_text="how many were ranked (at most `limit`)")
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = OpportunityItem(many=True)
    detail = serializers.CharField(
        required=False, help_text="only when the caller has no volunteer profile yet"
    )


class OpportunitiesApi(APIView):
    permission_classes = [IsActiveUserWithMFA, IsVolunteer]

    class OpportunitiesQuery(serializers.Serializer):
        limit = serializers.IntegerField(min_value=1, default=DEFAULT_LIMIT)

    @extend_schema(
        parameters=[LIMIT_PARAMETER, *RANKED_LIST_PARAMETERS], responses=OpportunitiesOutput
    )
    def get(self, request):
        query = self.OpportunitiesQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        limit = query.validated_data["limit"]
        volunteer = getattr(request.user, "volunteer", None)
        if volunteer is None:
            page, paginator = _ranked_page(request, self, [], limit)
            body = {**paginator.page_members(page), "detail": "complete your profile first"}
            return Response(OpportunitiesOutput(body).data)
        ranked = opportunities_for_volunteer(volunteer=volunteer, limit=limit)
        rows = [
            {
                "need": {
                    "id": r.need.pk,
                    "external_id": r.need.external_id,
                    "title": r.need.title,
                    "facility": r.need.facility.name if r.need.facility_id else None,
                    "neighbourhood": r.need.neighbourhood.name,
                    "schedule": r.need.schedule,
                },
                "score": round(r.opportunity.score, 4),
                "distance_km": round(r.opportunity.distance_km, 2),
                "components": {k: round(v, 4) for k, v in r.opportunity.components.items()},
                **_reasons(r.opportunity.reasons),
            }
            for r in ranked
        ]
        page, paginator = _ranked_page(request, self, rows, limit)
        return Response(paginator.page_members(page))  # OpportunitiesOutput's shape
