"""The scope rule (volunteers.selectors.volunteer_ids_visible_to, issue 21): one rule for the staff
list, the API and the candidates page's name list, answered from the matching pool's columns and
checked exactly against the rows it names — never someone outside a social worker's reach, even
when the pool has not seen a change yet."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lotse.matchmaking.pool_cache import current_pool, pool_forget
from lotse.places.selectors import facilities_visible_to
from lotse.volunteers.models import Volunteer
from lotse.volunteers.selectors import (
    _ids_within_reach,
    reach_index,
    volunteer_ids_visible_to,
    volunteers_matchable,
    volunteers_visible_by_name,
    volunteers_visible_to,
)

from ..factories import UserFactory, VolunteerFactory

pytestmark = pytest.mark.django_db
DATE_INDEPENDENT = "distances and radii; no date words"
User = get_user_model()


@pytest.fixture
def people(victor, far_away):
    """Near and far from Caritas' Coerde facility, one of them with a deactivated account; the
    process's pool built anew (earlier tests' rolled-back volunteers are still in it)."""
    pool_forget()
    near = VolunteerFactory(postcode="48157", max_distance_km=5)  # Coerde itself
    idle = VolunteerFactory(postcode="48157", max_distance_km=5)
    User.objects.filter(pk=idle.user_id).update(is_active=False)
    return {"victor": victor.volunteer, "far": far_away, "near": near, "idle": idle}


def _by_reading_every_row(user) -> set[int]:
    """The rule as it was written before the index: every matchable row, measured exactly."""
    points = list(facilities_visible_to(user).values_list("lat", "lon"))
    return set(_ids_within_reach(volunteers_matchable(), points))


def test_it_equals_measuring_every_row(charlie, alice, erin, people):
    for user in (charlie, alice):
        expected = _by_reading_every_row(user)
        assert set(volunteer_ids_visible_to(user)) == expected
        assert set(volunteers_visible_to(user).values_list("pk", flat=True)) == expected
    assert people["near"].pk in _by_reading_every_row(charlie)
    assert people["far"].pk not in _by_reading_every_row(charlie)
    everyone = set(volunteers_matchable().values_list("pk", flat=True))
    assert set(volunteer_ids_visible_to(erin)) == everyone


def test_a_deactivated_account_within_reach_is_seen_though_the_pool_leaves_it_out(charlie, people):
    idle = people["idle"].pk
    assert idle not in reach_index(list(facilities_visible_to(charlie).values_list("lat", "lon")))
    assert idle in volunteer_ids_visible_to(charlie)


def test_a_radius_narrowed_on_another_node_is_out_before_this_pool_syncs(charlie, people, settings):
    """The pool still thinks she reaches Coerde; the rows say she no longer does."""
    near = people["near"]
    current_pool()
    settings.LOTSE_MATCHING_SYNC_SECONDS = 3600  # another node's write: not synced here yet
    Volunteer.objects.filter(pk=near.pk).update(max_distance_km=0.5, lat=51.90, lon=7.60)
    points = list(facilities_visible_to(charlie).values_list("lat", "lon"))
    assert near.pk in reach_index(points)  # stale, as the pool is between syncs
    assert near.pk not in volunteer_ids_visible_to(charlie)
    assert not volunteers_visible_to(charlie).filter(pk=near.pk).exists()


def test_too_many_for_a_list_reads_no_volunteer_row(charlie, erin, people):
    current_pool()  # synced with the fixtures' writes
    with CaptureQueriesContext(connection) as queries:
        assert volunteer_ids_visible_to(charlie, at_most=1) is None
    assert not [q for q in queries if 'FROM "volunteers_volunteer"' in q["sql"]]
    assert volunteer_ids_visible_to(erin, at_most=1) is None
    within = volunteer_ids_visible_to(charlie)
    assert sorted(volunteer_ids_visible_to(charlie, at_most=500)) == sorted(within)


def test_facility_staff_volunteers_and_coordinators_see_nobody(bob, dora, victor, people):
    for user in (bob, dora, victor):
        assert volunteer_ids_visible_to(user) == []
    assert volunteer_ids_visible_to(UserFactory(email="x@example.org")) == []


ORDER = ("user__last_name", "user__first_name", "pk")


def test_the_name_list_is_the_rule_read_in_one_query(charlie, alice, erin, people):
    """The candidates page's names (issue 21): the rows the index names, measured exactly in
    the same read that brings the names."""
    current_pool()  # synced with the fixtures' writes: no pool read below
    for user in (charlie, alice, erin):
        with CaptureQueriesContext(connection) as queries:
            named = volunteers_visible_by_name(user, at_most=500, order=ORDER)
        assert {v.pk for v in named} == set(volunteer_ids_visible_to(user))
        assert [v.pk for v in named] == list(
            Volunteer.objects.filter(pk__in=[v.pk for v in named])
            .order_by(*ORDER)
            .values_list("pk", flat=True)
        )
        with CaptureQueriesContext(connection) as names_read:
            assert all(v.user.email for v in named)  # the accounts came with the rows
        assert not names_read.captured_queries
        if user != erin:
            volunteer_reads = [q for q in queries if 'FROM "volunteers_volunteer"' in q["sql"]]
            assert len(volunteer_reads) == 1, volunteer_reads


def test_the_name_list_leaves_out_a_radius_narrowed_on_another_node(charlie, people, settings):
    near = people["near"]
    current_pool()
    settings.LOTSE_MATCHING_SYNC_SECONDS = 3600
    Volunteer.objects.filter(pk=near.pk).update(max_distance_km=0.5, lat=51.90, lon=7.60)
    named = volunteers_visible_by_name(charlie, at_most=500, order=ORDER)
    assert near.pk not in {v.pk for v in named}
    assert people["idle"].pk in {v.pk for v in named}


def test_the_name_list_is_none_when_too_long_and_empty_for_those_who_see_nobody(
    charlie, erin, bob, dora, victor, people
):
    current_pool()
    assert volunteers_visible_by_name(charlie, at_most=1, order=ORDER) is None
    assert volunteers_visible_by_name(erin, at_most=1, order=ORDER) is None
    for user in (bob, dora, victor):
        assert volunteers_visible_by_name(user, at_most=500, order=ORDER) == []
