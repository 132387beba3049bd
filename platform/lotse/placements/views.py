"""Pages: my placements, the social workers' queue, one placement, proposing and offering,
hours, the certificate of volunteering and the audit export. Thin: each calls one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from lotse.core.roles import STAFF_ROLES, Role, role_required
from lotse.core.spreadsheets import csv_response
from lotse.core.words import choice_labels
from lotse.needs.models import Need
from lotse.places.selectors import facility_list_visible_to
from lotse.volunteers.models import Volunteer
from lotse.volunteers.selectors import volunteer_in_scope

from . import selectors
from .decisions import score_components_at_decision
from .errors import PlacementConflict
from .forms import (
    ConfirmHoursForm,
    EventsExportForm,
    FeedbackForm,
    HoursForm,
    OfferForm,
    ReasonForm,
    RejectForm,
)
from .gates import safeguarding_problems
from .models import RejectReason, State
from .rules import Action
from .services import (
    hours_confirm,
    hours_log,
    placement_feedback_give,
    placement_propose,
    placement_transition,
    placements_decide_bulk,
)

SERVICE_ERRORS = (PermissionDenied, PlacementConflict, ValidationError)
# Said on the 403 page to a role a page is not for.
QUEUE_IS_FOR_SOCIAL_WORKERS = gettext_lazy("The decision queue is for social workers.")
PROPOSING_IS_FOR_SOCIAL_WORKERS = gettext_lazy("Only social workers propose volunteers.")
CERTIFICATE_IS_FOR_VOLUNTEERS = gettext_lazy("The certificate is for volunteers.")
EXPORT_IS_FOR_STAFF = gettext_lazy("The export is for staff.")
DONE = {
    Action.ACCEPT: gettext_lazy("You accepted. Thank you!"),
    Action.DECLINE: gettext_lazy("You declined."),
    Action.WITHDRAW: gettext_lazy("Withdrawn."),
    Action.COMPLETE: gettext_lazy("Marked as completed."),
    Action.END: gettext_lazy("Ended."),
}
# What happened and what comes next, as the services do it (placement_approve/_reject/_propose).
APPROVED_ACTIVE = gettext_lazy(
    "Placement approved; both sides have agreed, so it is active now. %(name)s is being "
    "notified and now sees the facility's contact details; the facility staff are told who "
    "is coming, and you now see the contact details of %(name)s."
)
APPROVED_WAITING = gettext_lazy(
    "Placement approved. %(name)s is being notified and now sees the facility's contact "
    "details; the placement becomes active as soon as %(name)s accepts."
)
REJECTED = gettext_lazy(
    "Placement rejected. %(name)s is being notified, with the reason you chose. The need's "
    "candidate list shows who else could help."
)
PROPOSED = gettext_lazy(
    "Proposal sent. %(name)s is being asked and can accept or decline. The proposal also "
    "waits in the decision queue for a social worker's approval."
)


def _done_text(verb: str, placement) -> str:
    """The success message; approve and reject name the volunteer and what comes next."""
    name = placement.volunteer.display_name if placement.volunteer_id else ""
    if verb == Action.APPROVE:
        return (APPROVED_ACTIVE if placement.accepted_at else APPROVED_WAITING) % {"name": name}
    if verb == Action.REJECT:
        return REJECTED % {"name": name}
    return DONE[verb]


def _error_text(exc: Exception) -> str:
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


def _call(request, service, success: str, **kwargs):
    """Run a service; its refusal becomes a message on the page, never a 500."""
    try:
        result = service(**kwargs)
    except SERVICE_ERRORS as exc:
        messages.error(request, _error_text(exc))
        return None
    messages.success(request, success)
    return result


def _back(request, fallback: str):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


def _visible(request, pk: int):
    return get_object_or_404(selectors.placements_visible_to(request.user), pk=pk)


@login_required
@require_GET
def placement_list(request):
    """Volunteers: my placements; staff: the placements of their organisation or facilities."""
    placements = selectors.placements_visible_to(request.user).order_by("-created_at")
    state = request.GET.get("state", "")
    if state in State.values:
        placements = placements.filter(state=state)
    return render(
        request,
        "placements/list.html",
        {"placements": placements[:200], "states": State.choices, "state": state},
    )


def _int(value) -> int | None:
    return int(value) if str(value or "").isdigit() else None


@role_required(Role.SOCIAL_WORKER, message=QUEUE_IS_FOR_SOCIAL_WORKERS)
@require_GET
def queue(request):
    facility_id, need_id = _int(request.GET.get("facility")), _int(request.GET.get("need"))
    rows = selectors.decision_queue_rows(
        user=request.user, facility_id=facility_id, need_id=need_id
    )
    if facility_id or need_id:
        waiting = selectors.decision_queue(user=request.user).values("need_id")
        needs = list(Need.objects.filter(pk__in=waiting))
    else:  # the rows are the whole queue: their needs are the filter's options
        needs = list({row.placement.need_id: row.placement.need for row in rows}.values())
    needs.sort(key=lambda need: (need.title.casefold(), need.pk))
    return render(
        request,
        "placements/queue.html",
        {
            "rows": rows,
            "facilities": facility_list_visible_to(request.user),
            "needs": needs,
            "facility_id": facility_id,
            "need_id": need_id,
            "reject_reasons": choice_labels(RejectReason.choices),
        },
    )


@login_required
@require_GET
def detail(request, pk: int):
    placement = _visible(request, pk)
    user = request.user
    return render(
        request,
        "placements/detail.html",
        {
            "placement": placement,
            "actions": selectors.actions_for(user=user, placement=placement),
            "contacts": selectors.placement_contacts(user=user, placement=placement),
            "events": selectors.placement_events(placement=placement),
            "hours": placement.hours.select_related("confirmed_by").order_by("-date"),
            "feedback": placement.feedback.all(),
            "reject_form": RejectForm(),
            "reason_form": ReasonForm(),
            "hours_form": HoursForm(initial={"date": timezone.localdate()}),
            "confirm_form": ConfirmHoursForm(),
            "feedback_form": FeedbackForm(),
            "is_own": placement.volunteer_id and placement.volunteer.user_id == user.pk,
        },
    )


@login_required
@require_POST
def transition(request, pk: int, verb: str):
    placement = _visible(request, pk)
    if verb not in Action.values:
        return HttpResponseForbidden(_("Unknown action."))
    _call(
        request,
        placement_transition,
        _done_text(verb, placement),
        action=verb,
        placement=placement,
        actor=request.user,
        reason=request.POST.get("reason", ""),
        note=request.POST.get("note", ""),
    )
    return _back(request, reverse("placements:detail", args=[pk]))


@login_required
@require_POST
def bulk(request):
    ids = [i for i in request.POST.getlist("placement") if i.isdigit()]
    chosen = selectors.decision_queue(user=request.user).filter(pk__in=ids)
    verb = request.POST.get("action", "")
    try:
        result = placements_decide_bulk(
            placements=list(chosen),
            actor=request.user,
            action=verb,
            reason=request.POST.get("reason", ""),
            note=request.POST.get("note", ""),
        )
    except SERVICE_ERRORS as exc:
        messages.error(request, _error_text(exc))
        return _back(request, reverse("placements:queue"))
    if result.done:
        messages.success(request, _("%(n)d decided.") % {"n": len(result.done)})
    for placement, why in result.refused:
        messages.error(request, f"{placement.need.title} · {placement.volunteer}: {why}")
    return _back(request, reverse("placements:queue"))


def _proposable_need(request, pk) -> Need:
    """Social workers propose for needs of their organisation; other needs are a 404."""
    org = request.user.organisation_id
    needs = Need.objects.filter(organisation_id=org) if org else Need.objects.none()
    return get_object_or_404(needs.select_related("facility", "neighbourhood"), pk=pk)


@role_required(Role.SOCIAL_WORKER, message=PROPOSING_IS_FOR_SOCIAL_WORKERS)
def propose(request):
    """Confirm a candidate picked from the ranked list (links carry ?need=…&volunteer=…)."""
    source = request.POST if request.method == "POST" else request.GET
    need = _proposable_need(request, _int(source.get("need")))
    try:
        volunteer = volunteer_in_scope(request.user, source.get("volunteer"), need=need)
    except Volunteer.DoesNotExist:
        raise Http404 from None
    if request.method == "POST":
        placement = _call(
            request,
            placement_propose,
            PROPOSED % {"name": volunteer.display_name},
            need=need,
            volunteer=volunteer,
            actor=request.user,
            origin=source.get("origin") or None,
            reasons=source.getlist("reason"),
        )
        if placement is not None:
            return redirect("placements:detail", placement.pk)
    return render(
        request,
        "placements/propose.html",
        {
            "need": need,
            "volunteer": volunteer,
            "components": score_components_at_decision(need=need, volunteer=volunteer),
            "problems": safeguarding_problems(need=need, volunteer=volunteer),
            "origin": source.get("origin", ""),
        },
    )


@login_required
def offer(request, need_pk: int):
    """“I'd like to help”: a volunteer offers themselves for an open need."""
    volunteer = Volunteer.objects.filter(user=request.user).first()
    if request.user.role != Role.VOLUNTEER or volunteer is None:
        messages.error(request, _("Please complete your volunteer profile first."))
        return redirect("web:start")
    need = get_object_or_404(
        Need.objects.filter(status=Need.Status.OPEN).select_related("facility", "neighbourhood"),
        pk=need_pk,
    )
    form = OfferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        placement = _call(
            request,
            placement_propose,
            _("Thank you! A social worker will decide soon."),
            need=need,
            volunteer=volunteer,
            actor=request.user,
            message=form.cleaned_data["message"],
        )
        if placement is not None:
            return redirect("placements:detail", placement.pk)
    return render(request, "placements/offer.html", {"need": need, "form": form})


