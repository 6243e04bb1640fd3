"""Per-label figures for one labelled set: F1 with counts, texts flagged against annotated, micro-F1, macro3.

The one place that computes the figures reported for real text (``barriers
compare``, ``scripts/real_dev_eval.py`` and ``scripts/error_analysis.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from . import metrics
from .metrics import mean_defined

# The three barriers real text carries often enough to score one by one; cultural_influences is
# nearly absent from real text (3 positives in 444 real dev texts), so a mean over all four is mostly noise.
MACRO3_LABELS = ("fear_of_rejection", "past_experiences", "self_doubt")


def f1_from_counts(tp, fp, fn) -> np.ndarray:
    """F1 from counts, NaN (undefined) where nothing was annotated or flagged
    (:func:`toolkit.metrics.f1_from_counts`)."""
    return metrics.f1_from_counts(tp, fp, fn, undefined=np.nan)


def label_figures(y_true, y_pred, labels: Sequence[str], focus: Sequence[str] = MACRO3_LABELS) -> dict:
    """Micro-F1, macro-F1, macro3 and per-label counts of *y_pred* against *y_true*.

    Parameters
    ----------
    y_true, y_pred : array of shape (n_texts, n_labels)
        Gold and predicted 0/1 labels, columns in the order of *labels*.
    labels : sequence of str
        The label ids.
    focus : sequence of str
        Labels averaged into ``macro3``; those missing from *labels* are
        skipped, and ``macro3`` is NaN when none is present.

    Returns
    -------
    dict
        ``texts``, ``micro_f1``, ``macro_f1``, ``macro3`` and ``labels``:
        per label ``f1``, ``tp``, ``fp``, ``fn``, ``annotated`` (gold
        positives) and ``flagged`` (predicted positives). A label with no
        gold and no predicted positive has an undefined F1 (NaN), which
        the means (macro-F1, macro3) leave out, as ``barriers evaluate`` does.

    Examples
    --------
    >>> figures = label_figures([[1, 0], [0, 0], [1, 1]], [[1, 1], [0, 0], [0, 1]], ["a", "b"], focus=["a"])
    >>> figures["micro_f1"], figures["macro3"], figures["labels"]["b"]["flagged"]
    (0.6666666666666666, 0.6666666666666666, 2)
    """
    y_true = np.asarray(y_true).astype(bool)
    y_pred = np.asarray(y_pred).astype(bool)
    labels = list(labels)
    if y_true.shape != y_pred.shape or y_true.ndim != 2 or y_true.shape[1] != len(labels):
        raise ValueError(f"expected gold and predicted label matrices of shape (texts, {len(labels)}); "
                         f"got {y_true.shape} and {y_pred.shape}")
    tp = (y_true & y_pred).sum(axis=0)
    fp = (~y_true & y_pred).sum(axis=0)
    fn = (y_true & ~y_pred).sum(axis=0)
    f1 = f1_from_counts(tp, fp, fn)
    per_label = {label: {"f1": float(f1[j]), "tp": int(tp[j]), "fp": int(fp[j]), "fn": int(fn[j]),
                         "annotated": int(y_true[:, j].sum()), "flagged": int(y_pred[:, j].sum())}
                 for j, label in enumerate(labels)}
    present = [label for label in focus if label in per_label]
    return {"texts": int(y_true.shape[0]),
            "micro_f1": float(f1_from_counts(tp.sum(), fp.sum(), fn.sum())),
            "macro_f1": float(mean_defined(f1)),
            "macro3": float(mean_defined([per_label[label]["f1"] for label in present])) if present else float("nan"),
            "labels": per_label}


def bootstrap_intervals(y_true, y_pred, labels: Sequence[str], n_resamples: int = 1000, seed: int = 0,
                        level: float = 0.95, focus: Sequence[str] = MACRO3_LABELS) -> dict:
    """Percentile bootstrap intervals of micro-F1, macro3 and each label's F1 (texts resampled with replacement).

    Returns ``{"micro_f1": [low, high], "macro3": [low, high], "labels": {label: [low, high]}}``;
    reproducible for a given *seed* (``numpy.random.default_rng``).

    >>> gold = [[1], [0], [1], [0]] * 10
    >>> bootstrap_intervals(gold, gold, ["a"], n_resamples=50, focus=["a"])["micro_f1"]
    [1.0, 1.0]
    """
    y_true = np.asarray(y_true).astype(bool)
    y_pred = np.asarray(y_pred).astype(bool)
    labels = list(labels)
    rng = np.random.default_rng(seed)
    n = y_true.shape[0]
    counts = np.empty((n_resamples, n))
    for r in range(n_resamples):
        counts[r] = np.bincount(rng.integers(0, n, n), minlength=n)
    # Weighted counts per resample: (resamples, labels).
    tp, fp, fn = (counts @ (a & b) for a, b in ((y_true, y_pred), (~y_true, y_pred), (y_true, ~y_pred)))
    f1 = f1_from_counts(tp, fp, fn)
    micro = f1_from_counts(tp.sum(axis=1), fp.sum(axis=1), fn.sum(axis=1))
    present = [labels.index(label) for label in focus if label in labels]
    macro3 = mean_defined(f1[:, present], axis=1) if present else np.full(n_resamples, np.nan)
    tails = [100 * (1 - level) / 2, 100 * (1 + level) / 2]

    def interval(values):
        return [float(v) for v in np.nanpercentile(values, tails)] if not np.isnan(values).all() else [float("nan")] * 2

    return {"micro_f1": interval(micro), "macro3": interval(macro3),
            "labels": {label: interval(f1[:, j]) for j, label in enumerate(labels)}}


def _threshold_counts(y: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For every distinct cut of *scores* (flag all texts scoring at or above it): the cut, TP, FP and FN."""
    order = np.argsort(-scores, kind="stable")
    ranked, hits = scores[order], y[order]
    # A cut may only fall between distinct scores: texts with equal scores are flagged together.
    ends = np.r_[np.flatnonzero(ranked[1:] != ranked[:-1]), len(ranked) - 1]
    tp = np.r_[0, np.cumsum(hits)[ends]]
    fp = np.r_[0, ends + 1] - tp
    cuts = np.r_[np.inf, ranked[ends]]
    return cuts, tp, fp, int(y.sum()) - tp


