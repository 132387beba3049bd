"""Weights learnt from approvals and rejections."""

import numpy as np
import pytest

from matching import COMPONENTS, LabelledExample, fit_weights


def _decisions(count: int, seed: int = 0) -> list[LabelledExample]:
    """Social workers who approve mostly for language fit, a little for distance."""
    rng = np.random.default_rng(seed)
    examples = []
    for values in rng.random((count, len(COMPONENTS))):
        components = dict(zip(COMPONENTS, values.tolist(), strict=True))
        odds = 6 * components["languages"] + 2 * components["distance"] - 4
        examples.append(LabelledExample(components, rng.random() < 1 / (1 + np.exp(-odds))))
    return examples


def test_it_learns_that_language_matters_most_to_these_social_workers():
    result = fit_weights(_decisions(300))
    weights = result.weights.as_dict()
    assert max(weights, key=weights.get) == "languages"
    assert result.cv_auc > result.current_auc > 0.5


def test_it_returns_non_negative_weights_that_sum_to_one():
    weights = fit_weights(_decisions(200)).weights.as_dict()
    assert min(weights.values()) >= 0 and sum(weights.values()) == pytest.approx(1)


def test_it_refuses_to_fit_too_few_decisions():
    result = fit_weights(_decisions(20))
    assert result.weights is None and result.reason == "only 20 decisions; at least 30 are needed"


def test_it_refuses_to_fit_when_every_decision_is_the_same():
    same = [LabelledExample(e.components, True) for e in _decisions(50)]
    assert "both approvals and rejections" in fit_weights(same).reason


def test_it_adapts_the_number_of_folds_to_the_rarer_decision():
    examples = _decisions(60)
    rejected = [e for e in examples if not e.approved][:3]
    result = fit_weights([e for e in examples if e.approved] + rejected)
    assert result.folds == 3


def test_it_refuses_components_outside_0_and_1():
    bad = [LabelledExample(dict.fromkeys(COMPONENTS, 2.0), True)] * 40
    with pytest.raises(ValueError, match=r"in \[0, 1\]"):
        fit_weights(bad)
