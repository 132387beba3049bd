"""Concern pages: the public form and status lookup, "my concerns", and case handling."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.core.audit import access_log_record, access_log_record_many

from . import services
from .api import LIST_PURPOSE, READ_PURPOSE
from .forms import ConcernForm, NoteForm, ResolveForm, StatusLookupForm, VolunteerLinkForm
from .selectors import (
    can_handle_concerns,
    concern_by_reference,
    concerns_raised_by,
    concerns_visible_to,
    linkable_volunteers,
)
from .throttles import TOO_MANY_CONCERNS, concern_rate_exceeded, concern_status_rate_exceeded

SESSION_REFERENCE = "concern_reference"


def _spread(form, exc: ValidationError) -> None:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for field, field_errors in errors.items():
        for message in field_errors:
            form.add_error(field if field in form.fields else None, message)


def concern_new(request):
    """Open to everyone, logged in or not."""
    initial = {"facility": request.GET.get("facility", "")}
    form = ConcernForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST":
        if concern_rate_exceeded(request):
            form.add_error(None, TOO_MANY_CONCERNS)
            return render(request, "safeguarding/concern_new.html", {"form": form}, status=429)
        if form.is_valid():
            try:
                raised = services.concern_raise(reporter=request.user, **form.service_kwargs())
            except ValidationError as exc:
                _spread(form, exc)
            else:
                request.session[SESSION_REFERENCE] = raised.reference
                return redirect("safeguarding:thanks")
        return render(request, "safeguarding/concern_new.html", {"form": form}, status=400)
    return render(request, "safeguarding/concern_new.html", {"form": form})


def concern_thanks(request):
    reference = request.session.pop(SESSION_REFERENCE, None)
    if reference is None:
        return redirect("safeguarding:new")
    context = {"reference": reference, "hours": settings.LOTSE_CONCERN_RESPONSE_HOURS}
    return render(request, "safeguarding/concern_thanks.html", context)


def concern_status(request):
    form = StatusLookupForm(request.POST or None)
    concern, status = None, 200
    if request.method == "POST":
        if concern_status_rate_exceeded(request):
            form.add_error(None, TOO_MANY_CONCERNS)
            status = 429
        elif not form.is_valid():
            status = 400
        else:
            concern = concern_by_reference(form.cleaned_data["reference"])
            if concern is None:
                form.add_error("reference", _("We found no concern with this code."))
                status = 404
    context = {"form": form, "concern": concern}
    return render(request, "safeguarding/concern_status.html", context, status=status)


@login_required
def my_concerns(request):
    concerns = concerns_raised_by(request.user).order_by("-created_at")
    return render(request, "safeguarding/my_concerns.html", {"concerns": concerns})


def _handler_only(request) -> None:
    if not can_handle_concerns(request.user):
        raise PermissionDenied(services.NOT_A_HANDLER)


@login_required
def concern_list(request):
    _handler_only(request)
    concerns = list(concerns_visible_to(request.user).order_by("status", "-created_at"))
    access_log_record_many(actor=request.user, records=concerns, purpose=LIST_PURPOSE)
    return render(request, "safeguarding/concern_list.html", {"concerns": concerns})


def _render_case(request, concern, forms=None, status=200):
    access_log_record(actor=request.user, record=concern, purpose=READ_PURPOSE)
    volunteers = list(linkable_volunteers(concern))
    forms = forms or {}
    context = {
        "concern": concern,
        "notes": concern.notes.select_related("author"),
        "note_form": forms.get("notes") or NoteForm(),
        "resolve_form": forms.get("resolve") or ResolveForm(),
        "link_form": forms.get("volunteer")
        or VolunteerLinkForm(
            volunteers=volunteers,
            initial={
                "volunteer": concern.volunteer_id or "",
                "suspend": concern.suspends_placements or not concern.volunteer_id,
            },
        ),
        "volunteers": volunteers,
    }
    return render(request, "safeguarding/concern_detail.html", context, status=status)


@login_required
def concern_detail(request, pk: int):
    _handler_only(request)
    concern = get_object_or_404(concerns_visible_to(request.user), pk=pk)
    return _render_case(request, concern)


FORMS = {"notes": NoteForm, "resolve": ResolveForm, "volunteer": VolunteerLinkForm}


@login_required
@require_POST
def concern_act(request, pk: int, verb: str):
    _handler_only(request)
    concern = get_object_or_404(concerns_visible_to(request.user), pk=pk)
    if verb not in ("acknowledge", *FORMS):
        raise Http404
    kwargs = {"volunteers": linkable_volunteers(concern)} if verb == "volunteer" else {}
    form = FORMS[verb](request.POST, **kwargs) if verb in FORMS else None
    try:
        if form is not None and not form.is_valid():
            raise ValidationError(form.errors.as_data())
        _act(request, concern, verb, form)
    except ValidationError as exc:
        if form is not None and not form.errors:
            _spread(form, exc)
        return _render_case(request, concern, {verb: form}, status=400)
    except services.ConcernConflict as exc:
        messages.error(request, exc.message)
        return redirect("safeguarding:detail", pk=concern.pk)
    messages.success(request, _("Saved."))
    return redirect("safeguarding:detail", pk=concern.pk)


def _act(request, concern, verb: str, form) -> None:
    actor = request.user
    if verb == "acknowledge":
        services.concern_acknowledge(concern=concern, actor=actor)
    elif verb == "notes":
        services.concern_note_add(concern=concern, actor=actor, text=form.cleaned_data["text"])
    elif verb == "resolve":
        services.concern_resolve(concern=concern, actor=actor, resolution=form.cleaned_data["text"])
    else:
        services.concern_volunteer_link(
            concern=concern,
            actor=actor,
            volunteer_id=form.cleaned_data["volunteer"],
            suspend=form.cleaned_data["suspend"],
        )
