"""Volunteer pages (sign-up wizard, my profile) and the staff's view of volunteers."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from lotse.core.roles import Role, role_required
from lotse.places.selectors import facility_list_visible_to
from lotse.taxonomy.models import Language, Skill

from . import services
from .consents import consent_hooks
from .forms import (
    PROFILE_SECTIONS,
    WIZARD_STEPS,
    CertificateInspectionForm,
    PauseForm,
    error_summary,
    profile_of,
    service_kwargs,
)
from .models import Volunteer
from .selectors import (
    certificate_status,
    contact_released_to,
    distance_km,
    signup_draft_of,
    volunteer_in_scope,
    volunteer_of,
    volunteers_visible_to,
)

SESSION_KEY = "volunteer_wizard"
STEP_NAMES = [name for name, _form in WIZARD_STEPS]
FIELD_STEP = {field: name for name, form in WIZARD_STEPS for field in form.base_fields}
FIELD_STEP.update({"availability": "time", "languages": "languages"})
# Answers the last step needs from earlier ones: a request that skipped a step goes back to it.
NEEDED_ANSWERS = ("postcode", "max_distance_km", "availability", "skills", "languages")
ANSWER_THIS_STEP_FIRST = _lazy("Please answer this step first.")
volunteer_only = role_required(Role.VOLUNTEER)
social_workers = role_required(Role.SOCIAL_WORKER, Role.ADMIN)


def _wizard_state(request) -> dict:
    """The answers so far: this session's, else a draft kept from an earlier session."""
    state = request.session.get(SESSION_KEY)
    if state is None:
        state = signup_draft_of(request.user)
    if state is None:
        user = request.user
        state = {"first_name": user.first_name, "last_name": user.last_name}
    return state


@volunteer_only
def signup(request):
    if volunteer_of(request.user):
        return redirect("volunteers:profile_edit")
    return redirect("volunteers:signup_step", step=STEP_NAMES[0])


@volunteer_only
def signup_step(request, step: str):
    if step not in STEP_NAMES:
        raise Http404
    if volunteer_of(request.user):
        return redirect("volunteers:profile_edit")
    index = STEP_NAMES.index(step)
    form_class = WIZARD_STEPS[index][1]
    state = _wizard_state(request)
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            state.update(form.profile_part())
            request.session[SESSION_KEY] = state
            services.signup_draft_save(user=request.user, answers=state)
            if index + 1 < len(STEP_NAMES):
                return redirect("volunteers:signup_step", step=STEP_NAMES[index + 1])
            return _signup_finish(request, form, state)
    else:
        form = form_class(initial=form_class.initial_for(state))
    return _render_step(request, form, index)


def _render_step(request, form, index: int):
    previous = STEP_NAMES[index - 1] if index else None
    return render(
        request,
        "volunteers/wizard.html",
        {
            "form": form,
            "error_summary": error_summary([form]),
            "step_number": index + 1,
            "step_count": len(STEP_NAMES),
            "previous_url": previous
            and reverse("volunteers:signup_step", kwargs={"step": previous}),
        },
    )


def _signup_finish(request, form, state: dict):
    skipped = next((key for key in NEEDED_ANSWERS if key not in state), None)
    if skipped is not None:
        messages.error(request, ANSWER_THIS_STEP_FIRST)
        return redirect("volunteers:signup_step", step=FIELD_STEP[skipped])
    profile = {k: v for k, v in state.items() if k not in ("privacy", "code_of_conduct")}
    try:
        services.volunteer_register(
            user=request.user,
            privacy_accepted=form.cleaned_data["privacy"],
            code_of_conduct_accepted=form.cleaned_data["code_of_conduct"],
            **service_kwargs(profile),
        )
    except ValidationError as exc:
        return _wizard_error(request, form, exc)
    request.session.pop(SESSION_KEY, None)
    messages.success(request, _("Thank you! Your profile is complete."))
    return redirect("volunteers:profile")


