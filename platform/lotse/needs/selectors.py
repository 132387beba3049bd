"""Reads on needs, scoped by role from the first query."""

from django.db.models import Count, QuerySet, TextField
from django.db.models.functions import Cast

from lotse.accounts.models import Role, User
from lotse.core.scope import scope_rows

from .models import Need, NeedLanguage, NeedRevision


def needs_visible_to(user: User) -> QuerySet[Need]:
    """Volunteers see none: they see open needs as opportunities, ranked for them, elsewhere."""
    base = Need.objects.select_related(
        "organisation", "facility", "neighbourhood__district", "main_skill"
    )
    return scope_rows(
        user,
        base,
        district="neighbourhood__district",
        organisation="organisation_id",
        facility="facility",
    )


def needs_editable_by(user: User) -> QuerySet[Need]:
    """What a user may change: coordinators read only."""
    if user.is_authenticated and user.role == Role.COORDINATOR and not user.is_superuser:
        return Need.objects.none()
    return needs_visible_to(user)


def can_post_needs(user: User) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user.role in (Role.SOCIAL_WORKER, Role.FACILITY_STAFF, Role.ADMIN)
    )


def taken_slots(need_ids: list[int] | QuerySet | None) -> dict[int, int]:
    """Places taken on each need, for every app (status, pages, matching): one per approved
    placement holding a numbered slot. None: of every open need; a queryset of needs' `pk`
    values: of those, as a subquery rather than a list of ids; in one grouped query."""
    if need_ids is None:
        needs = Need.objects.filter(status=Need.Status.OPEN)
    else:
        needs = Need.objects.filter(pk__in=need_ids)
    # Placement.slot is set on approval and cleared when the place is given back; the placements
    # app (built on this one) adds the reverse relation and keeps each slot once per need.
    held = needs.filter(placements__slot__isnull=False).values_list("pk")
    return dict(held.annotate(n=Count("placements")).order_by())


def with_text_stamp(needs: QuerySet[Need]) -> QuerySet[Need]:
    """The needs with `stamp`: `updated_at` as text, for reads that only compare it (a change
    moves it). Turning thousands of timestamps into aware datetimes costs far more than the
    query (docs/performance.md)."""
    return needs.annotate(stamp=Cast("updated_at", TextField()))


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
