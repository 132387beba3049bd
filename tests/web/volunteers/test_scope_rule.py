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
