"""A social worker's facilities kept per process, one list per organisation under the
facilities' stamp (lotse/places/selectors.py `facility_list_visible_to`, issue 21): the same
rows as the scope rule's query for every role, and every write seen on the next read."""

import pytest

from lotse.core.versioned import moved, versioned
from lotse.places.models import District, Facility
from lotse.places.selectors import facilities_visible_to, facility_list_visible_to
from lotse.places.services import facility_set_location

from ..factories import FacilityFactory, StaffFactory

DATE_INDEPENDENT = "reads facilities; no date is compared"

pytestmark = pytest.mark.django_db


def _pks(rows) -> list[int]:
    return [row.pk for row in rows]


def test_every_role_gets_what_the_scope_rule_gives(everyone, stadt, facility_c1):
    colleague = StaffFactory(role="social_worker", organisation=stadt)
    for name, user in {**everyone, "colleague": colleague}.items():
        expected = list(facilities_visible_to(user).values_list("pk", flat=True))
        assert _pks(facility_list_visible_to(user)) == expected, name
        assert _pks(facility_list_visible_to(user)) == expected, name  # from the memo
    assert _pks(facility_list_visible_to(everyone["alice"])) != _pks(
        facility_list_visible_to(everyone["charlie"])
    )


def test_the_second_read_sends_no_query(alice, django_assert_num_queries):
    facility_list_visible_to(alice)
    with django_assert_num_queries(0):
        facility_list_visible_to(alice)


def test_a_new_facility_is_listed_on_the_next_read(alice, stadt, caritas):
    before = _pks(facility_list_visible_to(alice))
    theirs = FacilityFactory(organisation=caritas, name="C9 Gievenbeck")
    ours = FacilityFactory(organisation=stadt, name="A9 Angelmodde")
    after = _pks(facility_list_visible_to(alice))
    assert ours.pk in after and theirs.pk not in after
    assert set(after) - set(before) == {ours.pk}


def test_a_renamed_moved_or_deleted_facility_shows_on_the_next_read(alice, facility_a1):
    facility_list_visible_to(alice)
    facility_a1.name = "A1 Kinderhaus Ost"
    facility_a1.save()
    assert "A1 Kinderhaus Ost" in [f.name for f in facility_list_visible_to(alice)]
    facility_set_location(facility=facility_a1, lat=51.99, lon=7.61)  # an update: no signal
    found = {f.pk: (f.lat, f.lon) for f in facility_list_visible_to(alice)}
    assert found[facility_a1.pk] == (51.99, 7.61)
    Facility.objects.get(pk=facility_a1.pk).delete()
    assert facility_a1.pk not in _pks(facility_list_visible_to(alice))


def test_a_renamed_district_shows_on_the_next_read(alice, facility_a1):
    facility_list_visible_to(alice)
    district = District.objects.get(pk=facility_a1.neighbourhood.district_id)
    district.name = "Nord (neu)"
    district.save()
    found = {f.pk: f.neighbourhood.district.name for f in facility_list_visible_to(alice)}
    assert found[facility_a1.pk] == "Nord (neu)"


def test_values_under_one_stamp_are_kept_apart_by_key_and_moved_together():
    built = []

    def build(value):
        return lambda: built.append(value) or value

    assert versioned("test.keyed", build(1), key=1) == 1
    assert versioned("test.keyed", build(2), key=2) == 2
    assert versioned("test.keyed", build(9), key=1) == 1
    moved("test.keyed")
    assert versioned("test.keyed", build(3), key=1) == 3
    assert versioned("test.keyed", build(4), key=2) == 4
    assert built == [1, 2, 3, 4]
