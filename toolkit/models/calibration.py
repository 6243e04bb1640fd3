"""Platt scaling of per-label scores, and the calibration error it is judged by."""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression

CALIBRATIONS = ("platt", "none")
_EPS = 1e-6


def _logit(scores: np.ndarray) -> np.ndarray:
    scores = np.clip(scores, _EPS, 1 - _EPS)
    return np.log(scores / (1 - scores))


def fit_platt(y: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Slope and intercept per label mapping logit(score) to a calibrated probability.

    A label whose tuning data hold only one class (a researcher's sample
    without a single positive) cannot be calibrated; it keeps its raw scores
    (slope 1, intercept 0).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> s = rng.uniform(size=(2000, 1))
    >>> y = (rng.uniform(size=(2000, 1)) < s ** 3).astype(int)   # scores far too high
    >>> params = fit_platt(y, s)
    >>> bool(expected_calibration_error(y, apply_platt(s, params)) < expected_calibration_error(y, s))
    True
    """
    params = np.tile([1.0, 0.0], (scores.shape[1], 1))
    for j in range(scores.shape[1]):
        if len(np.unique(y[:, j])) < 2:
            continue
        model = LogisticRegression(C=1e4, max_iter=1000)
        model.fit(_logit(scores[:, [j]]), y[:, j])
        params[j] = model.coef_[0, 0], model.intercept_[0]
    return params


def apply_platt(scores: np.ndarray, params: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(_logit(scores) * params[:, 0] + params[:, 1])))


def expected_calibration_error(y: np.ndarray, scores: np.ndarray, bins: int = 10) -> float:
    """Mean over labels of the bin-weighted gap between mean score and observed rate."""
    edges = np.linspace(0, 1, bins + 1)[1:-1]
    errors = []
    for j in range(scores.shape[1]):
        index = np.digitize(scores[:, j], edges)
        gap = 0.0
        for b in np.unique(index):
            mask = index == b
            gap += mask.mean() * abs(scores[mask, j].mean() - y[mask, j].mean())
        errors.append(gap)
    return float(np.mean(errors))
