"""Who is ruled out, and the reason a social worker sees for it."""

from datetime import date, timedelta

from matching import parse_schedule

from .factories import TODAY, excluded_codes, need, rank, ranked_ids, volunteer


def test_it_excludes_someone_below_the_required_language_level():
    result = rank([volunteer(1, languages="ar:basic; de:native")], need(required="ar:fluent"),
                  explain=True)  # fmt: skip
    assert ranked_ids(result) == []
    assert excluded_codes(result, 1) == ["language_too_low"]


def test_it_excludes_someone_who_does_not_speak_a_required_language():
    result = rank([volunteer(1)], need(required="ar:basic"), explain=True)
    assert excluded_codes(result, 1) == ["missing_language"]


def test_it_keeps_someone_who_speaks_every_required_language_well_enough():
    result = rank([volunteer(1, languages="ar:native; de:fluent")],
                  need(required="ar:fluent; de:conversational"))  # fmt: skip
    assert ranked_ids(result) == [1]


def test_it_excludes_an_expired_certificate_for_homework_help_but_not_for_bike_repair():
    expired = volunteer(1, skills=("homework_help", "bike_repair"),
                        certificate_valid_until=TODAY - timedelta(days=1))  # fmt: skip
    homework = need(main_skill="homework_help", requires_certificate=True)
    bikes = need(101, main_skill="bike_repair", requires_certificate=False)
    assert excluded_codes(rank([expired], homework, explain=True), 1) == ["certificate_expired"]
    assert ranked_ids(rank([expired], bikes)) == [1]


def test_it_excludes_someone_without_certificate_when_the_need_requires_one():
    result = rank([volunteer(1)], need(requires_certificate=True), explain=True)
    assert excluded_codes(result, 1) == ["certificate_missing"]


def test_it_checks_the_certificate_on_the_day_the_need_starts():
    ends_before_start = volunteer(1, certificate_valid_until=date(2026, 11, 30))
    result = rank([ends_before_start], need(requires_certificate=True), explain=True)
    assert excluded_codes(result, 1) == ["certificate_expired"]


def test_it_excludes_someone_beyond_their_own_travel_radius():
    result = rank([volunteer(1, km=6, radius=5)], need(), explain=True)
    assert excluded_codes(result, 1) == ["too_far"]


def test_it_excludes_someone_beyond_the_radius_the_need_asks_for():
    result = rank([volunteer(1, km=6, radius=10)], need(max_distance_km=5), explain=True)
    assert excluded_codes(result, 1) == ["outside_need_radius"]


def test_it_keeps_someone_with_radius_zero_only_at_distance_zero():
    at_door = volunteer(1, km=0, radius=0)
    next_door = volunteer(2, km=0.01, radius=0)
    assert ranked_ids(rank([at_door, next_door], need())) == [1]


def test_it_excludes_someone_not_free_at_the_weekly_time():
    result = rank([volunteer(1, availability="wed 16:00-19:00")], need(), explain=True)
    assert excluded_codes(result, 1) == ["no_time"]


def test_it_keeps_someone_free_for_part_of_a_weekly_appointment():
    assert ranked_ids(rank([volunteer(1, availability="tue 17:00-19:00")], need())) == [1]


def test_it_needs_a_one_off_appointment_to_fit_whole_into_the_free_time():
    one_off = need(schedule="2026-12-03 09:00-12:00")  # a Thursday
    fits = volunteer(1, availability="thu 08:00-12:00")
    too_short = volunteer(2, availability="thu 10:00-12:00")
    result = rank([fits, too_short], one_off, explain=True)
    assert ranked_ids(result) == [1]
    assert excluded_codes(result, 2) == ["no_time_on"]


def test_it_lets_a_one_off_appointment_span_two_adjacent_free_slots():
    adjacent = volunteer(1, availability="thu 08:00-10:00; thu 10:00-12:00")
    assert ranked_ids(rank([adjacent], need(schedule="2026-12-03 09:00-12:00"))) == [1]


def test_it_excludes_a_paused_volunteer():
    result = rank([volunteer(1, paused_until=TODAY)], need(), explain=True)
    assert excluded_codes(result, 1) == ["paused"]


def test_it_keeps_a_volunteer_whose_pause_has_ended():
    assert ranked_ids(rank([volunteer(1, paused_until=TODAY - timedelta(days=1))], need())) == [1]


def test_it_excludes_someone_no_longer_available_when_the_need_starts():
    leaving = volunteer(1, available_until=date(2026, 11, 20))
    result = rank([leaving], need(), explain=True)
    assert excluded_codes(result, 1) == ["no_longer_available"]


def test_it_excludes_someone_who_used_up_their_monthly_hours():
    result = rank([volunteer(1, hours_this_month=10, max_hours_per_month=10)], need(),
                  explain=True)  # fmt: skip
    assert excluded_codes(result, 1) == ["hours_exhausted"]


def test_it_excludes_someone_already_placed_on_this_need():
    result = rank([volunteer(1, placed_need_ids=frozenset({100}))], need(100), explain=True)
    assert excluded_codes(result, 1) == ["already_placed"]


def test_it_excludes_someone_with_an_appointment_at_the_same_time():
    busy = volunteer(1, busy=(parse_schedule("2026-12-08 17:00-19:00"),))
    result = rank([busy], need(), explain=True)
    assert ranked_ids(result) == []
    assert excluded_codes(result, 1) == ["busy"]


def test_it_keeps_someone_whose_appointments_are_at_other_times():
    busy = volunteer(1, busy=(parse_schedule("weekly tue 09:00-11:00 from 2026-12-01"),))
    assert ranked_ids(rank([busy], need())) == [1]


def test_it_lists_every_rule_someone_fails():
    many = volunteer(1, km=20, radius=5, paused_until=TODAY, availability="")
    codes = excluded_codes(rank([many], need(requires_certificate=True), explain=True), 1)
    assert codes == ["too_far", "certificate_missing", "no_time", "paused"]


def test_it_excludes_a_volunteer_without_location_with_that_reason():
    result = rank([volunteer(1, lat=None, lon=None)], need(), explain=True)
    assert excluded_codes(result, 1) == ["no_location"]


def test_it_treats_nan_and_infinite_coordinates_as_no_location():
    nan = volunteer(1, lat=float("nan"), lon=7.6)
    inf = volunteer(2, lat=51.9, lon=float("inf"))
    off_earth = volunteer(3, lat=123.0, lon=7.6)
    result = rank([nan, inf, off_earth, volunteer(4)], need(), explain=True)
    assert ranked_ids(result) == [4]
    assert all(excluded_codes(result, vid) == ["no_location"] for vid in (1, 2, 3))
