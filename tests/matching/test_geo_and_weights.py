import pytest
from geopy.distance import geodesic
from hypothesis import given
from hypothesis import strategies as st

from matching import Weights, haversine_km

germany_lat = st.floats(47.3, 55.0)
germany_lon = st.floats(5.9, 15.0)


@given(germany_lat, germany_lon, germany_lat, germany_lon)
def test_it_measures_distances_in_germany_within_half_a_percent_of_geopy(a, b, c, d):
    exact = geodesic((a, b), (c, d)).km
    assert haversine_km(a, b, c, d) == pytest.approx(exact, rel=0.005, abs=1e-6)


@given(st.floats(-80, 80), st.floats(-180, 180), st.floats(-80, 80), st.floats(-180, 180))
def test_it_measures_distances_anywhere_within_0_6_percent_of_geopy(a, b, c, d):
    exact = geodesic((a, b), (c, d)).km
    assert haversine_km(a, b, c, d) == pytest.approx(exact, rel=0.006, abs=1e-6)


def test_it_normalises_weights_to_sum_one():
    weights = Weights(distance=2, skills=2, languages=0, availability=0, workload=0, continuity=0)
    assert (weights.distance, weights.skills) == (0.5, 0.5)


def test_it_has_default_weights_that_already_sum_to_one():
    assert sum(Weights().as_dict().values()) == pytest.approx(1)


def test_it_refuses_negative_weights_at_configuration():
    with pytest.raises(ValueError, match="must not be negative"):
        Weights(distance=-0.1)


def test_it_refuses_weights_that_sum_to_zero_at_configuration():
    with pytest.raises(ValueError, match="must not all be zero"):
        Weights(distance=0, skills=0, languages=0, availability=0, workload=0, continuity=0)


def test_it_refuses_unknown_weight_names():
    with pytest.raises(ValueError, match="unknown weight"):
        Weights.from_mapping({"charm": 1.0})
