from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from lotse.core.operator import city_operator
from lotse.core.roles import Role, role_required
from lotse.dashboard.filters import dashboard_districts
from lotse.places.selectors import facilities_assigned_to, facilities_visible_to

from . import worklist

START_PAGES = {
    Role.VOLUNTEER: "web:volunteer_home",
    Role.SOCIAL_WORKER: "web:staff_home",
    Role.FACILITY_STAFF: "web:staff_home",
    Role.COORDINATOR: "web:coordinator_home",
    Role.ADMIN: "admin:index",
}


@require_GET
def imprint(request):
    """Who runs the service (§ 5 DDG), from the city pack's operator.json."""
    return render(request, "web/imprint.html", {"operator": city_operator()})


@require_GET
def home(request):
    if request.user.is_authenticated:
        return redirect("web:start")
    return render(request, "web/home.html")


@login_required
def start(request):
    """Each role lands on its own start page."""
    return redirect(reverse(START_PAGES.get(request.user.role, "web:home")))


@role_required(Role.VOLUNTEER, others_to="web:start")
def volunteer_home(request):
    from lotse.matchmaking.selectors import volunteer_opportunities
    from lotse.matchmaking.start_page import live_for_volunteer

    # What is live comes first on the page; opportunities only after it.
    profile = getattr(request.user, "volunteer", None)
    found = volunteer_opportunities(volunteer=profile, limit=10) if profile else None
    context = {"profile": profile, "live": live_for_volunteer(request.user), "found": found}
    return render(request, "web/volunteer_home.html", context)


@role_required(Role.SOCIAL_WORKER, Role.FACILITY_STAFF, others_to="web:start")
def staff_home(request):
    """What waits for them first (social workers), their facilities' needs (facility staff)."""
    user = request.user
    social_worker = user.role == Role.SOCIAL_WORKER
    return render(
        request,
        "web/staff_home.html",
        {
            "my_facilities": facilities_assigned_to(user),
            "facilities": facilities_visible_to(user),
            "work": worklist.social_worker_worklist(user) if social_worker else None,
            "facility_needs": None if social_worker else worklist.facility_needs(user),
        },
    )


@role_required(Role.COORDINATOR, others_to="web:start")
def coordinator_home(request):
    districts = dashboard_districts(request.user)  # hers, by name: read once for both
    return render(
        request,
        "web/coordinator_home.html",
        {
            "districts": districts,
            "facilities": facilities_visible_to(request.user),
            "headline": worklist.district_headline(request.user, districts),
        },
    )


@login_required
def facility_detail(request, pk: int):
    from django.shortcuts import get_object_or_404

    facility = get_object_or_404(facilities_visible_to(request.user), pk=pk)
    return render(request, "web/facility_detail.html", {"facility": facility})
