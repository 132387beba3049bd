"""Zenobia, a volunteer with distinctive personal strings everywhere the platform keeps them:
profile, placements (a message, hours with a note, feedback, an event note), consents, a
concern she raised, her inbox, a token and a contact person's note that names her."""

import datetime as dt

import pytest
from django.core.cache import cache

from lotse.accounts.tokens import issue_token
from lotse.placements.models import HoursEntry, PlacementFeedback
from lotse.privacy.models import Consent
from lotse.privacy.services import consent_give_current
from lotse.safeguarding.services import concern_note_add, concern_raise
from notifications.services import notify

from ..factories import UserFactory, VolunteerFactory
from ..placements.factories import NeedFactory, make_placement

FIRST, LAST = "Zenobia", "Quillfeather"
EMAIL = "zenobia.quillfeather@example.org"
PHONE = "0251 9876543"
STREET = "Xylophonweg 77"
MOTIVATION = "Ich mag Kraniche und Knoblauch."


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def zenobia_user():
    return UserFactory(email=EMAIL, first_name=FIRST, last_name=LAST)


@pytest.fixture
def zenobia(zenobia_user, facility_a1, alice, contact_alice):
    volunteer = VolunteerFactory(
        user=zenobia_user, postcode="48167", phone=PHONE, street=STREET, motivation=MOTIVATION
    )
    consent_give_current(user=zenobia_user, kind=Consent.Kind.PRIVACY)
    consent_give_current(user=zenobia_user, kind=Consent.Kind.CODE_OF_CONDUCT)
    done = make_placement(
        need=NeedFactory(facility=facility_a1), volunteer=volunteer, how="completed"
    )
    done.message = "Grüße von Zenobia Quillfeather, Tel. 0251 9876543"
    done.save()
    HoursEntry.objects.create(placement=done, date=dt.date(2026, 10, 1), hours=3, note="Kraniche")
    PlacementFeedback.objects.create(
        placement=done, side="staff", text="Zenobia Q. war großartig.", author=alice
    )
    raised = concern_raise(
        facility_id=facility_a1.pk,
        category="house_rules",
        text="Die Tür klemmt.",
        contact=f"{FIRST} {LAST}",
        contact_email=EMAIL,
        reporter=zenobia_user,
    )
    concern_note_add(
        concern=raised.concern, actor=contact_alice, text="Zenobia Quillfeather angerufen."
    )
    notify(recipient=zenobia_user, event="need_message", context={"sender_name": "Alice",
           "need_title": "x", "place": "A1", "subject": "s", "message": f"Hallo {FIRST}"},
           dedupe_key="test:message")  # fmt: skip
    issue_token(zenobia_user, name="Zenobias Skript")
    return volunteer


@pytest.fixture
def contact_alice(alice, facility_a1):
    facility_a1.contact_persons.add(alice)
    return alice
