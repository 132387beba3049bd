"""Export the same columns the import reads, within the caller's scope (CSV or XLSX).

A file exported here imports again without changes. Cells that a spreadsheet would run as a
formula are written as plain text (XLSX) or prefixed with ' (CSV, lotse.core.spreadsheets), which
the import strips; the import reads `,` and `;` files, with or without BOM, alike.
"""

import io

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from lotse.accounts.models import User
from lotse.core.audit import access_log_record_many
from lotse.core.spreadsheets import FOR_SCRIPTS, CsvLayout, csv_bytes
from lotse.needs.models import Need
from lotse.needs.selectors import needs_visible_to
from lotse.places.models import Facility
from lotse.places.selectors import facilities_visible_to
from lotse.volunteers.consents import consent_hooks
from lotse.volunteers.models import CertificateInspection, Volunteer
from matching.codes import format_languages

from .kinds import KINDS

NOT_ALLOWED = _("Your role does not allow this export.")
FORMATS = ("xlsx", "csv")  # XLSX first: Excel opens it without guessing separators
# Not translated: the access log is read by the data-protection officer, like the admin's entries.
EXPORT_PURPOSE = "volunteers export as %(fmt)s: %(rows)s rows, %(certificates)s with eFZ data"


def can_export(user: User | None, kind: str) -> bool:
    """Volunteers' personal data goes to administrators only; places and needs to staff."""
    if user is None:
        return True
    if kind == "volunteers":
        return user.is_city_admin
    return user.is_staff_role or user.is_superuser


def _number(value) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def _facility_rows(user: User | None, fmt: str) -> list[list[str]]:
    facilities = Facility.objects.select_related("organisation", "neighbourhood__district")
    if user is not None:
        facilities = facilities_visible_to(user)
    return [
        [f.external_id or "", f.name, f.organisation.name, f.street, f.postcode,
         _number(f.lat), _number(f.lon), f.neighbourhood.name if f.neighbourhood else "",
         _number(f.capacity), f.consultation_hours]
        for f in facilities.order_by("external_id", "pk")
    ]  # fmt: skip


def _volunteer_row(v: Volunteer, conduct: set[int], inspections: dict) -> list[str]:
    inspection = inspections.get(v.pk)
    return [
        v.external_id or "", v.user.first_name, v.user.last_name, v.user.email,
        v.postcode.code, v.street, _number(v.max_distance_km),
        "; ".join(sorted(s.slug for s in v.skills.all())),
        format_languages({vl.language.code: vl.level for vl in v.languages.all()}),
        v.availability, _number(v.max_hours_per_month),
        inspection.certificate_date.isoformat() if inspection else "",
        inspection.inspected_on.isoformat() if inspection else "",
        "yes" if v.user_id in conduct else "no",
    ]  # fmt: skip


def _latest_inspections() -> dict[int, CertificateInspection]:
    latest = {}
    for inspection in CertificateInspection.objects.order_by("inspected_on", "pk"):
        latest[inspection.volunteer_id] = inspection
    return latest


def _volunteer_rows(user: User | None, fmt: str) -> list[list[str]]:
    volunteers = Volunteer.objects.select_related("user", "postcode").prefetch_related(
        "skills", "languages__language"
    )
    conduct = set(consent_hooks().code_of_conduct_standing().values_list("user_id", flat=True))
    latest = _latest_inspections()
    rows = [_volunteer_row(v, conduct, latest) for v in volunteers.order_by("external_id", "pk")]
    _log_certificate_export(user=user, inspections=list(latest.values()), rows=len(rows), fmt=fmt)
    return rows


def _log_certificate_export(*, user, inspections, rows: int, fmt: str) -> None:
    """eFZ data is criminal-record data (GDPR Art. 10): each export leaves one access-log
    entry per certificate inspection it contains, saying who exported how many rows."""
    purpose = EXPORT_PURPOSE % {"fmt": fmt.upper(), "rows": rows, "certificates": len(inspections)}
    access_log_record_many(actor=user, records=inspections, purpose=purpose)


def _need_rows(user: User | None, fmt: str) -> list[list[str]]:
    needs = Need.objects.all() if user is None else needs_visible_to(user)
    needs = needs.select_related("facility", "main_skill").prefetch_related(
        "skills", "languages__language"
    )
    rows = []
    for need in needs.order_by("external_id", "pk"):
        levels = {True: {}, False: {}}
        for nl in sorted(need.languages.all(), key=lambda nl: nl.language.sort_order):
            levels[nl.required][nl.language.code] = nl.min_level
        skills = [need.main_skill.slug] + sorted(s.slug for s in need.skills.all())
        facility = (need.facility.external_id or "") if need.facility else ""
        rows.append([
            need.external_id or "", facility, need.title, need.description, "; ".join(skills),
            format_languages(levels[True]), format_languages(levels[False]), need.schedule,
            str(need.volunteers_needed), "yes" if need.requires_certificate else "no",
            need.urgency,
        ])  # fmt: skip
    return rows


ROWS = {"facilities": _facility_rows, "volunteers": _volunteer_rows, "needs": _need_rows}


def export_rows(
    *, kind: str, user: User | None, fmt: str = "csv"
) -> tuple[list[str], list[list[str]]]:
    """The header and rows of an export; `user` None is the operator (everything)."""
    if not can_export(user, kind):
        raise PermissionDenied(NOT_ALLOWED)
    return KINDS[kind].columns, ROWS[kind](user, fmt)


def export_csv(*, kind: str, user: User | None, layout: CsvLayout = FOR_SCRIPTS) -> bytes:
    """Values stay as the import reads them (`51.96`, not `51,96`) in every layout."""
    columns, rows = export_rows(kind=kind, user=user, fmt="csv")
    return csv_bytes(columns, rows, layout)


def export_xlsx(*, kind: str, user: User | None) -> bytes:
    from openpyxl import Workbook

    columns, rows = export_rows(kind=kind, user=user, fmt="xlsx")
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = kind
    sheet.append(columns)
    for row in rows:
        sheet.append(row)
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.data_type = "s"  # text, never a formula (and numbers stay as written)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
