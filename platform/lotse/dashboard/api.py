"""GET /api/v1/districts/demand/ — the figures of the dashboard's district table, from the
same selector as the page (contracts.md)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from lotse.accounts.models import Role
from lotse.api.lists import order_rows, ordering_parameter
from lotse.api.pagination import page_of, page_parameters
from lotse.core.permissions import HasRole, IsActiveUserWithMFA

from .demand import Area, district_demand
from .filters import dashboard_filters


class FiguresOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    open_needs = serializers.IntegerField()
    open_slots = serializers.IntegerField()
    hours_per_week = serializers.FloatField()
    volunteers_within_reach = serializers.IntegerField(allow_null=True)
    coverage = serializers.FloatField(allow_null=True)
    needs_opened = serializers.IntegerField()
    median_days_to_first_placement = serializers.FloatField(allow_null=True)
    placements_made = serializers.IntegerField()
    placements_active = serializers.IntegerField()
    hours_this_month = serializers.FloatField()
    hours_in_period = serializers.FloatField()


class DistrictOutput(FiguresOutput):
    neighbourhoods = FiguresOutput(many=True)


class PeriodOutput(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()


class DemandPageOutput(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    period = PeriodOutput()
    results = DistrictOutput(many=True)


def _figures(area: Area) -> dict:
    f = area.figures
    return {
        "id": area.id, "name": area.name, "open_needs": f.open_needs,
        "open_slots": f.open_slots, "hours_per_week": f.hours_per_week,
        "volunteers_within_reach": f.volunteers_within_reach, "coverage": f.coverage,
        "needs_opened": f.needs_opened,
        "median_days_to_first_placement": f.median_days_to_first_placement,
        "placements_made": f.placements_made, "placements_active": f.placements_active,
        "hours_this_month": round(f.hours_this_month, 2),
        "hours_in_period": round(f.hours_in_period, 2),
    }  # fmt: skip


FILTER_PARAMETERS = [
    OpenApiParameter("district", int, description="one district (yours); default: all yours"),
    OpenApiParameter("start", str, description="period start, YYYY-MM-DD (default: 12 weeks)"),
    OpenApiParameter("end", str, description="period end, YYYY-MM-DD (default: today)"),
    OpenApiParameter("organisation", int, description="needs of this operator only"),
    OpenApiParameter("skill", str, description="skill code, e.g. interpreting"),
    OpenApiParameter("language", str, description="ISO 639 code, e.g. ti"),
]
# The districts' order (their neighbourhoods stay by name); without `ordering`, by name.
ORDERING_FIELDS = [
    "name", "open_needs", "open_slots", "hours_per_week", "volunteers_within_reach", "coverage",
]  # fmt: skip


class DistrictDemandApi(APIView):
    """Per district and neighbourhood: open needs, open slots, hours per week asked for,
    volunteers within reach and coverage, plus the period's flow figures. Coordinators get
    their districts, administrators all; aggregates only."""

    permission_classes = [IsActiveUserWithMFA, HasRole.of(Role.COORDINATOR, Role.ADMIN)]

    @extend_schema(
        parameters=[
            *FILTER_PARAMETERS,
            *page_parameters(),
            ordering_parameter(ORDERING_FIELDS, "name", ties="by name"),
        ],
        responses=DemandPageOutput,
    )
    def get(self, request):
        filters = dashboard_filters(user=request.user, params=request.query_params)
        report = district_demand(filters=filters)
        rows = [
            {**_figures(area), "neighbourhoods": [_figures(h) for h in area.neighbourhoods]}
            for area in report.districts
        ]
        rows = order_rows(request, rows, {f: (lambda row, f=f: row[f]) for f in ORDERING_FIELDS})
        page, paginator = page_of(rows, request, self)
        return Response(
            {
                **paginator.page_members(DistrictOutput(page, many=True).data),
                "period": {"start": filters.start, "end": filters.end},
            }
        )
