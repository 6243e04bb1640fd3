"""Platt scaling of per-label scores, and the calibration error it is judged by."""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression

from ..metrics import expected_calibration_error, logit, sigmoid

CALIBRATIONS = ("platt", "none")


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
        model.fit(logit(scores[:, [j]]), y[:, j])
        params[j] = model.coef_[0, 0], model.intercept_[0]
    return params


def apply_platt(scores: np.ndarray, params: np.ndarray) -> np.ndarray:
    return sigmoid(logit(scores) * params[:, 0] + params[:, 1])


__all__ = ["CALIBRATIONS", "apply_platt", "expected_calibration_error", "fit_platt"]
