"""The per-process supply snapshot: rebuilt when volunteers change, at most once a minute."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lotse.dashboard import supply
from lotse.dashboard.supply import _grown, _worn, supply_build, supply_current
from lotse.matchmaking.pool_cache import VERSION_KEY, pool_mark_changed
from lotse.places.models import Neighbourhood
from lotse.taxonomy.models import Language, Skill
from lotse.volunteers.models import Consent, Volunteer
from lotse.volunteers.services import (
    consent_give_current,
    consent_withdraw,
    volunteer_pause,
)

from .factories import volunteer_at


def test_it_keeps_the_snapshot_while_nothing_changed(helper):
    assert supply_current() is supply_current()


def test_it_waits_for_the_refresh_interval_before_rebuilding(helper, settings):
    first = supply_current()
    cache.set(VERSION_KEY, "changed")
    assert supply_current() is first
    settings.LOTSE_DASHBOARD_SUPPLY_REFRESH_SECONDS = 0
    assert supply_current() is not first


def test_it_sees_a_new_volunteer_after_a_rebuild(helper, settings):
    before = len(supply_current())
    volunteer_at("48143", email="new@example.org")
    settings.LOTSE_DASHBOARD_SUPPLY_REFRESH_SECONDS = 0
    cache.set(VERSION_KEY, "another")
    assert len(supply_current()) == before + 1


def test_it_reaches_a_neighbourhood_within_the_volunteers_own_radius(helper):
    supply = supply_current()
    reached = supply.by_neighbourhood(supply.available(timezone.localdate().toordinal()))
    assert reached[Neighbourhood.objects.get(name="Kinderhaus").pk] == 1
    assert reached[Neighbourhood.objects.get(name="Wolbeck").pk] == 0


# ---------------------------------------------------------------------------
# The sync: only the volunteers changed since the last read, and the same figures as a rebuild
# ---------------------------------------------------------------------------
def _figures(supply, today):
    """Everything the dashboard reads off a snapshot, per skill and language too."""
    day = today.toordinal()
    hoods = supply.hood_ids
    out = {"all": supply.by_neighbourhood(supply.available(day)),
           "any": supply.within_any(supply.available(day), hoods), "len": len(supply)}  # fmt: skip
    for skill in Skill.objects.all():
        out[f"s{skill.pk}"] = supply.by_neighbourhood(supply.available(day, skill_id=skill.pk))
    for language in Language.objects.all():
        for level in (1, 4):
            mask = supply.available(day, language_id=language.pk, level=level)
            out[f"l{language.pk}.{level}"] = supply.by_neighbourhood(mask)
    return out


@pytest.fixture
def synced(settings, django_capture_on_commit_callbacks):
    """Run a change, let the version stamp move, return the synced snapshot and a rebuild."""
    settings.LOTSE_DASHBOARD_SUPPLY_REFRESH_SECONDS = 0

    def run(change):
        before = supply_current()
        with django_capture_on_commit_callbacks(execute=True):
            change()
        after = supply_current()
        assert after is not before, "the version stamp did not move"
        rebuilt = supply_build(after.points, after.version)
        return before, after, rebuilt

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
        assert _figures(after, today) == _figures(rebuilt, today), change
        assert _figures(before, today) != _figures(after, today), change


def test_a_sync_leaves_the_snapshot_it_started_from_untouched(helper, synced):
    before, after, _ = synced(lambda: Volunteer.objects.filter(pk=helper.pk).delete())
    assert len(before) == len(after) + 1


def test_a_sync_reads_only_the_changed_volunteers(helper, settings,
                                                  django_capture_on_commit_callbacks):  # fmt: skip
    settings.LOTSE_DASHBOARD_SUPPLY_REFRESH_SECONDS = 0
    other = volunteer_at("48157", email="other@example.org")
    supply_current()
    with django_capture_on_commit_callbacks(execute=True):
        other.save()
    with CaptureQueriesContext(connection) as queries:
        supply_current()
    reads = [q["sql"] for q in queries if 'FROM "volunteers_volunteer' in q["sql"]]
    assert reads and all("updated_at" in sql or " IN (" in sql for sql in reads), reads


def test_a_snapshot_mostly_of_leavers_is_rebuilt(helper):
    built = supply_current()
    # 1,500 rows of volunteers who left since (appended, never alive): a worn snapshot.
    worn = _grown(built, list(range(10**6, 10**6 + 1500)))
    assert _worn(worn) and not _worn(built)
    supply._state["supply"] = worn
    rebuilt = supply_current()
    assert rebuilt is not worn
    assert (rebuilt.rows, len(rebuilt)) == (1, 1)
