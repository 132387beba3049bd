"""An operator's weights kept per process under a stamp (matchmaking.selectors.weights_for,
issue 21): every ranking asks for them, a saved or deleted setting is seen on the next read."""

import pytest

from lotse.matchmaking.models import MatchingSettings
from lotse.matchmaking.selectors import weights_for
from matching import Weights

DATE_INDEPENDENT = "reads weights; no date is compared"

pytestmark = pytest.mark.django_db


def test_the_second_read_sends_no_query(stadt, django_assert_num_queries):
    MatchingSettings.objects.create(organisation=stadt, weight_distance=0.9)
    weights_for(stadt.pk)
    with django_assert_num_queries(0):
        assert weights_for(stadt.pk).distance > Weights().distance


def test_changed_learnt_and_deleted_weights_are_seen_on_the_next_read(stadt, caritas):
    assert weights_for(stadt.pk) == Weights()
    settings = MatchingSettings.objects.create(organisation=stadt, weight_distance=0.9)
    configured = weights_for(stadt.pk)
    assert configured == settings.configured_weights() != Weights()
    settings.learned_weights = {"distance": 0.1, "skills": 0.9}
    settings.learning_enabled = True
    settings.save()
    assert weights_for(stadt.pk) == Weights.from_mapping({"distance": 0.1, "skills": 0.9})
    assert weights_for(caritas.pk) == Weights()  # one copy per operator
    settings.delete()
    assert weights_for(stadt.pk) == Weights()
