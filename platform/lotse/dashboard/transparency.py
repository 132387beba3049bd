"""The public transparency report: per district and month, needs posted, placements made,
volunteer hours and languages covered — anonymised.

Rules (docs/dashboard.md), so that no person and no single facility can be picked out:
- counts below LOTSE_TRANSPARENCY_MIN_COUNT (5) are published as "< 5"; hours given through
  fewer than 5 placements, and languages covered by fewer than 5 placements, likewise;
- a district with fewer than LOTSE_TRANSPARENCY_MIN_FACILITIES active facilities is not shown
  on its own: such districts are pooled, and a pool with too few facilities is left out;
- no totals are published, so a suppressed cell cannot be worked out by subtraction; the
  page's headline figures for the whole period are rounded to tens (HEADLINE_ROUNDING), cover
  only the areas shown, and are "< 5" below 5 like every cell.
Figures come from grouped queries, worked out by an hourly job (or on the first view after
LOTSE_TRANSPARENCY_MAX_AGE_SECONDS) and stored as JSON holding no names but districts'.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from lotse.needs.models import Need
from lotse.placements.models import AGREED_STATES, HoursEntry, Placement
from lotse.places.models import District, Facility

from .filters import aware_midnight, local_day

SUPPRESSED = "< 5"
POOLED = "pooled"  # the key of the pooled small districts
# Headline figures are rounded to tens: with a rounding wider than the range a hidden cell
# can take (1-4), adding up the visible cells cannot reveal it.
HEADLINE_ROUNDING = 10
# The month chart's geometry (SVG user units): one column per month, two bars each.
CHART_COLUMN, CHART_HEIGHT, CHART_BAR = 40, 100, 12


@dataclass
class MonthFigures:
    needs_posted: int = 0
    placements_made: int = 0
    hours: float = 0.0
    hours_placements: int = 0  # placements the hours were logged on
    languages: dict[str, int] = field(default_factory=dict)  # code -> placements


@dataclass(frozen=True)
class PublishedMonth:
    month: dt.date
    needs_posted: int | str
    placements_made: int | str
    volunteer_hours: int | str
    languages_covered: tuple[str, ...]

    @property
    def is_active(self) -> bool:
        figures = (self.needs_posted, self.placements_made, self.volunteer_hours)
        return any(f != 0 for f in figures) or bool(self.languages_covered)


@dataclass(frozen=True)
class ChartBar:
    y: int
    height: int
    suppressed: bool


@dataclass(frozen=True)
class ChartColumn:
    month: dt.date
    x: int
    needs: ChartBar
    placements: ChartBar

    @property
    def label_x(self) -> int:
        return self.x + CHART_COLUMN // 2


@dataclass(frozen=True)
class PublishedArea:
    key: str  # district id, or POOLED
    name: str  # the district's name; empty for the pool (the page names it)
    pooled_names: tuple[str, ...]
    months: tuple[PublishedMonth, ...]

    @property
    def active_months(self) -> list[PublishedMonth]:
        return [m for m in self.months if m.is_active]

    @property
    def quiet_months(self) -> list[PublishedMonth]:
        """Months without any activity: folded away on the page."""
        return [m for m in self.months if not m.is_active]

    @property
    def chart_width(self) -> int:
        return len(self.months) * CHART_COLUMN

    @property
    def chart(self) -> list[ChartColumn]:
        """Needs posted and placements made per month as bar geometry; a hidden figure ("< 5")
        is drawn as an outline of height 4 (it may be anything from 1 to 4)."""
        hidden = settings.LOTSE_TRANSPARENCY_MIN_COUNT - 1
        values = [_drawn(m.needs_posted, hidden) for m in self.months] + [
            _drawn(m.placements_made, hidden) for m in self.months
        ]
        top = max(values, default=0) or 1
        return [
            ChartColumn(m.month, k * CHART_COLUMN, _bar(m.needs_posted, hidden, top),
                        _bar(m.placements_made, hidden, top))
            for k, m in enumerate(self.months)
        ]  # fmt: skip


def _drawn(value: int | str, hidden: int) -> int:
    return hidden if value == SUPPRESSED else int(value)


def _bar(value: int | str, hidden: int, top: int) -> ChartBar:
    height = round(_drawn(value, hidden) * CHART_HEIGHT / top)
    return ChartBar(CHART_HEIGHT - height, height, value == SUPPRESSED)


@dataclass(frozen=True)
class Headline:
    """The period's figures over the areas shown, rounded to tens; "< 5" below 5."""

    needs_posted: int | str
    placements_made: int | str
    volunteer_hours: int | str


