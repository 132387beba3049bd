from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from lotse.core.roles import Role, role_required
from lotse.needs.models import Need
from lotse.volunteers.forms import profile_of, service_kwargs
from lotse.volunteers.models import Volunteer
from lotse.volunteers.services import volunteer_profile_save
from matching import COMPONENTS, NeedNotRankable

from .browse import browse_open_needs
from .forms import BrowseFilterForm, WidenRadiusForm
from .glance import (
    WHY_NOT_UNKNOWN,
    excluded_by_reason,
    sort_key,
    sorted_candidates,
    volunteers_to_ask_about,
    why_not,
)
from .models import MatchingRun
from .selectors import candidates_for_need, engine_lang, volunteer_opportunities
from .services import matching_run_start

NOT_SAVED = gettext_lazy("Nothing was changed.")


@login_required
@require_GET
def need_candidates(request, pk: int):
    """Ranked candidates as a sortable table, who was ruled out by reason, and one pair on ask."""
    need = get_object_or_404(Need.objects.select_related("facility", "neighbourhood"), pk=pk)
    explain = request.GET.get("explain") == "1"
    sort = sort_key(request.GET.get("sort"))
    ranked = candidates_for_need(user=request.user, need=need, limit=20, explain=explain)
    context = {
        "need": need,
        "ranked": ranked,
        "rows": sorted_candidates(ranked.results, sort),
        "sort": sort,
        "sorts": SORT_LABELS,
        "explain": explain,
        "components": COMPONENTS,
        "excluded_groups": excluded_by_reason(ranked.excluded) if explain else [],
        "askable": volunteers_to_ask_about(request.user),
    }
    if "why" in request.GET:
        context["why"] = _why_not(request, need)
    return render(request, "matchmaking/need_candidates.html", context)


SORT_LABELS = {
    "score": gettext_lazy("best fit first"),
    "distance": gettext_lazy("nearest first"),
    "name": gettext_lazy("by name"),
}


def _why_not(request, need):
    """The pair of `?why=<volunteer id>`; an id outside the caller's scope is a 404 like any."""
    try:
        return why_not(user=request.user, need=need, volunteer_id=request.GET["why"])
    except Volunteer.DoesNotExist:
        raise Http404(WHY_NOT_UNKNOWN) from None
    except NeedNotRankable:
        return None  # the page already says why the need cannot be ranked


# Pages of a volunteer's own: staff are sent to their own start page.
volunteer_only = role_required(Role.VOLUNTEER, others_to="web:start")


def _own_volunteer(request):
    """The volunteer's profile; None while the sign-up is unfinished."""
    return getattr(request.user, "volunteer", None)


@volunteer_only
def my_opportunities(request):
    volunteer = _own_volunteer(request)
    if volunteer is None:
        return redirect("web:start")
    found = volunteer_opportunities(volunteer=volunteer, limit=20)
    return render(request, "matchmaking/opportunities.html", {"found": found})


@volunteer_only
@require_GET
def browse(request):
    """Every open need, filterable, best fit for her first; staff are sent to their own start."""
    volunteer = _own_volunteer(request)
    if volunteer is None:
        return redirect("web:start")
    form = BrowseFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "matchmaking/browse.html", {"form": form}, status=400)
    cleaned = form.cleaned_data if form.is_bound else {}
    page = browse_open_needs(
        volunteer=volunteer, cleaned=cleaned, page=request.GET.get("page"), lang=engine_lang()
    )
    filtered = any(cleaned.get(name) not in (None, "") for name in form.fields)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "matchmaking/browse.html",
        {"form": form, "page": page, "filtered": filtered, "query": query.urlencode()},
    )


@volunteer_only
@require_POST
def widen_radius(request):
    """One click from the start page: her travel radius to the offered step, nothing else."""
    volunteer = _own_volunteer(request)
    if volunteer is None:
        return redirect("web:start")
    form = WidenRadiusForm(request.POST)
    if not form.is_valid():
        return _refused(request, form.errors["radius_km"][0])
    before, after = volunteer.max_distance_km, form.cleaned_data["radius_km"]
    if after <= before:
        messages.info(request, _("Your radius is already %(km)s km.") % {"km": _km(before)})
        return redirect("web:volunteer_home")
    kwargs = service_kwargs(profile_of(volunteer) | {"max_distance_km": after})
    try:
        volunteer_profile_save(user=request.user, **kwargs)
    except ValidationError as exc:
        return _refused(request, " ".join(exc.messages))
    messages.success(request, _widened_text(volunteer, before, after))
    return redirect("web:volunteer_home")


def _km(value) -> str:
    from .templatetags.matchmaking import km_words

    return km_words(value)


def _widened_text(volunteer, before: float, after: int) -> str:
    volunteer.refresh_from_db()
    count = volunteer_opportunities(volunteer=volunteer, limit=50).count
    changed = _("You now travel up to %(after)s km instead of %(before)s km.") % {
        "after": _km(after),
        "before": _km(before),
    }
    nxt = ngettext(
        "%(count)s need fits you now: choose it below and click “I'd like to help”; "
        "a social worker will then get in touch with you.",
        "%(count)s needs fit you now: choose one below and click “I'd like to help”; "
        "a social worker will then get in touch with you.",
        count,
    ) % {"count": count}
    return f"{changed} {nxt}"


def _refused(request, message: str):
    """A 400 with the reason in words and the way back; nothing has been saved."""
    context = {"message": message, "not_saved": NOT_SAVED}
    return render(request, "matchmaking/widen_refused.html", context, status=400)


@login_required
@require_POST
def run_start(request):
    run = matching_run_start(actor=request.user)
    messages.success(request, _("Global matching run #%(id)s started.") % {"id": run.pk})
    return redirect("matchmaking:run_detail", pk=run.pk)


@login_required
def run_detail(request, pk: int):
    run = get_object_or_404(MatchingRun, pk=pk)
    if not (request.user.is_city_admin or run.started_by_id == request.user.pk):
        raise PermissionDenied
    suggestions = run.suggestions.select_related("need", "volunteer__user")
    if not request.user.is_city_admin:
        suggestions = suggestions.filter(need__organisation_id=request.user.organisation_id)
    return render(
        request, "matchmaking/run_detail.html", {"run": run, "suggestions": suggestions[:500]}
    )