def _call_with_form(request, form, service, success: str, **kwargs) -> None:
    """Form errors and service refusals both end as messages on the placement page."""
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return
    _call(request, service, success, actor=request.user, **kwargs, **form.cleaned_data)


@login_required
@require_POST
def log_hours(request, pk: int):
    placement = _visible(request, pk)
    form = HoursForm(request.POST)
    _call_with_form(request, form, hours_log, _("Hours logged."), placement=placement)
    return redirect(reverse("placements:detail", args=[pk]) + "#hours")


@login_required
@require_POST
def confirm_hours(request, pk: int, entry_pk: int):
    entry = get_object_or_404(_visible(request, pk).hours, pk=entry_pk)
    form = ConfirmHoursForm(request.POST)
    _call_with_form(request, form, hours_confirm, _("Hours confirmed."), entry=entry)
    return redirect(reverse("placements:detail", args=[pk]) + "#hours")


@login_required
@require_POST
def feedback(request, pk: int):
    placement = _visible(request, pk)
    _call(
        request,
        placement_feedback_give,
        _("Thank you for your feedback."),
        placement=placement,
        actor=request.user,
        text=request.POST.get("text", ""),
    )
    return redirect("placements:detail", pk)


@role_required(Role.VOLUNTEER, message=CERTIFICATE_IS_FOR_VOLUNTEERS)
@require_GET
def certificate(request):
    """The printable certificate of volunteering (Ehrenamtsnachweis) with confirmed hours."""
    lines = selectors.certificate_lines(user=request.user)
    return render(
        request,
        "placements/certificate.html",
        {
            "lines": lines,
            "total": sum((line.hours for line in lines), start=0),
            "today": timezone.localdate(),
        },
    )


EXPORT_COLUMNS = [
    "placement", "need", "facility", "organisation", "at", "action", "from_state", "to_state",
    "actor_role", "reason",
]  # fmt: skip


@role_required(*STAFF_ROLES, message=EXPORT_IS_FOR_STAFF)
@require_GET
def events_csv(request):
    """The audit trail for quality reports: no names, no contact data."""
    form = EventsExportForm(request.GET)
    dates = form.cleaned_data if form.is_valid() else {}
    events = selectors.events_for_export(
        user=request.user, since=dates.get("since"), until=dates.get("until")
    )
    rows = (_event_row(event) for event in events.iterator())
    return csv_response(EXPORT_COLUMNS, rows, filename="placement-events.csv")


def _event_row(event) -> list:
    need = event.placement.need
    facility = need.facility
    return [
        event.placement_id, need.pk, facility.name if facility else "",
        (facility.organisation if facility else need.organisation).name,
        timezone.localtime(event.at).isoformat(timespec="seconds"), event.action,
        event.from_state, event.to_state, event.actor_role, event.reason,
    ]  # fmt: skip
