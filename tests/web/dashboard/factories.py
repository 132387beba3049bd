"""Needs, volunteers, placements and hours for dashboard tests, in one line each."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from lotse.needs.models import NeedLanguage
from lotse.placements.models import HoursEntry
from lotse.taxonomy.models import Language, Skill

from ..factories import UserFactory, VolunteerFactory
from ..placements.factories import NeedFactory, make_placement


def make_need(facility, *, skill="accompaniment", languages=None, volunteers_needed=1,
              days_ahead=14, weekly=False, opened_days_ago=1, **fields):  # fmt: skip
    today = timezone.localdate()
    if weekly:
        start = today - dt.timedelta(days=30)
        schedule = f"weekly mon 10:00-12:00 from {start} until {today + dt.timedelta(days=60)}"
    else:
        schedule = f"{today + dt.timedelta(days=days_ahead)} 10:00-12:00"
    need = NeedFactory(
        facility=facility, schedule=schedule, volunteers_needed=volunteers_needed,
        main_skill=Skill.objects.get(slug=skill),
        opened_at=timezone.now() - dt.timedelta(days=opened_days_ago), **fields,
    )  # fmt: skip
    for code, level in (languages or {}).items():
        NeedLanguage.objects.create(
            need=need, language=Language.objects.get(code=code), min_level=level
        )
    return need


def volunteer_at(postcode, *, radius=10, skills=("accompaniment",), languages=None,
                 email=None, **user_fields):  # fmt: skip
    user = UserFactory(email=email, **user_fields) if email else UserFactory(**user_fields)
    return VolunteerFactory(
        user=user, postcode=postcode, max_distance_km=radius, skills=skills,
        languages=languages or {"de": 4},
    )  # fmt: skip


def place(need, volunteer, how, approver=None):
    return make_placement(need=need, volunteer=volunteer, how=how, approver=approver)


def hours_on(placement, day, hours, confirmed=None):
    return HoursEntry.objects.create(
        placement=placement, date=day, hours=Decimal(str(hours)),
        confirmed_hours=None if confirmed is None else Decimal(str(confirmed)),
        confirmed_at=timezone.now() if confirmed is not None else None,
    )  # fmt: skip
