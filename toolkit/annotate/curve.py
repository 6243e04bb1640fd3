"""Learning curves: macro-F1 against the number of labelled texts.

Trains a fresh model on growing random subsets of the labelled data and
scores each on held-out texts (a held-out file, or k-fold splits of the
data), repeated over seeded orderings. A curve still rising at its right end
says more labelling is likely to pay off; a flat one says it is not.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.model_selection import KFold

from ..errors import InputError
from ..evaluation import summary_metrics
from ..labelled import LabelledData, load_labelled
from ..models import BarrierModel, load_model, make_model
from ..progress import ProgressCallback, Steps
from ..taxonomy import Taxonomy, load_taxonomy

DEFAULT_SIZES = (25, 50, 100, 200, 400, 800, 1600, 3200)
THRESHOLD_FOLDS = 3
# With tune_thresholds=False every label is cut at 0.5: one fit per point instead of four,
# but small training sets give compressed scores, so F1 is understated there.
FIXED_THRESHOLD = 0.5


@dataclass
class LearningCurve:
    """One row per training-set size; ``reference`` is the macro-F1 of a fixed model on the same texts."""

    points: pd.DataFrame
    runs: pd.DataFrame
    reference: float | None
    reference_model: str | None
    evaluated_on: str
    thresholds: str = "tuned out-of-fold"

    def last_gain(self) -> float | None:
        """Macro-F1 gained between the two largest sizes that have results."""
        done = self.points.dropna(subset=["macro_f1"])
        if len(done) < 2:
            return None
        return float(done["macro_f1"].iloc[-1] - done["macro_f1"].iloc[-2])


def _splits(data: LabelledData, heldout: LabelledData | None, folds: int, repeats: int, seed: int):
    """(training pool indices, test texts, test labels, repeat) for every run."""
    if heldout is not None:
        for repeat in range(repeats):
            yield np.arange(len(data.texts)), heldout.texts, heldout.y, repeat
        return
    if len(data.texts) < 2 * folds:
        raise InputError(f"a learning curve over {folds} folds needs at least {2 * folds} labelled texts, got "
                         f"{len(data.texts)}")
    for fold, (train_idx, test_idx) in enumerate(KFold(folds, shuffle=True, random_state=seed).split(data.texts)):
        yield train_idx, [data.texts[i] for i in test_idx], data.y[test_idx], fold


def learning_curve(data: str | os.PathLike | pd.DataFrame, *, heldout: str | os.PathLike | pd.DataFrame | None = None,
                   sizes=None, repeats: int = 3, folds: int = 5, model_type: str = "linear", params: dict | None = None,
                   reference: BarrierModel | str | os.PathLike | None = None, taxonomy: Taxonomy | str | None = None,
                   tune_thresholds: bool = True, seed: int = 0, text_column: str = "text",
                   fmt: str | None = None, progress: ProgressCallback | None = None) -> LearningCurve:
    """Macro-F1 of models trained on the first *size* texts of seeded random orderings of *data*.

    With *heldout*, every run is scored on it (*repeats* orderings);
    otherwise *data* is split into *folds* folds and each run trains on
    subsets of the other folds. *reference*, when given, is scored on the
    same texts (e.g. the shipped model, to see how much labelling it takes
    to beat it). Each point's thresholds are tuned on out-of-fold scores of
    its own training subset (three folds), as ``fit`` does, unless
    *tune_thresholds* is False (then 0.5). Subsets too small to train on
    (fewer than two positives of a label, or a fold without one) are counted
    as skipped. *progress* is called as ``progress(fits_done, fits)``.

    Examples
    --------
    >>> texts = ["what if he laughs at me", "scared she'll judge me", "she might think less of me",
    ...          "we had pizza", "the bus was late", "nice weather", "lunch was fine", "film was ok"] * 3
    >>> y = [[1], [1], [1], [0], [0], [0], [0], [0]] * 3
    >>> from toolkit.taxonomy import taxonomy_from_dict
    >>> tax = taxonomy_from_dict({"labels": [{"id": "fear", "name": "Fear", "definition": "d"}]})
    >>> frame = pd.DataFrame({"text": texts, "fear": [r[0] for r in y]})
    >>> curve = learning_curve(frame, sizes=[8, 16], folds=3, repeats=1, taxonomy=tax, params={"n_features": 2**10},
    ...                        tune_thresholds=False)
    >>> curve.points["size"].tolist(), curve.points["runs"].tolist(), curve.points["skipped"].tolist()
    ([8, 16], [2, 3], [1, 0])
    """
    if not isinstance(taxonomy, Taxonomy):
        taxonomy = load_taxonomy(taxonomy)
    labelled = load_labelled(data, taxonomy, text_column=text_column, fmt=fmt)
    held = load_labelled(heldout, taxonomy, text_column=text_column) if heldout is not None else None
    if repeats < 1:
        raise InputError(f"repeats must be at least 1, got {repeats}")
    pool_size = (len(labelled.texts) if held is not None
                 else len(labelled.texts) - int(np.ceil(len(labelled.texts) / folds)))
    sizes = sorted({int(s) for s in (sizes or [s for s in DEFAULT_SIZES if s < pool_size] + [pool_size])
                    if 0 < int(s) <= pool_size})
    if not sizes:
        raise InputError(f"no training-set size fits the {pool_size} texts available for training; pass "
                         "smaller --sizes")
    if reference is not None and not isinstance(reference, BarrierModel):
        reference = load_model(reference)
    if reference is not None:
        reference.check_taxonomy(taxonomy)
    make_model(model_type, taxonomy=taxonomy, **(params or {}))  # bad --param values stop here, not as skipped runs
    runs, reference_scores = [], []
    step = Steps(progress, (repeats if held is not None else folds) * len(sizes))
    rng = np.random.default_rng(seed)
    for pool, test_texts, test_y, run in _splits(labelled, held, folds, repeats, seed):
        order = rng.permutation(pool)
        if reference is not None:
            reference_scores.append(summary_metrics(test_y, reference.predict(test_texts))["macro_f1"])
        for size in sizes:
            chosen = order[:size]
            row = {"run": run, "size": size}
            try:
                predicted = _fit_and_predict(make_model(model_type, taxonomy=taxonomy, **(params or {})),
                                             [labelled.texts[i] for i in chosen],
                                             _checked(labelled.y[chosen], taxonomy),
                                             test_texts, tune_thresholds, seed)
            except (InputError, ValueError):  # ValueError: a fold of the subset without a positive
                row.update(macro_f1=np.nan, skipped=True)
            else:
                per_label = [summary_metrics(test_y[:, [j]], predicted[:, [j]])["macro_f1"]
                             for j in range(len(taxonomy.ids))]
                row.update(macro_f1=float(np.mean(per_label)), skipped=False,
                           **{f"f1_{label}": value for label, value in zip(taxonomy.ids, per_label)})
            runs.append(row)
            step()
    runs = pd.DataFrame(runs)
    grouped = runs.groupby("size")
    points = pd.DataFrame({
        "size": sizes,
        "runs": grouped["macro_f1"].count().reindex(sizes).to_numpy(),
        "skipped": grouped["skipped"].sum().reindex(sizes).astype(int).to_numpy(),
        "macro_f1": grouped["macro_f1"].mean().reindex(sizes).to_numpy(),
        "macro_f1_std": grouped["macro_f1"].std(ddof=0).reindex(sizes).to_numpy(),
        "macro_f1_min": grouped["macro_f1"].min().reindex(sizes).to_numpy(),
        "macro_f1_max": grouped["macro_f1"].max().reindex(sizes).to_numpy(),
    })
    for label in taxonomy.ids:
        if f"f1_{label}" in runs.columns:
            points[f"f1_{label}"] = grouped[f"f1_{label}"].mean().reindex(sizes).to_numpy()
    return LearningCurve(points=points, runs=runs,
                         reference=float(np.mean(reference_scores)) if reference_scores else None,
                         reference_model=reference.model_id if reference is not None else None,
                         evaluated_on="held-out file" if held is not None else f"{folds}-fold cross-validation",
                         thresholds="tuned out-of-fold" if tune_thresholds else f"fixed at {FIXED_THRESHOLD}")


def _fit_and_predict(model: BarrierModel, texts, y, test_texts, tune: bool, seed: int) -> np.ndarray:
    if tune:
        scores = model.held_out_scores(texts, y, rows=np.arange(len(texts)), folds=THRESHOLD_FOLDS, seed=seed)
        model.fit(texts, y, tuning_scores=(scores, y, "out-of-fold subset"))
        return model.predict(test_texts).astype(bool)
    return model.fit_scores(texts, y).decision_scores(test_texts) >= FIXED_THRESHOLD


def _checked(y: np.ndarray, taxonomy: Taxonomy) -> np.ndarray:
    positives = y.sum(axis=0)
    if (positives < 2).any() or (positives > len(y) - 2).any():
        raise InputError("too few positives or negatives in this subset")
    return y


__all__ = ["DEFAULT_SIZES", "LearningCurve", "learning_curve"]
