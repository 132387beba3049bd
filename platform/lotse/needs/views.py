"""Staff pages: needs of my facilities, a need's page, posting and editing, the lifecycle."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.core.roles import Role, role_required
from lotse.places.selectors import facility_list_visible_to

from . import services
from .forms import NeedForm
from .models import Need
from .selectors import (
    can_post_needs,
    need_history,
    needs_editable_by,
    needs_visible_to,
    with_open_slots,
)

staff_only = role_required(Role.SOCIAL_WORKER, Role.FACILITY_STAFF, Role.COORDINATOR, Role.ADMIN)
posters_only = role_required(Role.SOCIAL_WORKER, Role.FACILITY_STAFF, Role.ADMIN)
MESSAGING_ROLES = (Role.SOCIAL_WORKER, Role.FACILITY_STAFF, Role.ADMIN)
NEEDS_PER_PAGE = 25


@staff_only
def need_list(request):
    needs = needs_visible_to(request.user)
    facilities = facility_list_visible_to(request.user)
    facility, status = request.GET.get("facility", ""), request.GET.get("status", "")
    if facility.isdigit():
        needs = needs.filter(facility_id=int(facility))
    if status in Need.Status.values:
        needs = needs.filter(status=status)
    # get_page answers a page number out of range or not a number with the nearest page.
    page = Paginator(needs.order_by("status", "-created_at", "-pk"), NEEDS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "needs/need_list.html",
        {
            "needs": with_open_slots(page.object_list),
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
            "facilities": facilities,
            "facility": facility,
            "status": status,
            "statuses": Need.Status.choices,
            "can_post": can_post_needs(request.user),
        },
    )


@staff_only
def need_detail(request, pk: int):
    need = get_object_or_404(needs_visible_to(request.user), pk=pk)
    languages = list(need.languages.select_related("language").order_by("language__sort_order"))
    editable = needs_editable_by(request.user).filter(pk=pk).exists()
    return render(
        request,
        "needs/need_detail.html",
        {
            "need": with_open_slots([need])[0],
            "languages_required": [nl for nl in languages if nl.required],
            "languages_preferred": [nl for nl in languages if not nl.required],
            "history": need_history(need),
            "editable": editable,
            "actions": _actions_for(need) if editable else [],
            # The reminders app's message page admits exactly these roles, for editable needs.
            "can_message": editable
            and (request.user.role in MESSAGING_ROLES or request.user.is_superuser),
        },
    )


def _actions_for(need: Need) -> list[tuple[str, str]]:
    labels = {
        "open": _("Publish"),
        "fill": _("Mark as filled"),
        "reopen": _("Reopen"),
        "close": _("Close"),
        "cancel": _("Cancel the need"),
    }
    return [
        (action, labels[action])
        for action, (_target, sources) in services.ACTIONS.items()
        if need.status in sources
    ]


@posters_only
def need_create(request):
    initial = {}
    if (facility := request.GET.get("facility", "")).isdigit():
        initial["place"] = f"f:{facility}"
    form = NeedForm(request.POST or None, user=request.user, initial=initial)
    status = Need.Status.DRAFT if "draft" in request.POST else Need.Status.OPEN
    saved = _save(request, form, services.need_create, status=status)
    return saved or render(request, "needs/need_form.html", {"form": form, "need": None})


@posters_only
def need_edit(request, pk: int):
    need = get_object_or_404(needs_editable_by(request.user), pk=pk)
    if need.status in (Need.Status.CLOSED, Need.Status.CANCELLED):
        messages.error(request, services.NOT_EDITABLE % {"status": need.get_status_display()})
        return redirect("needs:detail", pk=need.pk)
    form = NeedForm(request.POST or None, user=request.user, need=need)
    saved = _save(request, form, services.need_update, need=need)
    return saved or render(request, "needs/need_form.html", {"form": form, "need": need})


def _save(request, form, service, **kwargs):
    """Call the service with the form's values: a redirect, or None to show the form again."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        need = service(actor=request.user, **kwargs, **form.service_kwargs())
    except ValidationError as exc:
        _form_errors(form, exc)
        return None
    messages.success(request, _("The need is saved."))
    return redirect("needs:detail", pk=need.pk)


def _form_errors(form, exc: ValidationError) -> None:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    when = "on" if form.cleaned_data.get("kind") == "one_off" else "valid_until"
    moved = {"facility": "place", "neighbourhood": "place", "schedule": when}
    for field, field_errors in errors.items():
        name = moved.get(field, field)
        for message in field_errors:
            form.add_error(name if name in form.fields else None, message)


@posters_only
@require_POST
def need_action(request, pk: int, action: str):
    need = get_object_or_404(needs_editable_by(request.user), pk=pk)
    if action not in services.ACTIONS:
        raise Http404
    try:
        services.need_transition(need=need, actor=request.user, action=action)
    except (ValidationError, PermissionDenied) as exc:
        for message in getattr(exc, "messages", [str(exc)]):
            messages.error(request, message)
    else:
        messages.success(request, _("The need is now: %(status)s.") % {
            "status": Need.objects.get(pk=pk).get_status_display()})  # fmt: skip
    return redirect("needs:detail", pk=need.pk)