def best_threshold_micro_f1(y_true, scores, labels: Sequence[str]) -> dict:
    """The highest micro-F1 any per-label thresholds reach on this very set: a ceiling, not an estimate.

    Thresholds chosen on the texts they are scored on are optimistic by
    construction; what the figure shows is how far a model's *ranking* can
    go. If it is below a target, no threshold or calibration policy can
    reach that target with this model on this set. Micro-F1 is a ratio of
    sums over labels, so the best thresholds are found jointly (Dinkelbach's
    method: maximise ``2 TP (1 - f) - f (FP + FN)`` label by label for the
    current best *f*, until *f* stops rising), not label by label.

    Parameters
    ----------
    y_true : array of shape (n_texts, n_labels)
        Gold 0/1 labels, columns in the order of *labels*.
    scores : array of shape (n_texts, n_labels)
        Any scores that rank the texts per label (higher = more likely).
    labels : sequence of str
        The label ids.

    Returns
    -------
    dict
        ``micro_f1`` and, per label, the ``threshold`` (flag scores at or
        above it; ``inf`` flags nothing), ``tp``, ``fp`` and ``fn`` at the best point.

    Examples
    --------
    >>> out = best_threshold_micro_f1([[1], [0], [1], [0]], [[0.9], [0.8], [0.7], [0.1]], ["a"])
    >>> round(out["micro_f1"], 3), out["labels"]["a"]["threshold"]
    (0.8, 0.7)
    """
    y_true = np.asarray(y_true).astype(bool)
    scores = np.asarray(scores, dtype=float)
    labels = list(labels)
    if y_true.shape != scores.shape or y_true.ndim != 2 or y_true.shape[1] != len(labels):
        raise ValueError(f"expected gold labels and scores of shape (texts, {len(labels)}); "
                         f"got {y_true.shape} and {scores.shape}")
    tables = [_threshold_counts(y_true[:, j], scores[:, j]) for j in range(len(labels))]
    best, best_picks = 0.0, [0] * len(labels)
    for _ in range(100):
        picks = [int(np.argmax(2 * tp * (1 - best) - best * (fp + fn))) for _, tp, fp, fn in tables]
        tp, fp, fn = (sum(int(table[k][pick]) for table, pick in zip(tables, picks)) for k in (1, 2, 3))
        reached = float(f1_from_counts(tp, fp, fn)) if tp else 0.0
        if reached <= best + 1e-12:
            break
        best, best_picks = reached, picks
    return {"micro_f1": best,
            "labels": {label: {"threshold": float(cuts[pick]), "tp": int(tp[pick]), "fp": int(fp[pick]),
                               "fn": int(fn[pick])}
                       for label, (cuts, tp, fp, fn), pick in zip(labels, tables, best_picks)}}
