"""Supply is counted from the per-process matching pool: fresh as soon as volunteers change."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lotse.dashboard.supply import Supply, supply_current
from lotse.matchmaking.adapter import volunteer_profiles
from lotse.matchmaking.pool_cache import VERSION_KEY, pool_mark_changed
from lotse.places.models import Neighbourhood
from lotse.privacy.models import Consent
from lotse.privacy.services import consent_give_current, consent_withdraw
from lotse.taxonomy.models import Language, Skill
from lotse.volunteers.services import volunteer_pause
from matching import VolunteerPool

from .factories import volunteer_at


def test_it_counts_from_the_one_pool_while_nothing_changed(helper):
    assert supply_current().pool is supply_current().pool


def test_it_reads_the_neighbourhood_centres_again_after_the_refresh_interval(helper, settings):
    first = supply_current().points
    Neighbourhood.objects.filter(name="Wolbeck").update(lat=51.9, lon=7.7)
    assert supply_current().points is first
    settings.LOTSE_DASHBOARD_SUPPLY_REFRESH_SECONDS = 0
    assert supply_current().points != first


def test_it_sees_a_new_volunteer_as_soon_as_the_version_stamp_moves(helper):
    before = len(supply_current())
    volunteer_at("48143", email="new@example.org")
    cache.set(VERSION_KEY, "another")
    assert len(supply_current()) == before + 1


def test_it_reaches_a_neighbourhood_within_the_volunteers_own_radius(helper):
    supply = supply_current()
    reached = supply.by_neighbourhood(supply.available(timezone.localdate().toordinal()))
    assert reached[Neighbourhood.objects.get(name="Kinderhaus").pk] == 1
    assert reached[Neighbourhood.objects.get(name="Wolbeck").pk] == 0


# ---------------------------------------------------------------------------
# The pool's sync: only the volunteers changed since the last read, the figures of a rebuild
# ---------------------------------------------------------------------------
def _figures(supply, today):
    """Everything the dashboard reads off a snapshot, per skill and language too."""
    day = today.toordinal()
    hoods = supply.hood_ids
    out = {"all": supply.by_neighbourhood(supply.available(day)),
           "any": supply.within_any(supply.available(day), hoods), "len": len(supply)}  # fmt: skip
    for skill in Skill.objects.all():
        out[f"s{skill.pk}"] = supply.by_neighbourhood(supply.available(day, skill=skill.slug))
    for language in Language.objects.all():
        for level in (1, 4):
            mask = supply.available(day, language=language.code, level=level)
            out[f"l{language.pk}.{level}"] = supply.by_neighbourhood(mask)
    return out


def _rebuilt(points) -> Supply:
    pool = VolunteerPool(volunteer_profiles())
    pool.set_places(points)
    return Supply(pool, points)


@pytest.fixture
def synced(django_capture_on_commit_callbacks):
    """Run a change, let the version stamp move; the figures before, synced and rebuilt."""

    def run(change):
        today = timezone.localdate()
        before = _figures(supply_current(), today)
        version = cache.get(VERSION_KEY)
        with django_capture_on_commit_callbacks(execute=True):
            change()
        assert cache.get(VERSION_KEY) != version, "the version stamp did not move"
        after = supply_current()
        return before, _figures(after, today), _figures(_rebuilt(after.points), today)

    return run


def test_a_sync_gives_the_figures_of_a_rebuild_after_every_kind_of_change(helper, synced):
    today = timezone.localdate()
    runner = volunteer_at(
        "48157", radius=25, skills=("sports_leisure",), email="runner@example.org"
    )
    leaver = volunteer_at("48143", radius=5, email="leaver@example.org")

    def move_and_learn():
        helper.max_distance_km = 3
        helper.save()
        helper.skills.add(Skill.objects.get(slug="sports_leisure"))
        helper.languages.filter(language__code="ti").update(level=2)
        pool_mark_changed([helper.pk])

    def withdraw():
        consent_give_current(user=runner.user, kind=Consent.Kind.PRIVACY)
        consent_withdraw(user=runner.user, kind=Consent.Kind.PRIVACY)

    def close_account():
        helper.user.is_active = False
        helper.user.save(update_fields=["is_active"])

    changes = [
        move_and_learn,
        lambda: volunteer_pause(volunteer=runner, until=today + dt.timedelta(days=10)),
        lambda: volunteer_at(
            "48149",
            radius=8,
            skills=("interpreting",),
            languages={"fa": 4},
            email="newcomer@example.org",
        ),  # fmt: skip
        lambda: leaver.delete(),
        withdraw,
        close_account,
    ]
    for change in changes:
        before, after, rebuilt = synced(change)
        assert after == rebuilt, change
        assert before != after, change


def test_a_sync_reads_only_the_changed_volunteers(helper, django_capture_on_commit_callbacks):
    other = volunteer_at("48157", email="other@example.org")
    supply_current()
    with django_capture_on_commit_callbacks(execute=True):
        other.save()
    with CaptureQueriesContext(connection) as queries:
        supply_current()
    reads = [q["sql"] for q in queries if 'FROM "volunteers_volunteer' in q["sql"]]
    assert reads and all("updated_at" in sql or " IN (" in sql for sql in reads), reads
