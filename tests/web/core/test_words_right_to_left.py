"""Time ranges keep their order inside right-to-left text (issue 18)."""

from django.utils import translation

from lotse.core.words import time_range


def test_it_isolates_a_time_range_left_to_right_in_arabic():
    with translation.override("ar"):
        assert time_range(17 * 60, 19 * 60).startswith("\u2066")
        assert time_range(17 * 60, 19 * 60).endswith("\u2069")


def test_it_writes_a_time_range_plainly_in_left_to_right_languages():
    with translation.override("uk"):
        assert "\u2066" not in time_range(17 * 60, 19 * 60)
