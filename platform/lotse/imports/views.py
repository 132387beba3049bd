"""The administrators' upload page, and exports for staff within their scope."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from lotse.core.roles import Role, role_required
from lotse.core.spreadsheets import excel_layout

from .exports import FORMATS, can_export, export_csv, export_xlsx
from .forms import KIND_CHOICES, ImportForm
from .limits import MB, current
from .services import import_file
from .tables import TOO_LARGE

staff_only = role_required(Role.SOCIAL_WORKER, Role.FACILITY_STAFF, Role.COORDINATOR, Role.ADMIN)
admins_only = role_required(Role.ADMIN)
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


SHOWN_ERRORS = 1_000  # a hostile file can have 280,000 bad cells; the command prints them all


def _page(request, form=None, report=None, status=200):
    exports = [(kind, label) for kind, label in KIND_CHOICES if can_export(request.user, kind)]
    errors = report.errors if report else []
    return render(
        request,
        "imports/data.html",
        {
            "form": form if form is not None else ImportForm(),
            "report": report,
            "errors": errors[:SHOWN_ERRORS],
            "hidden_errors": max(len(errors) - SHOWN_ERRORS, 0),
            "exports": exports,
            "formats": FORMATS,
            "can_import": request.user.is_city_admin,
        },
        status=status,
    )


@staff_only
@require_GET
def data_home(request):
    return _page(request)


@admins_only
@require_POST
def upload(request):
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form, status=400)
    uploaded = form.cleaned_data["file"]
    limit = current().max_bytes
    if uploaded.size > limit:  # before reading: Django may have spooled it to a file
        form.add_error("file", TOO_LARGE % {"mb": limit // MB})
        return _page(request, form, status=400)
    report = import_file(
        kind=form.cleaned_data["kind"],
        data=uploaded.read(),
        filename=uploaded.name,
        actor=request.user,
        dry_run=form.cleaned_data["dry_run"],
    )
    return _page(request, form, report, status=200 if report.ok else 400)


@staff_only
@require_GET
def export(request, kind: str, fmt: str):
    if kind not in dict(KIND_CHOICES) or fmt not in FORMATS:
        raise Http404
    if fmt == "csv":
        body = export_csv(kind=kind, user=request.user, layout=excel_layout())
    else:
        body = export_xlsx(kind=kind, user=request.user)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="lotse-{kind}-{stamp}.{fmt}"'
    return response
