"""The process's table of open needs follows every change to needs without a full rebuild."""

import pytest
from django.db import transaction

from lotse.matchmaking import adapter
from lotse.matchmaking.need_cache import open_need_spec, open_need_table
from lotse.matchmaking.selectors import opportunities_for_volunteer
from lotse.needs.models import Need
from lotse.needs.services import need_create, need_transition, need_update

pytestmark = pytest.mark.django_db


def _ranked(volunteer) -> list[int]:
    return [r.need.pk for r in opportunities_for_volunteer(volunteer=volunteer)]


def _another_need(alice, facility_a1, arabic_need, **changes):
    fields = {"actor": alice, "facility": facility_a1, "title": "Sprachmittlung",
              "main_skill": "accompaniment", "schedule": arabic_need.schedule}  # fmt: skip
    return need_create(**(fields | changes))


def test_it_holds_the_open_needs_only(alice, facility_a1, arabic_need):
    _another_need(alice, facility_a1, arabic_need, status=Need.Status.DRAFT)
    assert open_need_table().ids.tolist() == [arabic_need.pk]


def test_it_sees_a_need_opened_after_the_table_was_built(alice, facility_a1, arabic_need, greta):
    assert _ranked(greta) == []  # greta speaks no Arabic
    other = _another_need(alice, facility_a1, arabic_need)
    assert _ranked(greta) == [other.pk]


def test_it_sees_a_changed_language_requirement(alice, arabic_need, greta):
    assert _ranked(greta) == []
    need_update(need=arabic_need, actor=alice, languages_required={"de": 3})
    assert _ranked(greta) == [arabic_need.pk]


def test_it_drops_a_closed_need(alice, arabic_need, amira):
    assert _ranked(amira) == [arabic_need.pk]
    need_transition(need=arabic_need, actor=alice, action="close")
    assert _ranked(amira) == []


def test_it_rebuilds_only_the_specs_of_changed_needs(alice, facility_a1, arabic_need):
    other = _another_need(alice, facility_a1, arabic_need)
    before = dict(zip(open_need_table().ids.tolist(), open_need_table().specs, strict=True))
    need_update(need=other, actor=alice, title="Sprachmittlung beim Jobcenter", urgency="high")
    after = dict(zip(open_need_table().ids.tolist(), open_need_table().specs, strict=True))
    assert after[arabic_need.pk] is before[arabic_need.pk]


def test_it_counts_the_slots_an_approved_placement_takes(
    alice, arabic_need, amira, django_capture_on_commit_callbacks
):
    from lotse.placements.services import placement_accept, placement_approve, placement_propose
    from lotse.privacy.models import Consent
    from lotse.privacy.services import consent_give

    consent_give(user=amira.user, kind=Consent.Kind.CODE_OF_CONDUCT, version="2026-11")
    need_update(need=arabic_need, actor=alice, volunteers_needed=2)
    assert open_need_table().open_slots.tolist() == [2]
    with django_capture_on_commit_callbacks(execute=True):
        placement = placement_propose(need=arabic_need, volunteer=amira, actor=alice)
        placement_accept(placement=placement, actor=amira.user)
        placement_approve(placement=placement, actor=alice)
    assert open_need_table().open_slots.tolist() == [1]


def test_a_change_of_open_slots_only_keeps_the_table_s_columns(
    alice, arabic_need, amira, django_capture_on_commit_callbacks, monkeypatch
):
    """A placement stamps its need, but only the open slots move: no rebuild of the columns
    (85 ms at 5,000 open needs, issue 21); an edit of the need itself still rebuilds."""
    from lotse.placements.services import placement_accept, placement_approve, placement_propose
    from lotse.privacy.models import Consent
    from lotse.privacy.services import consent_give
    from matching.need_table import NeedTable

    consent_give(user=amira.user, kind=Consent.Kind.CODE_OF_CONDUCT, version="2026-11")
    need_update(need=arabic_need, actor=alice, volunteers_needed=2)
    assert open_need_table().open_slots.tolist() == [2]
    builds, build = [], NeedTable.from_specs
    monkeypatch.setattr(NeedTable, "from_specs", lambda specs: builds.append(1) or build(specs))
    with django_capture_on_commit_callbacks(execute=True):
        placement = placement_propose(need=arabic_need, volunteer=amira, actor=alice)
        placement_accept(placement=placement, actor=amira.user)
        placement_approve(placement=placement, actor=alice)
    assert open_need_table().open_slots.tolist() == [1] and builds == []
    need_update(need=arabic_need, actor=alice, languages_required={"de": 3})
    assert open_need_table().required.codes == ("de",) and builds == [1]


# ---------------------------------------------------------------------------
# The spec a ranking of candidates uses (issue 21: three queries less per ranking)
# ---------------------------------------------------------------------------
def test_an_open_need_s_spec_is_the_one_read_from_the_database(alice, facility_a1, arabic_need):
    other = _another_need(alice, facility_a1, arabic_need, languages_required={"fa": 2},
                          volunteers_needed=3)  # fmt: skip
    for need in (arabic_need, other):
        assert open_need_spec(need) == adapter.need_spec(need)


def test_the_spec_follows_an_edit_and_the_places_taken(
    alice, arabic_need, amira, django_capture_on_commit_callbacks
):
    from lotse.placements.services import placement_accept, placement_approve, placement_propose
    from lotse.privacy.models import Consent
    from lotse.privacy.services import consent_give

    open_need_spec(arabic_need)
    need_update(need=arabic_need, actor=alice, languages_required={"de": 3}, volunteers_needed=2)
    arabic_need.refresh_from_db()
    assert open_need_spec(arabic_need).languages_required == {"de": 3}
    consent_give(user=amira.user, kind=Consent.Kind.CODE_OF_CONDUCT, version="2026-11")
    with django_capture_on_commit_callbacks(execute=True):
        placement = placement_propose(need=arabic_need, volunteer=amira, actor=alice)
        placement_accept(placement=placement, actor=amira.user)
        placement_approve(placement=placement, actor=alice)
    assert open_need_spec(arabic_need) == adapter.need_spec(arabic_need)
    assert open_need_spec(arabic_need).open_slots == 1


def test_a_need_that_is_not_open_is_read_from_the_database(alice, arabic_need, monkeypatch):
    need_transition(need=arabic_need, actor=alice, action="close")
    read = []
    monkeypatch.setattr(adapter, "need_spec", lambda need: read.append(need.pk) or "spec")
    assert open_need_spec(arabic_need) == "spec" and read == [arabic_need.pk]


class Boom(Exception):
    pass


@pytest.mark.django_db(transaction=True)
def test_a_need_opened_in_a_rolled_back_transaction_leaves_the_table(
    alice, facility_a1, arabic_need
):
    open_need_table()
    with pytest.raises(Boom), transaction.atomic():
        ghost = _another_need(alice, facility_a1, arabic_need)
        assert ghost.pk in open_need_table().ids.tolist()  # read your own writes
        raise Boom
    assert open_need_table().ids.tolist() == [arabic_need.pk]


@pytest.mark.django_db(transaction=True)
def test_a_need_closed_in_a_rolled_back_transaction_comes_back(alice, arabic_need, settings):
    settings.LOTSE_MATCHING_SYNC_SECONDS = 3600  # only the rollback can bring it back
    open_need_table()
    with pytest.raises(Boom), transaction.atomic():
        need_transition(need=arabic_need, actor=alice, action="close")
        assert open_need_table().ids.tolist() == []
        raise Boom
    assert open_need_table().ids.tolist() == [arabic_need.pk]
