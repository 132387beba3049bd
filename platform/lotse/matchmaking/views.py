from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.needs.models import Need
from matching import COMPONENTS

from .models import MatchingRun
from .selectors import candidates_for_need, opportunities_for_volunteer
from .services import matching_run_start


@login_required
def need_candidates(request, pk: int):
    """Ranked candidates for a need, with the bars of each component and the reasons."""
    need = get_object_or_404(Need.objects.select_related("facility", "neighbourhood"), pk=pk)
    explain = request.GET.get("explain") == "1"
    ranked = candidates_for_need(user=request.user, need=need, limit=20, explain=explain)
    return render(
        request,
        "matchmaking/need_candidates.html",
        {"need": need, "ranked": ranked, "explain": explain, "components": COMPONENTS},
    )


@login_required
def my_opportunities(request):
    volunteer = getattr(request.user, "volunteer", None)
    if volunteer is None:
        return redirect("web:start")
    ranked = opportunities_for_volunteer(volunteer=volunteer, limit=20)
    return render(request, "matchmaking/opportunities.html", {"ranked": ranked})


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
