"""The objects of the security tests, at facility A1 (Stadt, district Nord), and two more
named users: wim, another volunteer, and dirk, a coordinator of another district."""

import datetime as dt

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from lotse.accounts.tokens import token_create
from lotse.matchmaking.models import MatchingRun
from lotse.placements.models import HoursEntry
from lotse.privacy.models import Consent
from lotse.privacy.services import consent_give
from lotse.safeguarding.services import concern_raise
from lotse.volunteers.services import certificate_inspection_record
from notifications.models import Notification

from ..factories import StaffFactory, VolunteerFactory
from ..placements.factories import NeedFactory, make_placement


@pytest.fixture
def wim():
    """Another volunteer, with a complete profile, who owns nothing in the paths."""
    return VolunteerFactory(user__email="wim@example.org").user


@pytest.fixture
def dirk():
    """A coordinator of another district (Hiltrup): facility A1 lies in Nord."""
    return StaffFactory(
        email="dirk@example.org", role="coordinator", organisation=None, districts=("Hiltrup",)
    )


@pytest.fixture
def world(stadt, facility_a1, alice, bob, charlie, dora, dirk, erin, victor, wim):
    bob.facilities.add(facility_a1)
    facility_a1.contact_persons.add(bob)
    for volunteer_user in (victor, wim):
        consent_give(user=volunteer_user, kind=Consent.Kind.CODE_OF_CONDUCT, version="test")
    volunteer = victor.volunteer
    need = NeedFactory(facility=facility_a1, created_by=alice, title="Begleitung zum Amt")
    placement = make_placement(need=need, volunteer=volunteer, how="active", approver=alice)
    today = timezone.localdate()
    entry = HoursEntry.objects.create(
        placement=placement, date=today - dt.timedelta(days=1), hours=2, logged_by=victor
    )
    certificate_inspection_record(
        volunteer=volunteer,
        actor=alice,
        certificate_date=today - dt.timedelta(days=20),
        inspected_on=today - dt.timedelta(days=10),
    )
    concern = concern_raise(
        facility_id=facility_a1.pk, category="harassment", text="Laute Drohungen.", reporter=victor
    ).concern
    run = MatchingRun.objects.create(started_by=alice, organisation=stadt)
    token, _key = token_create(user=alice, name="Fachverfahren", days=30, read_only=True)
    notification = Notification.objects.filter(recipient=bob).earliest("pk")
    # Delivery (which puts it in the inbox) runs after commit, which a test never reaches.
    Notification.objects.filter(pk=notification.pk).update(inbox_at=timezone.now())
    return {
        "admin_user": erin,
        "facility": facility_a1,
        "pk_by_collection": {
            "needs": need.pk,
            "placements": placement.pk,
            "concerns": concern.pk,
            "volunteers": volunteer.pk,
            "notifications": notification.pk,
            "runs": run.pk,
            "facilities": facility_a1.pk,
            "organisations": stadt.pk,
            "neighbourhoods": facility_a1.neighbourhood_id,
            "api-tokens": token.pk,
        },
        "args": {
            "entry_id": entry.pk,
            "entry_pk": entry.pk,
            "need_pk": need.pk,
            "volunteer_id": volunteer.pk,
            "slug": "accompaniment",
            "code": "ar",
            "step": "about",
            "format": "json",
            "id": victor.pk,
            "app_label": "places",
            "url": "no-such-page/",
            "uidb64": urlsafe_base64_encode(force_bytes(victor.pk)),
            "token": default_token_generator.make_token(victor),
            "key": "not-a-key",
            "uidb36": "1",
        },
        "args_by_name": {
            "imports:export": {"kind": "needs", "fmt": "csv"},
            "dashboard:export": {"table": "districts", "fmt": "csv"},
            "needs:action": {"action": "close"},
            "placements:transition": {"verb": "end"},
            "api:placement-transition": {"verb": "end"},
            "safeguarding:act": {"verb": "acknowledge"},
            "privacy:consent_withdraw": {"kind": "privacy"},
            "volunteers:consent_change": {"kind": "privacy", "action": "give"},
            "volunteers:consent_text": {"kind": "privacy"},
            "api:my-consent": {"kind": "privacy"},
            "admin:view_on_site": {"object_id": facility_a1.pk},
        },
    }
