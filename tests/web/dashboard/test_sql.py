"""The database's readings of a need's schedule agree with the engine's parser."""

import datetime as dt

import pytest
from django.db.models import F, Value
from django.utils import timezone

from lotse.dashboard.queries import median_days
from lotse.dashboard.sql import DaysBetween, Median, ended_q, schedule_minutes, schedule_start_text
from lotse.needs.models import Need
from matching import format_schedule, parse_schedule

from ..placements.factories import NeedFactory

TODAY = dt.date(2026, 11, 25)
SCHEDULES = [
    "2026-12-03 09:00-12:00",
    "2026-11-24 00:00-24:00",
    "2026-11-25 17:45-18:00",
    "weekly tue 16:00-18:00 from 2026-12-01 until 2027-03-31",
    "weekly sun 08:15-20:30 from 2026-01-04",
    "weekly mon 10:00-11:00 from 2026-10-01 until 2026-11-20",
]


@pytest.fixture
def needs(facility_a1):
    return {
        text: NeedFactory(facility=facility_a1, schedule=format_schedule(parse_schedule(text)))
        for text in SCHEDULES
    }


def test_it_reads_weekly_minutes_as_the_parser_does(needs):
    rows = Need.objects.filter(pk__in=[n.pk for n in needs.values()]).values_list(
        "schedule", schedule_minutes()
    )
    for text, minutes in rows:
        assert minutes == parse_schedule(text).hours_per_week * 60, text


def test_it_reads_the_first_day_as_the_parser_does(needs):
    rows = Need.objects.filter(pk__in=[n.pk for n in needs.values()]).values_list(
        "schedule", schedule_start_text()
    )
    for text, start in rows:
        parsed = parse_schedule(text)
        assert start == (parsed.date or parsed.valid_from).isoformat(), text


def test_it_knows_which_needs_are_past_their_last_date(needs):
    ended = set(Need.objects.filter(ended_q(TODAY)).values_list("schedule", flat=True))
    expected = {t for t in SCHEDULES if (last := parse_schedule(t).last_date) and last < TODAY}
    assert ended == {format_schedule(parse_schedule(t)) for t in expected}


def test_it_takes_a_median_and_days_between_timestamps(needs):
    Need.objects.update(created_at=timezone.now())
    for k, need in enumerate(needs.values()):
        Need.objects.filter(pk=need.pk).update(opened_at=timezone.now() - dt.timedelta(days=k))
    days = Need.objects.aggregate(m=Median(DaysBetween(F("created_at"), F("opened_at"))))["m"]
    assert days == pytest.approx(2.5, abs=0.01)
    assert Need.objects.aggregate(m=Median(Value(1.0)))["m"] == 1.0


@pytest.mark.parametrize(
    ("counts", "expected"),
    [([0] * 11, None), ([1] + [0] * 10, 0.5), ([0, 0, 0, 0, 2] + [0] * 6, 6.0),
     ([0] * 10 + [3], 60.0), ([1, 1, 1] + [0] * 8, 1.5)],
)  # fmt: skip
def test_it_takes_the_median_of_a_histogram(counts, expected):
    assert median_days(counts) == expected
