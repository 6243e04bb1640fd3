"""Inter-annotator agreement statistics for nominal (here: 0/1) ratings.

Pure numpy, no file handling: Cohen's kappa for two annotators, Fleiss'
kappa and Krippendorff's alpha for several, and percent agreement.
Reliability data are a matrix of annotators x items with ``nan`` for an
item an annotator did not rate.
"""

from __future__ import annotations

import numpy as np


def _as_reliability_data(ratings) -> np.ndarray:
    data = np.asarray(ratings, dtype=float)
    if data.ndim != 2:
        raise ValueError(f"ratings must be a 2-d array of annotators x items, got shape {data.shape}")
    return data


def category_counts(ratings) -> tuple[np.ndarray, np.ndarray]:
    """Items x categories matrix of how many annotators chose each value, and the values.

    Examples
    --------
    >>> counts, values = category_counts([[1, 0, np.nan], [1, 1, 0]])
    >>> counts.tolist(), values.tolist()
    ([[0, 2], [1, 1], [1, 0]], [0.0, 1.0])
    """
    data = _as_reliability_data(ratings)
    values = np.unique(data[~np.isnan(data)])
    counts = (np.stack([(data == v).sum(axis=0) for v in values], axis=1) if len(values)
              else np.zeros((data.shape[1], 0)))
    return counts.astype(int), values


def cohen_kappa(a, b) -> float:
    """Cohen's kappa of two annotators over the items both rated.

    ``nan`` when chance agreement is 1 (both gave one and the same value
    throughout), where kappa is undefined.

    Examples
    --------
    >>> cohen_kappa([1, 1, 0, 0], [1, 0, 0, 0])
    0.5
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    both = ~np.isnan(a) & ~np.isnan(b)
    a, b = a[both], b[both]
    if not len(a):
        return float("nan")
    values = np.unique(np.concatenate([a, b]))
    observed = float(np.mean(a == b))
    expected = float(sum(np.mean(a == v) * np.mean(b == v) for v in values))
    if expected == 1.0:
        return float("nan")
    return (observed - expected) / (1.0 - expected)


def fleiss_kappa(counts) -> float:
    """Fleiss' kappa from an items x categories matrix of rating counts.

    Every item must have the same number of ratings (at least two).

    Examples
    --------
    >>> round(fleiss_kappa([[3, 0], [0, 3], [2, 1], [3, 0]]), 4)
    0.625
    """
    counts = np.asarray(counts, dtype=float)
    raters = counts.sum(axis=1)
    if not len(counts) or raters.min() != raters.max() or raters[0] < 2:
        raise ValueError("Fleiss' kappa needs the same number (at least 2) of ratings for every item")
    n = raters[0]
    per_item = ((counts**2).sum(axis=1) - n) / (n * (n - 1))
    shares = counts.sum(axis=0) / counts.sum()
    expected = float((shares**2).sum())
    if expected == 1.0:
        return float("nan")
    return (float(per_item.mean()) - expected) / (1.0 - expected)


def krippendorff_alpha(ratings) -> float:
    """Krippendorff's alpha for nominal data; ``nan`` marks a missing rating.

    Items rated by fewer than two annotators carry no pairs and are left out.
    ``nan`` when the pairable values show no variation at all.

    Examples
    --------
    >>> round(krippendorff_alpha([[1, 0, 1, np.nan], [1, 0, 0, 1], [1, np.nan, 1, 1]]), 4)
    0.5714
    """
    counts, _ = category_counts(ratings)
    pairable = counts.sum(axis=1)
    counts, pairable = counts[pairable >= 2].astype(float), pairable[pairable >= 2].astype(float)
    if not len(counts):
        return float("nan")
    # Coincidence matrix: each item adds its ordered pairs of values from different annotators, weighted 1/(m-1).
    coincidences = np.einsum("uc,uk->ck", counts / (pairable - 1)[:, None], counts)
    coincidences -= np.diag((counts / (pairable - 1)[:, None]).sum(axis=0))
    marginals = coincidences.sum(axis=1)
    total = marginals.sum()
    disagreement_observed = coincidences.sum() - np.trace(coincidences)
    disagreement_expected = (marginals.sum() ** 2 - (marginals**2).sum()) / (total - 1)
    if disagreement_expected == 0:
        return float("nan")
    return float(1.0 - disagreement_observed / disagreement_expected)


def percent_agreement(ratings) -> float:
    """Share of agreeing pairs of ratings, averaged over items with at least two ratings.

    With two annotators this is the share of items on which they agree.

    Examples
    --------
    >>> percent_agreement([[1, 0, 1, 0], [1, 0, 0, np.nan]])
    0.6666666666666666
    """
    counts, _ = category_counts(ratings)
    pairable = counts.sum(axis=1)
    keep = pairable >= 2
    if not keep.any():
        return float("nan")
    counts, m = counts[keep].astype(float), pairable[keep].astype(float)
    return float((((counts * (counts - 1)).sum(axis=1)) / (m * (m - 1))).mean())


__all__ = ["category_counts", "cohen_kappa", "fleiss_kappa", "krippendorff_alpha", "percent_agreement"]
