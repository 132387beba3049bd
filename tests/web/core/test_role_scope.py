"""The role-scope ladder (lotse.core.scope) and the role gate (lotse.core.roles)."""

import pytest

from lotse.needs.selectors import needs_visible_to
from lotse.placements.selectors import placements_visible_to
from lotse.placements.views import QUEUE_IS_FOR_SOCIAL_WORKERS
from lotse.places.selectors import facilities_visible_to

from ..factories import VolunteerFactory
from ..placements.factories import NeedFactory, make_placement

pytestmark = pytest.mark.django_db


def test_it_shows_facility_staff_no_rows_of_a_facility_outside_their_organisation(bob, facility_c1):
    bob.facilities.add(facility_c1)  # assigned by mistake to Caritas's facility
    need = NeedFactory(facility=facility_c1)
    make_placement(need=need, volunteer=VolunteerFactory())
    assert facility_c1 not in facilities_visible_to(bob)
    assert not needs_visible_to(bob).filter(pk=need.pk).exists()
    assert not placements_visible_to(bob).filter(need=need).exists()


def test_it_tells_another_role_whom_a_page_is_for(client, bob):
    client.force_login(bob)
    response = client.get("/placements/queue/")
    assert response.status_code == 403
    assert str(QUEUE_IS_FOR_SOCIAL_WORKERS) in response.content.decode()
