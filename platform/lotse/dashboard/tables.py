"""Every figure the dashboard shows, as tables: one definition for the page, CSV and XLSX.

A table has a slug (its export name), a caption, columns and rows of plain values (numbers,
text, dates, None for "not known"); the first cell of a row may link to where to act.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotse.accounts.models import User

from .demand import DemandReport, Figures, district_demand
from .filters import Filters
from .stale import (
    StaleList,
    certificates_expiring,
    past_but_open,
    unfilled_soon,
    waiting_proposals,
)
from .trends import DistrictTrend, trends
from .unmet import UnmetRow, unmet_demand


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = True


@dataclass
class Table:
    slug: str
    caption: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    links: list[str | None] = field(default_factory=list)  # per row, for the first cell
    total: int | None = None  # rows there are in all, when `rows` shows only the first ones

    def add(self, cells: list, link: str | None = None) -> None:
        self.rows.append(cells)
        self.links.append(link)

    @property
    def lines(self) -> list[tuple[list[tuple], str | None]]:
        """Rows for a template: ([(value, numeric), …], link)."""
        numeric = [column.numeric for column in self.columns]
        return [
            (list(zip(row, numeric, strict=True)), link)
            for row, link in zip(self.rows, self.links, strict=True)
        ]


FIGURE_COLUMNS = [
    Column(_("Open needs")),
    Column(_("Open slots")),
    Column(_("Hours per week asked for")),
    Column(_("Volunteers within reach")),
    Column(_("Coverage (volunteers per open slot)")),
    Column(_("Needs opened in the period")),
    Column(_("Median days to a first placement")),
    Column(_("Placements made in the period")),
    Column(_("Placements active")),
    Column(_("Hours logged this month")),
    Column(_("Hours logged in the period")),
]


def _figure_cells(f: Figures) -> list:
    return [
        f.open_needs, f.open_slots, f.hours_per_week, f.volunteers_within_reach, f.coverage,
        f.needs_opened, f.median_days_to_first_placement, f.placements_made,
        f.placements_active, round(f.hours_this_month, 1), round(f.hours_in_period, 1),
    ]  # fmt: skip


def districts_table(report: DemandReport) -> Table:
    table = Table("districts", _("Districts"), [Column(_("District"), False), *FIGURE_COLUMNS])
    for area in report.districts:
        table.add([area.name, *_figure_cells(area.figures)])
    table.add([str(_("All districts in view")), *_figure_cells(report.total)])
    return table


def neighbourhoods_table(report: DemandReport) -> Table:
    table = Table(
        "neighbourhoods",
        _("Neighbourhoods"),
        [Column(_("Neighbourhood"), False), Column(_("District"), False), *FIGURE_COLUMNS],
    )
    for district in report.districts:
        for hood in district.neighbourhoods:
            table.add([hood.name, district.name, *_figure_cells(hood.figures)])
    return table


UNMET_CAPTIONS = {
    "by_skill": (_("Skills asked for"), _("Skill")),
    "by_language": (_("Languages asked for"), _("Language")),
    "by_combination": (_("Languages and skills asked for together"), _("Language · skill")),
}


def unmet_table(rows: list[UnmetRow], kind: str) -> Table:
    caption, subject = UNMET_CAPTIONS[kind]
    table = Table(
        f"unmet_{kind.removeprefix('by_')}",
        caption,
        [Column(subject, False), Column(_("Open needs")), Column(_("Open slots")),
         Column(_("Volunteers within reach")), Column(_("Coverage (volunteers per open slot)")),
         Column(_("Assessment"), False)],
    )  # fmt: skip
    for row in rows:
        verdict = _("unmet") if row.is_unmet else _("covered")
        table.add([row.label, row.open_needs, row.open_slots, row.volunteers_within_reach,
                   row.coverage, str(verdict)])  # fmt: skip
    return table


def trends_table(series: list[DistrictTrend]) -> Table:
    table = Table(
        "trends",
        _("Twelve weeks per district"),
        [Column(_("District"), False), Column(_("Week from"), False), Column(_("Needs opened")),
         Column(_("Slots opened")), Column(_("New volunteers living there")),
         Column(_("Placements made")), Column(_("Hours logged"))],
    )  # fmt: skip
    for trend in series:
        for week in trend.weeks:
            table.add([trend.name, week.start, week.needs_opened, week.slots_opened,
                       week.new_volunteers, week.placements_made,
                       round(week.hours_logged, 1)])  # fmt: skip
    return table


def _need_link(need_id: int) -> str:
    return reverse("needs:detail", args=[need_id])


STALE_COLUMNS = {
    "proposals": (_("Proposals waiting for a decision"), [
        Column(_("Proposals waiting")), Column(_("Waiting since"), False),
        Column(_("Waiting for"), False)]),
    "soon": (_("Needs starting soon with open slots"), [
        Column(_("Open slots")), Column(_("Starts on"), False)]),
    "past": (_("Needs still open after their last date"), [Column(_("Last date"), False)]),
    "certificates": (_("Certificates of conduct running out"), [
        Column(_("Active placements affected")), Column(_("Runs out on"), False)]),
}  # fmt: skip
WAITING_FOR = {"staff": _("social work"), "volunteer": _("the volunteer")}


def _stale_cells(kind: str, item) -> list:
    if kind == "proposals":
        return [item.count, item.since, str(WAITING_FOR.get(item.detail, ""))]
    if kind == "soon":
        return [item.count, item.since]
    if kind == "past":
        return [item.since]
    return [item.count, item.since or str(_("no valid certificate"))]


def stale_table(kind: str, stale: StaleList) -> Table:
    caption, extra = STALE_COLUMNS[kind]
    columns = [Column(_("Need"), False), Column(_("Place"), False), Column(_("Operator"), False)]
    table = Table(f"stale_{kind}", caption, [*columns, *extra], total=stale.total)
    for item in stale.items:
        cells = [item.title, item.place, item.organisation, *_stale_cells(kind, item)]
        table.add(cells, _need_link(item.need_id))
    return table


# ---------------------------------------------------------------------------
# The registry the export view reads: each table computes only what it needs.
# ---------------------------------------------------------------------------
Builder = Callable[[Filters, User], Table]


def _unmet(kind: str) -> Builder:
    return lambda filters, user: unmet_table(getattr(unmet_demand(filters=filters), kind), kind)


def _stale(kind: str, selector) -> Builder:
    return lambda filters, user: stale_table(kind, selector(filters=filters))


TABLES: dict[str, Builder] = {
    "districts": lambda filters, user: districts_table(district_demand(filters=filters)),
    "neighbourhoods": lambda filters, user: neighbourhoods_table(district_demand(filters=filters)),
    "unmet_skill": _unmet("by_skill"),
    "unmet_language": _unmet("by_language"),
    "unmet_combination": _unmet("by_combination"),
    "trends": lambda filters, user: trends_table(trends(filters=filters)),
    "stale_proposals": _stale("proposals", waiting_proposals),
    "stale_soon": _stale("soon", unfilled_soon),
    "stale_past": _stale("past", past_but_open),
    "stale_certificates": lambda filters, user: stale_table(
        "certificates", certificates_expiring(filters=filters, reader=user)
    ),
}
