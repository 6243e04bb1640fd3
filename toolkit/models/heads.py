"""Per-label logistic regressions and out-of-fold scores: the pieces every trained model type shares."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

OUT_OF_FOLD_SPLITS = 5


def fit_logistic(features, target: np.ndarray, sample_weight: np.ndarray | None = None,
                 **options) -> tuple[np.ndarray, float]:
    """Coefficients and intercept of one binary logistic regression (*options* go to scikit-learn's)."""
    classifier = LogisticRegression(**options).fit(features, target, sample_weight=sample_weight)
    return classifier.coef_[0], float(classifier.intercept_[0])


def fit_logistic_heads(features, y: np.ndarray, sample_weight: np.ndarray | None = None,
                       **options) -> tuple[np.ndarray, np.ndarray]:
    """One logistic regression per label column of *y* on the same *features*.

    *sample_weight* is one weight per row, or (shape ``(n_rows, n_labels)``)
    one column of weights per label. Coefficients are rounded to float32, the
    precision they are saved at, so a saved and reloaded model scores exactly
    like the fitted one.

    Returns
    -------
    coef : ndarray of shape (n_labels, n_features)
    intercept : ndarray of shape (n_labels,)

    Examples
    --------
    >>> x = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> coef, intercept = fit_logistic_heads(x, np.array([[0, 1], [0, 1], [1, 0], [1, 0]]))
    >>> coef.shape, bool(coef[0, 0] > 0 > coef[1, 0])
    ((2, 1), True)
    """
    coef = np.zeros((y.shape[1], features.shape[1]), dtype=np.float64)
    intercept = np.zeros(y.shape[1], dtype=np.float64)
    for j in range(y.shape[1]):
        weight = sample_weight if sample_weight is None or np.ndim(sample_weight) == 1 else sample_weight[:, j]
        coef[j], intercept[j] = fit_logistic(features, y[:, j], weight, **options)
    return coef.astype(np.float32).astype(np.float64), intercept


def per_label_out_of_fold(y: np.ndarray, fit_and_score: Callable[[int, np.ndarray, np.ndarray], np.ndarray], *,
                          n_splits: int = OUT_OF_FOLD_SPLITS, seed: int = 0) -> np.ndarray:
    """Out-of-fold scores, label by label, from stratified folds of that label.

    ``fit_and_score(j, train_rows, test_rows)`` fits label *j* alone on
    *train_rows* and returns its scores of *test_rows*: one fit per label and
    fold. A label gets at most as many folds as it has positive (and negative)
    rows.

    Examples
    --------
    >>> y = np.array([[1, 0], [1, 0], [0, 1], [0, 1]])
    >>> calls = []
    >>> scores = per_label_out_of_fold(y, lambda j, train, test: calls.append(j) or np.full(len(test), 0.5))
    >>> calls, scores.tolist()
    ([0, 0, 1, 1], [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5], [0.5, 0.5]])
    """
    scores = np.zeros(y.shape, dtype=np.float64)
    for j in range(y.shape[1]):
        positives = int(y[:, j].sum())
        folds = StratifiedKFold(n_splits=min(n_splits, positives, len(y) - positives), shuffle=True, random_state=seed)
        for train_rows, test_rows in folds.split(np.zeros(len(y)), y[:, j]):
            scores[test_rows, j] = fit_and_score(j, train_rows, test_rows)
    return scores
