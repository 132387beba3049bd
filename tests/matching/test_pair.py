from datetime import date

from matching import NeedSpec, VolunteerProfile, parse_availability, parse_schedule
from matching.pair import score_pair

TODAY = date(2026, 11, 25)


def _need(**overrides):
    values = dict(
        id=1,
        lat=51.9625,
        lon=7.6259,
        main_skill="interpreting",
        schedule=parse_schedule("weekly tue 16:00-18:00 from 2026-12-01 until 2027-03-31"),
        languages_required={"ar": 3},
    )
    values.update(overrides)
    return NeedSpec(**values)


def _volunteer(**overrides):
    values = dict(
        id=7,
        lat=51.9790,
        lon=7.6342,
        max_distance_km=10,
        skills=frozenset({"interpreting"}),
        languages={"ar": 4, "de": 4},
        availability=parse_availability("tue 16:00-19:00"),
    )
    values.update(overrides)
    return VolunteerProfile(**values)


def test_it_scores_a_fitting_pair_without_failed_rules():
    pair = score_pair(_volunteer(), _need(), today=TODAY)
    assert pair.failed_rules == ()
    assert 0 < pair.score <= 1
    assert pair.components["skills"] == 1.0
    assert 1.5 < pair.distance_km < 2.5


def test_it_still_reports_components_when_a_rule_fails():
    pair = score_pair(_volunteer(languages={"de": 4}), _need(), today=TODAY)
    assert pair.failed_rules == ("missing_language",)
    assert set(pair.components) >= {"distance", "skills", "languages", "availability"}


def test_it_reports_a_volunteer_without_location():
    pair = score_pair(_volunteer(lat=None, lon=None), _need(), today=TODAY)
    assert pair.failed_rules == ("no_location",) and pair.components == {}
