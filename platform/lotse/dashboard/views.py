"""The coordinator dashboard (overview with map, trends, stale work), its exports, and the
public transparency report. Views read the query string through `dashboard_filters` and call
the selectors; a bad filter is a 400 page with the form's errors, a foreign district a 403."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lotse.core.roles import Role, role_required
from lotse.core.spreadsheets import FOR_SCRIPTS, csv_response, excel_layout
from lotse.core.versioned import choices_from
from lotse.taxonomy.models import Language

from . import tables
from .charts import Series, line_chart
from .demand import district_demand
from .exports import FORMATS, table_response
from .filters import DashboardFilterForm, Filters, dashboard_districts, dashboard_filters
from .maps import band_labels, coverage_counts, map_payload
from .stale import stale_work
from .transparency import POOLED, SUPPRESSED, transparency_report
from .trends import trends
from .unmet import unmet_demand

dashboard_only = role_required(Role.COORDINATOR, Role.ADMIN)


def _form(request, allowed, filters: Filters | None = None) -> DashboardFilterForm:
    """The filter form as shown: the user's districts only. Checked filters fill it as initial
    values (validating it again would repeat every lookup); a refused query string is bound, so
    that its errors sit at their fields."""
    if filters is not None:
        form = DashboardFilterForm(initial=filters.query())
    else:
        form = DashboardFilterForm(request.GET or None)
    district = form.fields["district"]
    district.iterator = choices_from(lambda: allowed)  # the options: the rows read already
    district.queryset = district.queryset.filter(pk__in=[d.pk for d in allowed])
    if form.is_bound and not form.is_valid():
        for name in form.errors:
            if name in form.fields:
                form.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"id_{name}-errors"}
                )
    return form


def _page(request, template: str, build, section: str):
    allowed = dashboard_districts(request.user)
    try:
        filters = dashboard_filters(user=request.user, params=request.GET, allowed=allowed)
    except ValidationError:
        context = {"form": _form(request, allowed), "section": section, "invalid": True}
        return render(request, template, context, status=400)
    context = {
        "form": _form(request, allowed, filters),
        "filters": filters,
        "query": urlencode(filters.query()),
        "section": section,
        **build(request, filters),
    }
    return render(request, template, context)


@dashboard_only
@require_GET
def overview(request):
    return _page(request, "dashboard/overview.html", _overview, "overview")


def _overview(request, filters: Filters) -> dict:
    report = district_demand(filters=filters)
    unmet = unmet_demand(filters=filters)
    limit = settings.LOTSE_DASHBOARD_LIST_LIMIT
    tiles = {"url": settings.LOTSE_MAP_TILE_URL, "attribution": settings.LOTSE_MAP_TILE_ATTRIBUTION}
    unmet_tables = []
    for kind in ("by_combination", "by_language", "by_skill"):
        rows = getattr(unmet, kind)
        table = tables.unmet_table(rows[:limit], kind)
        table.total = len(rows)
        unmet_tables.append(table)
    return {
        "report": report,
        "districts_table": tables.districts_table(report),
        "neighbourhoods_table": tables.neighbourhoods_table(report),
        "unmet_tables": unmet_tables,
        "map": map_payload(report=report, filters=filters, user=request.user, tiles=tiles),
        "map_has_boundaries": any(d.boundary for d in filters.districts),
        "bands": band_labels(),
        "coverage_counts": coverage_counts(),
    }


@dashboard_only
@require_GET
def trends_page(request):
    return _page(request, "dashboard/trends.html", _trends, "trends")


def _trends(request, filters: Filters) -> dict:
    series = trends(filters=filters)
    charts = []
    for trend in series:
        weeks = [w.start for w in trend.weeks]
        lines = [
            Series(_("Needs opened"), [w.needs_opened for w in trend.weeks]),
            Series(_("New volunteers living there"), [w.new_volunteers for w in trend.weeks]),
            Series(_("Placements made"), [w.placements_made for w in trend.weeks]),
        ]
        summary = _("Weekly needs opened, new volunteers and placements made in %(name)s "
                    "over twelve weeks; the table below gives every number.") % {
                        "name": trend.name}  # fmt: skip
        charts.append((trend, line_chart(
            chart_id=f"trend-{trend.district_id}", title=trend.name, description=summary,
            labels=weeks, series=lines,
        )))  # fmt: skip
    return {"charts": charts, "trends_table": tables.trends_table(series)}


@dashboard_only
@require_GET
def stale_page(request):
    return _page(request, "dashboard/stale.html", _stale, "stale")


def _stale(request, filters: Filters) -> dict:
    lists = stale_work(filters=filters, reader=request.user)
    return {
        "stale_tables": [tables.stale_table(kind, stale) for kind, stale in lists.items()],
        "overdue_days": settings.LOTSE_DECISION_OVERDUE_DAYS,
        "soon_days": settings.LOTSE_DASHBOARD_SOON_DAYS,
        "warning_days": settings.LOTSE_DASHBOARD_CERTIFICATE_WARNING_DAYS,
    }


@dashboard_only
@require_GET
def export(request, table: str, fmt: str):
    build = tables.TABLES.get(table)
    if build is None or fmt not in FORMATS:
        raise Http404
    try:
        filters = dashboard_filters(user=request.user, params=request.GET)
    except ValidationError as exc:
        return HttpResponseBadRequest(" ".join(exc.messages), content_type="text/plain")
    stem = f"lotse-{table}-{filters.start}-{filters.end}"
    return table_response(build(filters, request.user), fmt, stem)


# ---------------------------------------------------------------------------
# Public transparency report
# ---------------------------------------------------------------------------
@require_GET
def transparency(request):
    return render(
        request,
        "dashboard/transparency.html",
        {
            "areas": transparency_report(),
            "language_names": {lang.code: lang.label for lang in Language.objects.all()},
            "pooled": POOLED,
            "suppressed": SUPPRESSED,
            "min_count": settings.LOTSE_TRANSPARENCY_MIN_COUNT,
            "min_facilities": settings.LOTSE_TRANSPARENCY_MIN_FACILITIES,
        },
    )


TRANSPARENCY_COLUMNS = [
    "district", "month", "needs_posted", "placements_made", "volunteer_hours",
    "languages_covered",
]  # fmt: skip


@require_GET
def transparency_csv(request):
    """Stable English column names; "< 5" where a figure is withheld. By default the form scripts
    rely on (`,`, decimal point, no BOM); `?format=excel` lays it out for the reader's Excel."""
    layout = excel_layout() if request.GET.get("format") == "excel" else FOR_SCRIPTS
    return csv_response(
        TRANSPARENCY_COLUMNS, _transparency_rows(), filename="lotse-transparency.csv", layout=layout
    )


def _transparency_rows():
    for area in transparency_report():
        name = area.name or "pooled: " + ", ".join(area.pooled_names)
        for m in area.months:
            yield [name, m.month.strftime("%Y-%m"), m.needs_posted, m.placements_made,
                   m.volunteer_hours, " ".join(m.languages_covered)]  # fmt: skip
