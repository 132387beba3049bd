"""Needs, volunteers ready for placement, and placements in any state (for the state table)."""

import datetime as dt

import factory
from django.utils import timezone

from lotse.needs.models import Need
from lotse.placements.models import Origin, Placement, State
from lotse.privacy.models import Consent
from lotse.privacy.services import consent_give
from lotse.taxonomy.models import Skill

from ..factories import UserFactory, VolunteerFactory


def in_days(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def one_off(days: int = 14, times: str = "10:00-12:00") -> str:
    return f"{in_days(days).isoformat()} {times}"


def running_weekly(times: str = "10:00-12:00") -> str:
    """A weekly schedule that began a month ago and goes on for two more."""
    day = in_days(-30).strftime("%a").lower()
    return f"weekly {day} {times} from {in_days(-30)} until {in_days(60)}"


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    facility = None
    organisation = factory.LazyAttribute(lambda o: o.facility.organisation)
    neighbourhood = factory.LazyAttribute(lambda o: o.facility.neighbourhood)
    title = factory.Sequence(lambda n: f"Begleitung {n}")
    main_skill = factory.LazyFunction(lambda: Skill.objects.get(slug="accompaniment"))
    schedule = factory.LazyFunction(one_off)
    volunteers_needed = 1
    requires_certificate = False
    status = Need.Status.OPEN


def ready_volunteer(email: str | None = None, **kwargs):
    """A volunteer profile that passes the gates of a need without eFZ."""
    user = UserFactory(email=email) if email else UserFactory()
    volunteer = VolunteerFactory(user=user, **kwargs)
    consent_give(user=user, kind=Consent.Kind.CODE_OF_CONDUCT, version="test")
    return volunteer


def make_placement(*, need, volunteer, how: str = "proposed", approver=None) -> Placement:
    """A placement put straight into a state, without services (setup for transition tests).

    `how`: proposed, accepted, approved, active, active_started (need schedule must have
    begun), declined, rejected, withdrawn, completed, ended_early.
    """
    now = timezone.now()
    yes_volunteer = how in ("accepted", "active", "active_started", "completed", "ended_early")
    yes_staff = how in ("approved", "active", "active_started", "completed", "ended_early")
    state = {
        "accepted": State.PROPOSED,
        "approved": State.PROPOSED,
        "active_started": State.ACTIVE,
    }.get(how, how)
    holds = yes_staff and state in Placement.SLOT_STATES
    slot = Placement.objects.filter(need=need, slot__isnull=False).count() + 1 if holds else None
    return Placement.objects.create(
        need=need,
        volunteer=volunteer,
        origin=Origin.SOCIAL_WORKER,
        state=state,
        accepted_at=now if yes_volunteer else None,
        approved_at=now if yes_staff else None,
        approved_by=approver if yes_staff else None,
        activated_at=now - dt.timedelta(days=7) if state in Placement.COUNTED_STATES else None,
        slot=slot,
        reject_reason="distance" if state == State.REJECTED else "",
    )