class PublishedReport(list):
    """The published areas (what the CSV lists), with the page's headline figures."""

    def __init__(self, areas: list[PublishedArea], headline: Headline):
        super().__init__(areas)
        self.headline = headline
        self.period_months = len(areas[0].months) if areas else 0


def report_months(today: dt.date) -> list[dt.date]:
    first = today.replace(day=1)
    months = [first]
    for _ in range(settings.LOTSE_TRANSPARENCY_MONTHS - 1):
        months.append((months[-1] - dt.timedelta(days=1)).replace(day=1))
    return months[::-1]


def transparency_report() -> list[PublishedArea]:
    """The published report: as last worked out (hourly job), or worked out now."""
    from .models import RefreshState
    from .refresh import transparency_refresh

    state = RefreshState.objects.filter(pk=1).first()
    oldest = timezone.now() - dt.timedelta(seconds=settings.LOTSE_TRANSPARENCY_MAX_AGE_SECONDS)
    today = timezone.localdate()
    data = state.transparency if state and state.transparency_at else None
    if (
        not data
        or state.transparency_at < oldest
        or data.get("today") != today.isoformat()
        or "headline" not in data  # stored before the page had headline figures
    ):
        data = transparency_refresh(today=today)
    areas = [_area_from_json(area) for area in data["areas"]]
    return PublishedReport(areas, Headline(**data["headline"]))


def _area_from_json(area: dict) -> PublishedArea:
    months = tuple(
        PublishedMonth(dt.date.fromisoformat(m["month"]), m["needs_posted"],
                       m["placements_made"], m["volunteer_hours"],
                       tuple(m["languages_covered"]))
        for m in area["months"]
    )  # fmt: skip
    return PublishedArea(area["key"], area["name"], tuple(area["pooled_names"]), months)


def transparency_compute(*, today: dt.date) -> dict:
    """The report as JSON: only district names, months, suppressed counts and codes."""
    months = report_months(today)
    figures = _figures(months[0])
    areas, pool, shown = [], [], []
    for district, facilities in _districts_with_facilities():
        if facilities >= settings.LOTSE_TRANSPARENCY_MIN_FACILITIES:
            areas.append(_area(str(district.pk), district.name, [], figures[district.pk], months))
            shown.append(figures[district.pk])
        else:
            pool.append((district, facilities))
    if sum(f for _d, f in pool) >= settings.LOTSE_TRANSPARENCY_MIN_FACILITIES:
        merged = _merge([figures[d.pk] for d, _f in pool])
        names = sorted(d.name for d, _f in pool)
        areas.append(_area(POOLED, "", names, merged, months))
        shown.append(merged)
    headline = _headline(_merge(shown), months)
    return {"today": today.isoformat(), "areas": areas, "headline": headline}


def _headline(merged: dict, months: list[dt.date]) -> dict:
    """Needs, placements and confirmed hours of the report's months, over the areas shown."""
    period = [merged[m] for m in months if m in merged]
    hours_placements = sum(f.hours_placements for f in period)
    if not hours_placements:
        hours = 0
    elif hours_placements < settings.LOTSE_TRANSPARENCY_MIN_COUNT:
        hours = SUPPRESSED
    else:
        hours = _rounded(round(sum(f.hours for f in period)))
    return {
        "needs_posted": _rounded(sum(f.needs_posted for f in period)),
        "placements_made": _rounded(sum(f.placements_made for f in period)),
        "volunteer_hours": hours,
    }


