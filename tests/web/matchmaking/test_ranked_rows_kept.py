"""The rows of ranked needs (cards, the opportunities API, digests) kept per process
(`selectors.ranked_needs`, issue 21): the second ranking reads none, and whatever changes what
a row shows — the need, its languages, its closing, its facility's, neighbourhood's or
district's name — is seen on the next ranking in this process."""

import pytest

from lotse.matchmaking import selectors
from lotse.matchmaking.need_cache import open_need_table
from lotse.matchmaking.selectors import opportunities_for_volunteer, ranked_needs
from lotse.needs.models import Need
from lotse.needs.services import need_create, need_transition, need_update

DATE_INDEPENDENT = "reads rows of needs open in the weeks ahead, whatever the day"

pytestmark = pytest.mark.django_db


def _shown(volunteer) -> list[tuple]:
    return [
        (r.need.pk, r.need.title, r.need.facility.name, r.need.neighbourhood.district.name)
        for r in opportunities_for_volunteer(volunteer=volunteer)
    ]


def test_the_second_ranking_reads_no_row(arabic_need, amira, django_assert_num_queries):
    first = _shown(amira)
    assert [row[0] for row in first] == [arabic_need.pk]
    open_need_table()
    with django_assert_num_queries(0):
        assert ranked_needs([arabic_need.pk])[arabic_need.pk].title == arabic_need.title
    assert _shown(amira) == first


def test_a_changed_title_is_seen_on_the_next_ranking(alice, arabic_need, amira):
    _shown(amira)
    need_update(need=arabic_need, actor=alice, title="Begleitung zum Jobcenter")
    assert _shown(amira)[0][1] == "Begleitung zum Jobcenter"


def test_a_changed_language_reads_the_row_again(
    alice, arabic_need, amira, django_assert_num_queries
):
    _shown(amira)
    need_update(need=arabic_need, actor=alice, languages_required={"ar": 2})
    open_need_table()  # the sync reads the changed spec; the row is read once more after it
    with django_assert_num_queries(1):
        ranked_needs([arabic_need.pk])


def test_a_closed_need_is_no_longer_shown(alice, arabic_need, amira):
    assert _shown(amira)
    need_transition(need=arabic_need, actor=alice, action="close")
    assert _shown(amira) == []
    assert ranked_needs([arabic_need.pk]) == {}


@pytest.mark.parametrize("renamed", ["facility", "district"])
def test_a_renamed_place_is_seen_on_the_next_ranking(arabic_need, amira, renamed):
    _shown(amira)
    place = arabic_need.facility
    if renamed == "district":
        place = arabic_need.facility.neighbourhood.district
    place.name = f"{place.name} (neu)"
    place.save()
    facility, district = _shown(amira)[0][2:]
    assert (facility if renamed == "facility" else district) == place.name


def _another(alice, arabic_need, **changes):
    fields = {"actor": alice, "facility": arabic_need.facility, "title": "Sprachmittlung",
              "main_skill": "accompaniment", "schedule": arabic_need.schedule}  # fmt: skip
    return need_create(**(fields | changes))


def test_a_need_the_table_does_not_hold_is_read_every_time(
    alice, arabic_need, django_assert_num_queries
):
    draft = _another(alice, arabic_need, status=Need.Status.DRAFT)
    open_need_table()
    for _ in range(2):
        with django_assert_num_queries(1):
            assert ranked_needs([draft.pk]) == {}


def test_it_keeps_at_most_its_bound(alice, arabic_need, monkeypatch, django_assert_num_queries):
    other = _another(alice, arabic_need)
    monkeypatch.setattr(selectors, "RANKED_ROWS_KEPT", 1)
    open_need_table()
    ranked_needs([arabic_need.pk])
    with django_assert_num_queries(0):
        ranked_needs([arabic_need.pk])
    ranked_needs([other.pk])  # two would be more than the bound: the kept rows start anew
    with django_assert_num_queries(1):
        assert ranked_needs([arabic_need.pk])[arabic_need.pk].pk == arabic_need.pk
