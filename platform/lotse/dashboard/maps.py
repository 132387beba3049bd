"""The map's data: neighbourhood circles sized by open slots and banded by coverage, the
districts' boundaries when the city data has them, and the facilities in view. Bands are named
in the legend and the tooltips, not told by colour alone.

Coverage counts volunteers within reach (supply.py: available today, their own radius reaches
the neighbourhood's centre), not those who pass every hard rule of the open needs there: with
the engine's rules that is about 2 ms per open need at 100,000 volunteers, ≈ 40 s for the
benchmark's 20,000 open needs, too slow for a page. The legend says so (docs/dashboard.md)."""

from django.utils.translation import gettext as _

from lotse.accounts.models import User
from lotse.places.selectors import facilities_visible_to

from .demand import DemandReport
from .filters import Filters
from .supply import supply_current

# Coverage = volunteers within reach per open slot.
THIN_BELOW, COVERED_FROM = 1.0, 3.0


def coverage_band(coverage: float | None) -> str:
    if coverage is None:
        return "none"
    if coverage < THIN_BELOW:
        return "unmet"
    return "thin" if coverage < COVERED_FROM else "covered"


def band_labels() -> dict[str, str]:
    return {
        "none": _("no open slots"),
        "unmet": _("fewer volunteers within reach than open slots"),
        "thin": _("1 to 3 volunteers within reach per open slot"),
        "covered": _("3 or more volunteers within reach per open slot"),
    }


def coverage_counts() -> str:
    """What the coverage bands count, in the words of the legend."""
    return _(
        "Coverage counts volunteers who are available today and whose own travel radius "
        "reaches the neighbourhood’s centre (with the skill and language chosen above, if "
        "any). It does not check every rule of the open needs (tasks, languages, times, "
        "certificate): each need’s list of candidates shows who really fits."
    )


def district_outlines(filters: Filters) -> list[dict]:
    """The districts in view: name, centre for the label, boundary (None without city data)."""
    return [
        {"name": d.name, "lat": d.lat, "lon": d.lon, "boundary": d.boundary}
        for d in filters.districts
    ]


def map_payload(*, report: DemandReport, filters: Filters, user: User, tiles: dict) -> dict:
    labels = band_labels()
    points = {hid: (lat, lon) for hid, lat, lon in supply_current().points}
    areas = []
    for district in report.districts:
        for hood in district.neighbourhoods:
            if hood.id not in points:
                continue
            f, band = hood.figures, coverage_band(hood.figures.coverage)
            lat, lon = points[hood.id]
            areas.append({
                "name": hood.name, "district": district.name, "lat": lat, "lon": lon,
                "open_slots": f.open_slots, "band": band,
                "text": _("%(name)s: %(slots)s open slots, %(reach)s volunteers within reach "
                          "— %(band)s") % {"name": hood.name, "slots": f.open_slots,
                                            "reach": f.volunteers_within_reach
                                            if f.volunteers_within_reach is not None else "–",
                                            "band": labels[band]},
            })  # fmt: skip
    facilities = facilities_visible_to(user).filter(
        is_active=True, neighbourhood__district_id__in=filters.district_ids
    )
    if filters.organisation:
        facilities = facilities.filter(organisation=filters.organisation)
    return {
        "districts": district_outlines(filters),
        "areas": areas,
        "facilities": [
            {"name": name, "lat": lat, "lon": lon}
            for name, lat, lon in facilities.values_list("name", "lat", "lon")
        ],
        "tiles": tiles,
    }
