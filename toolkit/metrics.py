"""The numbers models and evaluation share: sigmoid and logit, F1 from counts, calibration error.

A low layer (numpy only), so model cards and evaluation reports compute F1 and
expected calibration error the same way.
"""

from __future__ import annotations

import numpy as np

# Scores are clipped this far inside (0, 1) before a logit, so 0 and 1 stay finite.
LOGIT_EPS = 1e-6
CALIBRATION_BINS = 10


def sigmoid(logits: np.ndarray) -> np.ndarray:
    """``1 / (1 + exp(-logits))``, elementwise.

    Examples
    --------
    >>> sigmoid(np.array([0.0])).tolist()
    [0.5]
    """
    return 1.0 / (1.0 + np.exp(-logits))


def logit(scores: np.ndarray, eps: float = LOGIT_EPS) -> np.ndarray:
    """``log(p / (1 - p))`` of *scores* clipped to ``[eps, 1 - eps]``.

    Examples
    --------
    >>> logit(np.array([0.5, 1.0])).round(2).tolist()
    [0.0, 13.82]
    """
    scores = np.clip(scores, eps, 1 - eps)
    return np.log(scores / (1 - scores))


def f1_from_counts(tp, fp, fn, *, undefined: float = 0.0) -> np.ndarray:
    """F1 ``2 tp / (2 tp + fp + fn)`` from (weighted) counts; *undefined* where it is 0/0.

    0/0 means nothing was predicted and nothing was expected: model cards and
    threshold tuning count it as 0, evaluation reports it as undefined (NaN).

    Examples
    --------
    >>> f1_from_counts([2, 0], [1, 0], [1, 0]).tolist()
    [0.6666666666666666, 0.0]
    >>> f1_from_counts([0], [0], [0], undefined=np.nan).tolist()
    [nan]
    """
    tp, fp, fn = (np.asarray(a, dtype=float) for a in (tp, fp, fn))
    denominator = 2 * tp + fp + fn
    return np.divide(2 * tp, denominator, out=np.full_like(denominator, undefined), where=denominator > 0)


def mean_defined(values, axis=None):
    """Mean over the defined (non-NaN) values; NaN when none is.

    >>> float(mean_defined([0.5, np.nan, 1.0]))
    0.75
    """
    values = np.asarray(values, dtype=float)
    counts = (~np.isnan(values)).sum(axis=axis)
    sums = np.nansum(values, axis=axis)
    return np.divide(sums, counts, out=np.full_like(sums, np.nan, dtype=float), where=counts > 0)


def confusion_counts(y_true: np.ndarray, y_pred: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """True positives, false positives and misses per label (column) of two 0/1 matrices."""
    y_true = np.asarray(y_true, dtype=bool)
    y_pred = np.asarray(y_pred, dtype=bool)
    return (y_true & y_pred).sum(axis=0), (~y_true & y_pred).sum(axis=0), (y_true & ~y_pred).sum(axis=0)


def label_f1(y_true: np.ndarray, y_pred: np.ndarray) -> dict:
    """Per-label, macro and micro F1, rounded to 4 places (for model cards; evaluation has the full set).

    Examples
    --------
    >>> label_f1(np.array([[1, 0], [1, 1]]), np.array([[1, 0], [0, 1]]))
    {'per_label_f1': [0.6667, 1.0], 'macro_f1': 0.8333, 'micro_f1': 0.8}
    """
    tp, fp, fn = confusion_counts(y_true, y_pred)
    per_label = f1_from_counts(tp, fp, fn)
    micro = f1_from_counts(tp.sum(), fp.sum(), fn.sum())
    return {"per_label_f1": per_label.round(4).tolist(), "macro_f1": round(float(per_label.mean()), 4),
            "micro_f1": round(float(micro), 4)}


def label_rates(y_true: np.ndarray, y_pred: np.ndarray, labels) -> dict:
    """True- and false-positive rate per label (for model cards: adjusted classify-and-count uses them).

    Examples
    --------
    >>> label_rates(np.array([[1], [1], [0], [0]]), np.array([[1], [0], [1], [0]]), ["a"])
    {'a': {'tpr': 0.5, 'fpr': 0.5}}
    """
    y_true = np.asarray(y_true, dtype=bool)
    tp, fp, _ = confusion_counts(y_true, y_pred)
    tpr = tp / np.maximum(y_true.sum(axis=0), 1)
    fpr = fp / np.maximum((~y_true).sum(axis=0), 1)
    return {label: {"tpr": round(float(t), 4), "fpr": round(float(f), 4)} for label, t, f in zip(labels, tpr, fpr)}


def reliability_bins(y: np.ndarray, scores: np.ndarray, bins: int = CALIBRATION_BINS) -> tuple[float, list[dict]]:
    """Expected calibration error of one label and its non-empty reliability bins.

    Scores fall into *bins* equal-width bins of [0, 1] (a score of 1 in the
    last); the error is the bin-size-weighted mean gap between a bin's mean
    score and its observed rate.

    Examples
    --------
    >>> ece, curve = reliability_bins(np.array([0, 1, 1, 1]), np.array([0.05, 0.95, 0.95, 0.55]))
    >>> round(ece, 4), [b["count"] for b in curve]
    (0.15, [1, 1, 2])
    """
    y = np.asarray(y, dtype=float)
    scores = np.asarray(scores, dtype=float)
    edges = np.linspace(0, 1, bins + 1)
    index = np.clip(np.digitize(scores, edges[1:-1], right=False), 0, bins - 1)
    curve, ece = [], 0.0
    for b in range(bins):
        mask = index == b
        if not mask.any():
            continue
        mean_score, observed = float(scores[mask].mean()), float(y[mask].mean())
        ece += mask.mean() * abs(mean_score - observed)
        curve.append({"bin_low": float(edges[b]), "bin_high": float(edges[b + 1]), "count": int(mask.sum()),
                      "mean_score": mean_score, "observed_rate": observed})
    return float(ece), curve


def expected_calibration_error(y: np.ndarray, scores: np.ndarray, bins: int = CALIBRATION_BINS) -> float:
    """Mean over labels (columns) of :func:`reliability_bins`' calibration error."""
    return float(np.mean([reliability_bins(y[:, j], scores[:, j], bins)[0] for j in range(scores.shape[1])]))
