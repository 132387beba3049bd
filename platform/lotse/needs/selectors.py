"""Reads on needs, scoped by role from the first query."""

from django.db.models import QuerySet

from lotse.accounts.models import Role, User
from lotse.places.selectors import facilities_visible_to

from .models import Need, NeedLanguage, NeedRevision


def needs_visible_to(user: User) -> QuerySet[Need]:
    """Admins: all; coordinators: those in their districts; social workers: their
    organisation's; facility staff: their facilities'; volunteers: none (they see
    opportunities, ranked for them, elsewhere)."""
    base = Need.objects.select_related(
        "organisation", "facility", "neighbourhood__district", "main_skill"
    )
    if not user.is_authenticated:
        return base.none()
    if user.is_city_admin:
        return base.all()
    if user.role == Role.COORDINATOR:
        return base.filter(neighbourhood__district__in=user.districts.all())
    if user.role == Role.SOCIAL_WORKER and user.organisation_id:
        return base.filter(organisation_id=user.organisation_id)
    if user.role == Role.FACILITY_STAFF and user.organisation_id:
        return base.filter(facility__in=facilities_visible_to(user))
    return base.none()


def needs_editable_by(user: User) -> QuerySet[Need]:
    """What a user may change: coordinators read only."""
    if user.is_authenticated and user.role == Role.COORDINATOR and not user.is_superuser:
        return Need.objects.none()
    return needs_visible_to(user)


def can_post_needs(user: User) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user.role in (Role.SOCIAL_WORKER, Role.FACILITY_STAFF, Role.ADMIN)
    )


def taken_slots(need_ids: list[int]) -> dict[int, int]:
    """Places taken by placements, as the matching side counts them (one definition)."""
    from lotse.matchmaking.workload import taken_slots as count  # it builds on needs

    return count(need_ids)


def with_open_slots(needs) -> list[Need]:
    """The needs with `taken_slots` and `open_slots` set, in one query for all of them."""
    needs = list(needs)
    taken = taken_slots([n.pk for n in needs])
    for need in needs:
        need.taken_slots = taken.get(need.pk, 0)
        need.open_slots = max(need.volunteers_needed - need.taken_slots, 0)
    return needs


def need_languages(need: Need) -> tuple[dict[str, int], dict[str, int]]:
    """Required and preferred languages as {code: minimum level}."""
    required, preferred = {}, {}
    rows = NeedLanguage.objects.filter(need=need).values_list(
        "language__code", "min_level", "required"
    )
    for code, level, is_required in rows.order_by("language__sort_order"):
        (required if is_required else preferred)[code] = level
    return required, preferred


def need_snapshot(need: Need) -> dict:
    """Everything a poster can change, JSON-friendly: the history's unit and the import's
    measure of "changed"."""
    required, preferred = need_languages(need)
    return {
        "external_id": need.external_id,
        "facility_id": need.facility_id,
        "neighbourhood_id": need.neighbourhood_id,
        "title": need.title,
        "description": need.description,
        "main_skill": need.main_skill.slug,
        "skills": sorted(need.skills.values_list("slug", flat=True)),
        "languages_required": required,
        "languages_preferred": preferred,
        "schedule": need.schedule,
        "volunteers_needed": need.volunteers_needed,
        "urgency": need.urgency,
        "requires_certificate": need.requires_certificate,
        "max_distance_km": need.max_distance_km,
    }


def need_history(need: Need) -> QuerySet[NeedRevision]:
    return NeedRevision.objects.filter(need=need).select_related("changed_by")
