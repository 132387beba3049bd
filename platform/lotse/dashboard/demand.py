"""Demand and supply per district and neighbourhood — the selector behind the dashboard's
tables, its map and GET /api/v1/districts/demand/.

Definitions (docs/dashboard.md):
- open needs: status open and not yet past their last date;
- open slots: volunteers needed minus slots held by approved placements;
- hours per week asked for: weekly hours of each open need times its open slots;
- volunteers within reach: available volunteers whose own radius reaches the centre;
- coverage: volunteers within reach per open slot;
- median days to a first placement: from opening to the first approval, over the needs opened
  in the period that have one; placements made: activated in the period; hours: as logged
  (the confirmed value where staff confirmed or corrected it).

Figures come from the summary tables when they are fresh and cover the request (one or no
filter among operator, skill and language), else straight from the base tables (`live`);
both paths group in the database and agree (tests/web/dashboard/test_summary.py).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from lotse.places.models import Neighbourhood

from . import summary
from .filters import Filters, aware_midnight
from .models import BUCKETS
from .queries import (
    float_or_int,
    fold_first_placed,
    hood_key,
    hours_in_periods,
    median_days,
    needs_opened,
    open_demand,
    placement_counts,
)
from .supply import Supply, supply_current

ADDITIVE = ("open_needs", "open_slots", "demand_minutes", "needs_opened", "placements_made",
            "placements_active", "hours_this_month", "hours_in_period")  # fmt: skip


@dataclass
class Figures:
    open_needs: int = 0
    open_slots: int = 0
    demand_minutes: int = 0
    volunteers_within_reach: int | None = None
    needs_opened: int = 0
    placements_made: int = 0
    placements_active: int = 0
    hours_this_month: float = 0.0
    hours_in_period: float = 0.0
    first_placed: list[int] = field(default_factory=lambda: [0] * len(BUCKETS))

    @property
    def hours_per_week(self) -> float:
        return round(self.demand_minutes / 60, 1)

    @property
    def coverage(self) -> float | None:
        """Volunteers within reach per open slot; None when nothing is open or unknown."""
        if self.open_slots <= 0 or self.volunteers_within_reach is None:
            return None
        return round(self.volunteers_within_reach / self.open_slots, 2)

    @property
    def median_days_to_first_placement(self) -> float | None:
        return median_days(self.first_placed)

    def add(self, other: "Figures") -> None:
        for name in ADDITIVE:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.first_placed = [
            a + b for a, b in zip(self.first_placed, other.first_placed, strict=True)
        ]


@dataclass
class Area:
    id: int
    name: str
    figures: Figures = field(default_factory=Figures)
    lat: float | None = None
    lon: float | None = None
    neighbourhoods: list["Area"] = field(default_factory=list)


@dataclass
class DemandReport:
    filters: Filters
    districts: list[Area]
    total: Figures
    source: str  # "summary" or "live"
    as_of: dt.datetime = field(default_factory=timezone.now)

    @property
    def neighbourhoods(self) -> list[Area]:
        return [hood for district in self.districts for hood in district.neighbourhoods]


def district_demand(*, filters: Filters) -> DemandReport:
    """The figures for the districts in `filters`, each with its neighbourhoods."""
    fresh = summary.usable_for(filters)
    rows = summary.figure_rows(filters) if fresh else live_figure_rows(filters)
    per_hood = _per_neighbourhood(rows)
    supply = supply_current()
    mask = supply_mask(supply, filters)
    reach = supply.by_neighbourhood(mask)
    hoods = defaultdict(list)
    for hood in Neighbourhood.objects.filter(district__in=filters.districts).order_by("name"):
        figures = per_hood.get(hood.pk, Figures())
        figures.volunteers_within_reach = reach.get(hood.pk)
        hoods[hood.district_id].append(Area(hood.pk, hood.name, figures, hood.lat, hood.lon))
    districts = [_district(d, hoods[d.pk], supply, mask) for d in filters.districts]
    total = Figures()
    for area in districts:
        total.add(area.figures)
    everywhere = [hood.id for area in districts for hood in area.neighbourhoods]
    total.volunteers_within_reach = supply.within_any(mask, everywhere)
    as_of = fresh.current_at if fresh else timezone.now()
    return DemandReport(filters, districts, total, "summary" if fresh else "live", as_of)


def _district(district, hoods: list[Area], supply: Supply, mask) -> Area:
    area = Area(
        district.pk, district.name, lat=district.lat, lon=district.lon, neighbourhoods=hoods
    )
    for hood in hoods:
        area.figures.add(hood.figures)
    area.figures.volunteers_within_reach = supply.within_any(mask, [h.id for h in hoods])
    return area


def supply_mask(supply: Supply, filters: Filters):
    return supply.available(
        filters.today.toordinal(),
        skill=filters.skill.slug if filters.skill else None,
        language=filters.language.code if filters.language else None,
    )


def _per_neighbourhood(rows) -> dict[int, Figures]:
    """Fold rows {"hood", measure: value, …} into Figures per neighbourhood."""
    figures: dict[int, Figures] = defaultdict(Figures)
    for row in rows:
        target = figures[row["hood"]]
        for name in ADDITIVE:
            if name in row:
                setattr(target, name, getattr(target, name) + float_or_int(row[name]))
        for i, name in enumerate(BUCKETS):
            target.first_placed[i] += row.get(name) or 0
    return figures


def period_bounds(filters: Filters) -> tuple[dt.datetime, dt.datetime]:
    """The period as aware datetimes: midnight of the start to midnight after the end."""
    return aware_midnight(filters.start), aware_midnight(filters.end + dt.timedelta(days=1))


def month_of(today: dt.date) -> tuple[dt.date, dt.date]:
    first = today.replace(day=1)
    return first, (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def live_figure_rows(filters: Filters):
    """Every figure per neighbourhood straight from the base tables, filters applied: four
    grouped queries (open demand net of held slots; active and new placements; first
    placements; hours in the period and this month)."""
    keys, today = {"hood": hood_key}, filters.today
    start, end = period_bounds(filters)
    where = filters.needs_q
    yield from open_demand(where, keys, today)
    yield from placement_counts(where, keys, start, end)
    yield from fold_first_placed(needs_opened(where, keys, start, end))
    yield from hours_in_periods(where, keys, {
        "hours_in_period": (filters.start, filters.end), "hours_this_month": month_of(today),
    })  # fmt: skip
