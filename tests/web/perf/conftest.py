"""A district at work, big enough that a query per row would show: alice's six facilities in
Nord, eight open needs with languages, ten volunteers ready for placement, placements in every
state that fills a page (proposals waiting, accepted ones, active ones with hours), unread
notifications, and the dashboard's summaries refreshed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone

from lotse.dashboard.refresh import summary_refresh_all, summary_refresh_current
from lotse.dashboard.supply import supply_forget
from lotse.matchmaking.need_cache import needs_forget
from lotse.matchmaking.pool_cache import pool_forget
from lotse.needs.services import need_create
from lotse.placements.models import HoursEntry
from lotse.placements.services import placement_propose
from lotse.places.models import Neighbourhood
from lotse.privacy.models import Consent
from lotse.privacy.services import consent_give
from lotse.volunteers.services import volunteer_profile_save
from notifications.delivery import notification_deliver
from notifications.models import Notification

from ..factories import FacilityFactory
from ..placements.factories import in_days, make_placement, ready_volunteer

NORD = (("48159", "Kinderhaus"), ("48159", "Coerde"), ("48159", "Sprakel"))
LANGUAGES = ({"ar": 3}, {"fa": 3}, {}, {"ti": 2}, {"ru": 3}, {}, {"ar": 2, "fr": 3}, {})
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat")
TIMES = [f"{day} 10:00-12:00" for day in DAYS]
TIMES += ["mon 16:00-18:00", "tue 16:00-18:00"]
PROFILE = {
    "postcode": "48159",
    "max_distance_km": 15,
    "availability": "; ".join(f"{day} 09:00-19:00" for day in DAYS),
    "skills": ("accompaniment", "german_practice"),
    "languages": {"de": 4, "ar": 4, "fa": 3, "ti": 3, "ru": 3, "fr": 3},
}


@pytest.fixture(autouse=True)
def fresh_caches():
    """The process keeps its pool, need table and cache; each test's database starts anew."""
    pool_forget(), needs_forget(), supply_forget(), cache.clear()
    yield
    pool_forget(), needs_forget(), supply_forget(), cache.clear()


def _facilities(stadt, facility_a1, alice) -> list:
    more = [
        FacilityFactory(
            organisation=stadt, name=f"Unterkunft Nord {n}", postcode=postcode,
            neighbourhood=Neighbourhood.objects.get(name=hood),
        )
        for n, (postcode, hood) in enumerate(NORD * 2)
    ][:5]  # fmt: skip
    alice.facilities.add(*more)
    for facility in [facility_a1, *more]:
        facility.contact_persons.add(alice)
    return [facility_a1, *more]


def _needs(alice, facilities) -> list:
    """Each at its own weekly time, so that a volunteer placed on one is free for the others."""
    start, until = in_days(7), in_days(120)
    return [
        need_create(
            actor=alice, facility=facilities[n % len(facilities)], title=f"Begleitung {n}",
            main_skill="accompaniment", languages_required=languages, volunteers_needed=3,
            schedule=f"weekly {TIMES[n]} from {start} until {until}",
        )
        for n, languages in enumerate(LANGUAGES)
    ]  # fmt: skip


def _volunteers(victor) -> list:
    """victor and ten others in Kinderhaus, free on weekdays, speaking every asked language."""
    consent_give(user=victor, kind=Consent.Kind.CODE_OF_CONDUCT, version="test")
    volunteer_profile_save(user=victor, **PROFILE)
    return [victor.volunteer, *(ready_volunteer(**PROFILE) for _ in range(10))]


@pytest.fixture
def district(stadt, facility_a1, alice, dora, victor):
    facilities = _facilities(stadt, facility_a1, alice)
    needs = _needs(alice, facilities)
    volunteers = _volunteers(victor)
    for n, need in enumerate(needs[:6]):
        make_placement(need=need, volunteer=volunteers[n + 1], how="accepted")
        make_placement(need=need, volunteer=volunteers[n + 2], how="proposed")
        active = make_placement(
            need=need, volunteer=volunteers[(n + 8) % 11], how="active", approver=alice
        )
        for days in (2, 9):
            HoursEntry.objects.create(
                placement=active, date=timezone.localdate() - dt.timedelta(days=days),
                hours=Decimal(2), logged_by=active.volunteer.user,
            )  # fmt: skip
    for need in needs[6:]:  # through the service: the volunteers get their messages
        placement_propose(need=need, volunteer=volunteers[0], actor=alice)
        placement_propose(need=need, volunteer=volunteers[4], actor=alice)
    for notification in Notification.objects.all():
        notification_deliver(notification_id=notification.pk)
    summary_refresh_current()
    summary_refresh_all()
    return {"facilities": facilities, "needs": needs, "volunteers": volunteers}
