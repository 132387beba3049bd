"""Erasure by identity: a volunteer whose name, street and phone equal a facility's name and
street, a need's title and another volunteer's name is erased, and every row that is not hers
(or about her by a stored id) is byte-for-byte what it was (issue 17, finding 1)."""

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType

from lotse.needs.models import Need
from lotse.places.models import Facility, Neighbourhood
from lotse.privacy import erasure, services
from lotse.privacy.export import collect
from lotse.safeguarding.models import Concern, ConcernNote
from lotse.safeguarding.services import concern_note_add, concern_raise, concern_volunteer_link
from lotse.volunteers.models import Volunteer
from notifications.services import notify

from ..factories import FacilityFactory, UserFactory, VolunteerFactory
from ..placements.factories import NeedFactory, make_placement

pytestmark = pytest.mark.django_db

FACILITY_NAME = "Übergangseinrichtung Kinderhaus"
FACILITY_STREET = "Brüningheide 40"
NEED_WORD = "Sprachcafé"


def snapshot() -> dict[tuple[str, object], dict]:
    """Every row of every table, as its stored values."""
    rows = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for values in model._base_manager.values():
            rows[(model._meta.label_lower, values[model._meta.pk.attname])] = values
    return rows


@pytest.fixture
def the_facility(stadt):
    kinderhaus = Neighbourhood.objects.get(name="Kinderhaus")
    return FacilityFactory(organisation=stadt, name=FACILITY_NAME, street=FACILITY_STREET,
                           postcode="48159", neighbourhood=kinderhaus)  # fmt: skip


@pytest.fixture
def namesake_ben(the_facility, bob):
    """Another Ben A., with a concern about him that names him."""
    other = VolunteerFactory(user=UserFactory(first_name="Ben", last_name="Albers"))
    make_placement(need=NeedFactory(facility=the_facility), volunteer=other, how="completed")
    raised = concern_raise(facility_id=the_facility.pk, category="volunteer_conduct",
                           text="Ben A. kam zu spät.", person_named="Ben A.")  # fmt: skip
    the_facility.contact_persons.add(bob)
    concern_volunteer_link(concern=raised.concern, actor=bob, volunteer_id=other.pk, suspend=False)
    concern_note_add(concern=raised.concern, actor=bob, text="Mit Ben A. gesprochen.")
    return other


@pytest.fixture
def mallory(the_facility, alice, bob, namesake_ben):
    """A volunteer who names herself after a facility, its street and a need."""
    user = UserFactory(first_name="Übergangseinrichtung", last_name="Kinderhaus",
                       email="mallory@example.org")  # fmt: skip
    volunteer = VolunteerFactory(user=user, street=FACILITY_STREET)
    # Stored before phone numbers were validated (the attack set it through the API then).
    Volunteer.objects.filter(pk=volunteer.pk).update(phone=NEED_WORD)
    volunteer.refresh_from_db()
    need = NeedFactory(facility=the_facility, title=f"{NEED_WORD} am Nachmittag", created_by=alice)
    make_placement(need=need, volunteer=volunteer, how="completed")
    about_her = concern_raise(facility_id=the_facility.pk, category="volunteer_conduct",
                              text=f"{FACILITY_NAME} (die Ehrenamtliche) war unfreundlich.",
                              person_named=user.get_full_name())  # fmt: skip
    concern_volunteer_link(
        concern=about_her.concern, actor=bob, volunteer_id=volunteer.pk, suspend=False
    )
    notify(recipient=alice, event="need_message", dedupe_key="test:namesake",
           context={"sender_name": "Bob", "need_title": need.title, "place": FACILITY_NAME,
                    "subject": NEED_WORD, "message": f"Treffen in {FACILITY_STREET}"})  # fmt: skip
    LogEntry.objects.log_actions(
        user_id=alice.pk, queryset=[user], action_flag=CHANGE, change_message="[]"
    )
    return volunteer


def test_it_changes_no_row_that_is_neither_hers_nor_about_her(mallory):
    user = mallory.user
    mine = {(m._meta.label_lower, obj.pk) for m, obj in collect(user)}
    about = {(m._meta.label_lower, pk) for m, pks in erasure.rows_about(user, collect(user))
             for pk in pks}  # fmt: skip
    before = snapshot()

    services.account_erase(user=user)

    after = snapshot()
    changed = {key for key in before if before[key] != after.get(key)}
    assert changed - mine - about == set()
    added = set(after) - set(before)
    # New rows: the receipt, and the pool's note that she left the matching pool.
    assert {label for label, _pk in added} <= {"privacy.erasurerecord", "matchmaking.poolremoval"}


def test_the_facility_the_need_and_the_namesakes_concern_keep_their_words(mallory, namesake_ben):
    services.account_erase(user=mallory.user)
    assert Facility.objects.filter(name=FACILITY_NAME, street=FACILITY_STREET).exists()
    assert Need.objects.filter(title=f"{NEED_WORD} am Nachmittag").exists()
    theirs = Concern.objects.get(volunteer=namesake_ben)
    assert (theirs.person_named, theirs.text) == ("Ben A.", "Ben A. kam zu spät.")
    assert ConcernNote.objects.filter(text="Mit Ben A. gesprochen.").exists()


def test_the_concern_about_her_loses_her_name_but_keeps_the_case(mallory):
    concern = Concern.objects.get(volunteer=mallory)
    services.account_erase(user=mallory.user)
    concern.refresh_from_db()
    assert concern.volunteer is None
    assert concern.person_named == erasure.ERASED
    assert concern.text == f"{erasure.ERASED} (die Ehrenamtliche) war unfreundlich."


def test_the_admin_history_of_her_account_no_longer_names_her(mallory):
    user_type = ContentType.objects.get_for_model(mallory.user)
    services.account_erase(user=mallory.user)
    entry = LogEntry.objects.get(content_type=user_type)
    assert entry.object_repr == erasure.ERASED


def test_erasing_a_namesake_leaves_the_other_bens_concern_alone(namesake_ben, the_facility):
    ben = VolunteerFactory(user=UserFactory(first_name="Ben", last_name="Arndt"))
    services.account_erase(user=ben.user)
    theirs = Concern.objects.get(volunteer=namesake_ben)
    assert (theirs.person_named, theirs.text) == ("Ben A.", "Ben A. kam zu spät.")
