"""A volunteer's own engine profile (their opportunities) is read from the database only when
their row changed since it was cached."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lotse.matchmaking.pool_cache import _profile_key, volunteer_profile_cached
from lotse.matchmaking.selectors import opportunities_for_volunteer
from lotse.privacy.services import consent_give_current, consent_withdraw
from lotse.taxonomy.models import Skill
from lotse.volunteers.models import Volunteer

pytestmark = pytest.mark.django_db


def fresh(volunteer) -> Volunteer:
    """The volunteer as the next request loads them."""
    return Volunteer.objects.get(pk=volunteer.pk)


def test_a_second_request_reads_no_profile_from_the_database(amira):
    today = timezone.localdate()
    first = volunteer_profile_cached(fresh(amira), today)
    loaded = fresh(amira)
    with CaptureQueriesContext(connection) as queries:
        again = volunteer_profile_cached(loaded, today)
    assert again == first
    assert len(queries) == 0


def test_a_changed_skill_is_seen_at_once(amira, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    assert "mentoring" not in volunteer_profile_cached(fresh(amira), today).skills
    with django_capture_on_commit_callbacks(execute=True):
        amira.skills.add(Skill.objects.get(slug="mentoring"))
    assert "mentoring" in volunteer_profile_cached(fresh(amira), today).skills


def test_a_withdrawn_consent_ends_the_opportunities_at_once(
    amira, arabic_need, django_capture_on_commit_callbacks
):
    assert opportunities_for_volunteer(volunteer=fresh(amira))
    with django_capture_on_commit_callbacks(execute=True):
        consent_give_current(user=amira.user, kind="privacy")
        consent_withdraw(user=amira.user, kind="privacy")
    assert opportunities_for_volunteer(volunteer=fresh(amira)) == []


def test_a_new_day_reads_the_profile_again(amira):
    today = timezone.localdate()
    volunteer_profile_cached(fresh(amira), today)
    tomorrow, loaded = today + dt.timedelta(days=1), fresh(amira)
    with CaptureQueriesContext(connection) as queries:
        volunteer_profile_cached(loaded, tomorrow)
    assert len(queries) > 0


def test_a_deleted_volunteer_leaves_nothing_in_the_cache(amira):
    volunteer_profile_cached(fresh(amira), timezone.localdate())
    key = _profile_key(amira.pk)
    assert cache.get(key) is not None
    amira.delete()
    assert cache.get(key) is None