def _wizard_error(request, form, exc: ValidationError):
    """A rule the service found: show it on the step that asks for that field."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for field, field_errors in errors.items():
        step = FIELD_STEP.get(field)
        if step and step != STEP_NAMES[-1]:
            for message in field_errors:
                messages.error(request, message)
            return redirect("volunteers:signup_step", step=step)
    for field, field_errors in errors.items():
        for message in field_errors:
            form.add_error(field if field in form.fields else None, message)
    return _render_step(request, form, len(STEP_NAMES) - 1)


@volunteer_only
def profile(request):
    volunteer = volunteer_of(request.user, with_details=True)
    if volunteer is None:
        return redirect("volunteers:signup")
    history = list(consent_hooks().history(request.user))
    return render(
        request,
        "volunteers/profile.html",
        {
            "volunteer": volunteer,
            "certificate": certificate_status(volunteer),
            "consents": consent_hooks().states(request.user, history),
            "consent_history": history,
            "pause_form": PauseForm(initial={"paused_until": volunteer.paused_until}),
        },
    )


@volunteer_only
def profile_edit(request):
    volunteer = volunteer_of(request.user, with_details=True)
    if volunteer is None:
        return redirect("volunteers:signup")
    initial = profile_of(volunteer)
    bound = request.POST if request.method == "POST" else None
    forms = [
        cls(bound, prefix=name, initial=cls.initial_for(initial)) for name, cls in PROFILE_SECTIONS
    ]
    if bound is not None and all(form.is_valid() for form in forms):
        profile = {}
        for form in forms:
            profile.update(form.profile_part())
        try:
            services.volunteer_profile_save(user=request.user, **service_kwargs(profile))
        except ValidationError as exc:
            _spread_errors(forms, exc)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("volunteers:profile")
    return render(
        request,
        "volunteers/profile_edit.html",
        {"forms": forms, "error_summary": error_summary(forms)},
    )


def _spread_errors(forms, exc: ValidationError) -> None:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for field, field_errors in errors.items():
        target = next((f for f in forms if field in f.fields), forms[0])
        for message in field_errors:
            target.add_error(field if field in target.fields else None, message)


@volunteer_only
@require_POST
def pause(request):
    volunteer = volunteer_of(request.user)
    if volunteer is None:
        raise Http404
    if request.POST.get("resume"):
        services.volunteer_resume(volunteer=volunteer)
        messages.success(request, _("Welcome back! Social workers can find you again."))
        return redirect("volunteers:profile")
    form = PauseForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.get("paused_until"))
        services.volunteer_pause(volunteer=volunteer, until=form.cleaned_data["paused_until"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your break is saved. Enjoy it!"))
    return redirect("volunteers:profile")


# ---------------------------------------------------------------------------
# Staff: volunteers within reach of their facilities, without contact details
# ---------------------------------------------------------------------------
@social_workers
def volunteer_list(request):
    facilities = facility_list_visible_to(request.user)
    facility = _chosen_facility(request, facilities)
    qs = volunteers_visible_to(request.user)
    skill, language = request.GET.get("skill", ""), request.GET.get("language", "")
    if skill:
        qs = qs.filter(skills__slug=skill)
    if language:
        qs = qs.filter(languages__language__code=language)
    volunteers = list(qs.distinct())
    for volunteer in volunteers:
        volunteer.distance = distance_km(volunteer, facility) if facility else None
    volunteers.sort(key=lambda v: (v.distance is None, v.distance, v.display_name))
    return render(
        request,
        "volunteers/staff_list.html",
        {
            "volunteers": volunteers,
            "facilities": facilities,
            "facility": facility,
            "skills": Skill.objects.all(),
            "languages": Language.objects.all(),
            "skill": skill,
            "language": language,
        },
    )


def _chosen_facility(request, facilities):
    wanted = request.GET.get("facility")
    by_id = {str(f.pk): f for f in facilities}
    if wanted in by_id:
        return by_id[wanted]
    mine = set(request.user.facilities.values_list("pk", flat=True))
    own = [f for f in facilities if f.pk in mine]
    return (own or facilities or [None])[0]


def _in_scope_or_404(user, pk) -> Volunteer:
    try:
        return volunteer_in_scope(user, pk)
    except Volunteer.DoesNotExist:
        raise Http404 from None


@social_workers
def volunteer_detail(request, pk: int):
    volunteer = _in_scope_or_404(request.user, pk)
    return _render_detail(request, volunteer, CertificateInspectionForm())


def _render_detail(request, volunteer, form, status=200):
    facilities = facility_list_visible_to(request.user)
    facility = _chosen_facility(request, facilities)
    return render(
        request,
        "volunteers/staff_detail.html",
        {
            "volunteer": volunteer,
            "facility": facility,
            "distance": distance_km(volunteer, facility) if facility else None,
            "contact": contact_released_to(request.user, volunteer),
            "certificate": certificate_status(volunteer, reader=request.user),
            "form": form,
        },
        status=status,
    )


@social_workers
@require_POST
def certificate_record(request, pk: int):
    volunteer = _in_scope_or_404(request.user, pk)
    form = CertificateInspectionForm(request.POST)
    if form.is_valid():
        try:
            services.certificate_inspection_record(
                volunteer=volunteer, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            _spread_errors([form], exc)
        else:
            messages.success(request, _("The inspection is recorded."))
            return redirect("volunteers:detail", pk=volunteer.pk)
    return _render_detail(request, volunteer, form, status=400)