def _rounded(value: int) -> int | str:
    if 0 < value < settings.LOTSE_TRANSPARENCY_MIN_COUNT:
        return SUPPRESSED
    return (value + HEADLINE_ROUNDING // 2) // HEADLINE_ROUNDING * HEADLINE_ROUNDING


def _districts_with_facilities() -> list[tuple[District, int]]:
    counts = dict(
        Facility.objects.filter(is_active=True, neighbourhood__isnull=False)
        .values_list("neighbourhood__district_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [(d, counts.get(d.pk, 0)) for d in District.objects.order_by("name")]


def _merge(per_district: list[dict]) -> dict:
    merged: dict[dt.date, MonthFigures] = defaultdict(MonthFigures)
    for months in per_district:
        for month, f in months.items():
            m = merged[month]
            m.needs_posted += f.needs_posted
            m.placements_made += f.placements_made
            m.hours += f.hours
            m.hours_placements += f.hours_placements
            for code, n in f.languages.items():
                m.languages[code] = m.languages.get(code, 0) + n
    return merged


def _area(key, name, pooled, months_figures, months) -> dict:
    minimum = settings.LOTSE_TRANSPARENCY_MIN_COUNT
    published = []
    for month in months:
        f = months_figures.get(month, MonthFigures())
        hours = round(f.hours) if f.hours_placements >= minimum else SUPPRESSED
        published.append({
            "month": month.isoformat(),
            "needs_posted": _count(f.needs_posted),
            "placements_made": _count(f.placements_made),
            "volunteer_hours": hours if f.hours_placements else 0,
            "languages_covered": sorted(c for c, n in f.languages.items() if n >= minimum),
        })  # fmt: skip
    return {"key": key, "name": name, "pooled_names": pooled, "months": published}


def _count(value: int) -> int | str:
    return SUPPRESSED if 0 < value < settings.LOTSE_TRANSPARENCY_MIN_COUNT else value


Figures = dict[int, dict[dt.date, MonthFigures]]


def _figures(since: dt.date) -> Figures:
    """district id -> month -> figures, from four grouped queries."""
    figures: Figures = defaultdict(lambda: defaultdict(MonthFigures))
    begin = aware_midnight(since)
    needs = Need.objects.filter(opened_at__gte=begin)
    for d, month, n in _grouped(needs, "neighbourhood__district_id", "opened_at"):
        figures[d][local_day(month).replace(day=1)].needs_posted = n
    made = Placement.objects.filter(activated_at__gte=begin, state__in=AGREED_STATES)
    for d, month, n in _grouped(made, "need__neighbourhood__district_id", "activated_at"):
        figures[d][local_day(month).replace(day=1)].placements_made = n
    _add_hours(figures, since)
    _add_languages(figures, made)
    return figures


def _grouped(queryset, district: str, moment: str):
    return queryset.values_list(district, TruncMonth(moment)).annotate(n=Count("id")).order_by()


def _add_hours(figures: Figures, since: dt.date) -> None:
    """Confirmed hours only: what staff confirmed is what the city reports."""
    confirmed = HoursEntry.objects.filter(date__gte=since, confirmed_at__isnull=False)
    rows = (
        confirmed.values_list("placement__need__neighbourhood__district_id", TruncMonth("date"))
        .annotate(h=Sum("confirmed_hours"), n=Count("placement_id", distinct=True))
        .order_by()
    )
    for d, month, hours, placements in rows:
        target = figures[d][month.replace(day=1)]
        target.hours, target.hours_placements = float(hours or 0), placements


def _add_languages(figures: Figures, made) -> None:
    spoken = made.filter(need__languages__isnull=False).annotate(
        code=F("need__languages__language__code")
    )
    rows = (
        spoken.values_list("need__neighbourhood__district_id", TruncMonth("activated_at"), "code")
        .annotate(n=Count("id"))
        .order_by()
    )
    for d, month, code, n in rows:
        figures[d][local_day(month).replace(day=1)].languages[code] = n
