"""Learning weights from social workers' decisions (approved or rejected proposals).

The learner only proposes Weights; the hard rules stay as they are whatever it learns.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_score

from matching.model import COMPONENTS, Weights
from matching.rank import DEFAULT_WEIGHTS

MIN_EXAMPLES = 30
MIN_PER_CLASS = 2  # cross-validation needs each decision in at least two folds
MAX_FOLDS = 5


@dataclass(frozen=True)
class LabelledExample:
    components: Mapping[str, float]  # the components the candidate had when proposed
    approved: bool


@dataclass(frozen=True)
class FitResult:
    weights: Weights | None  # None when the learner refused; `reason` says why
    reason: str | None
    n_examples: int
    cv_auc: float | None = None  # cross-validated ROC AUC of the learnt weights
    current_auc: float | None = None  # ROC AUC of the current weights on the same examples
    folds: int = 0


class NonNegativeLogisticRegression(LogisticRegression):
    """Logistic regression whose coefficients are clipped at 0 after fitting.

    A component may not count against a candidate (a closer volunteer must never lose
    points for being closer), so negative coefficients are set to 0.
    """

    def fit(self, X, y, sample_weight=None):
        super().fit(X, y, sample_weight=sample_weight)
        self.coef_ = np.maximum(self.coef_, 0.0)
        return self


def fit_weights(
    examples: Iterable[LabelledExample],
    *,
    current: Weights = DEFAULT_WEIGHTS,
    min_examples: int = MIN_EXAMPLES,
    seed: int = 0,
) -> FitResult:
    """New weights from labelled decisions, or None with the reason it refused to fit."""
    X, y = _matrix(examples)
    refusal = _refusal(y, min_examples)
    if refusal:
        return FitResult(None, refusal, len(y))
    folds = min(MAX_FOLDS, int(min(y.sum(), len(y) - y.sum())))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    cv_auc = cross_val_score(NonNegativeLogisticRegression(), X, y, cv=splitter,
                             scoring="roc_auc").mean()  # fmt: skip
    model = NonNegativeLogisticRegression().fit(X, y)
    current_auc = roc_auc_score(y, X @ np.array([getattr(current, c) for c in COMPONENTS]))
    coefficients = model.coef_[0]
    if not coefficients.any():
        reason = "no component predicts approval in these decisions"
        return FitResult(None, reason, len(y), float(cv_auc), float(current_auc), folds)
    weights = Weights(**dict(zip(COMPONENTS, coefficients.tolist(), strict=True)))
    return FitResult(weights, None, len(y), float(cv_auc), float(current_auc), folds)


def _matrix(examples: Iterable[LabelledExample]) -> tuple[np.ndarray, np.ndarray]:
    rows, labels = [], []
    for example in examples:
        missing = set(COMPONENTS) - set(example.components)
        if missing:
            raise ValueError(f"an example lacks component(s): {', '.join(sorted(missing))}")
        rows.append([float(example.components[name]) for name in COMPONENTS])
        labels.append(1 if example.approved else 0)
    X = np.array(rows, dtype=np.float64).reshape(-1, len(COMPONENTS))
    if not (np.isfinite(X).all() and (X >= 0).all() and (X <= 1).all()):
        raise ValueError("component values must lie in [0, 1]")
    return X, np.array(labels, dtype=np.int64)


def _refusal(y: np.ndarray, min_examples: int) -> str | None:
    if len(y) < min_examples:
        return f"only {len(y)} decisions; at least {min_examples} are needed"
    approved, rejected = int(y.sum()), int(len(y) - y.sum())
    if not approved or not rejected:
        return "all decisions are the same; both approvals and rejections are needed"
    if min(approved, rejected) < MIN_PER_CLASS:
        return f"at least {MIN_PER_CLASS} approvals and {MIN_PER_CLASS} rejections are needed"
    return None
