"""Comparing model types by k-fold cross-validation, and fitted models on held-out data."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.model_selection import KFold

from .errors import InputError
from .evaluate import summary_metrics
from .labelled import LabelledData, load_labelled
from .metrics import confusion_counts, f1_from_counts
from .models import BarrierModel, load_model, make_model, model_class
from .progress import ProgressCallback, Steps
from .taxonomy import Taxonomy, load_taxonomy

TUNING_SHARE = 0.2


def _directory_bytes(paths) -> int:
    total = 0
    for path in paths:
        path = Path(path)
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        total += sum(p.stat().st_size for p in files)
    return total


def model_size_bytes(model: BarrierModel) -> int:
    """Bytes of the saved model directory plus any shipped files it reads (e.g. embeddings)."""
    with tempfile.TemporaryDirectory() as tmp:
        model.save(Path(tmp) / "model")
        return _directory_bytes([Path(tmp) / "model", *model.resource_paths()])


def _row(name: str, labels, y, scores, thresholds, seconds_per_text, size) -> dict:
    predicted = scores >= thresholds
    metrics = summary_metrics(y, predicted)
    per_label = f1_from_counts(*confusion_counts(y, predicted))
    return {"model": name, "macro_f1": metrics["macro_f1"], "micro_f1": metrics["micro_f1"],
            **{f"f1_{label}": float(v) for label, v in zip(labels, per_label)},
            "ms_per_1k_texts": seconds_per_text * 1e6, "size_mb": size / 1e6}


def _timed_scores(model: BarrierModel, texts: list[str]) -> tuple[np.ndarray, float]:
    start = time.perf_counter()
    scores = model.predict_proba(texts)
    return scores, (time.perf_counter() - start) / max(len(texts), 1)


def cross_validate(data: LabelledData, model_type: str, *, folds: int = 5, seed: int = 0, taxonomy: Taxonomy,
                   params: dict | None = None, progress: ProgressCallback | None = None) -> pd.DataFrame:
    """Per-fold metrics of *model_type* on *data*.

    In each fold the model is trained on the other folds minus a random 20%
    share, which tunes its thresholds, and scored on the held-out fold; every
    model type is treated the same way, so their figures are comparable.
    *progress* is called as ``progress(folds_done, folds)``.
    """
    return _cross_validate(data, model_type, folds=folds, seed=seed, taxonomy=taxonomy, params=params,
                           step=Steps(progress, folds))


def _cross_validate(data: LabelledData, model_type: str, *, folds: int, seed: int, taxonomy: Taxonomy,
                    params: dict | None, step: Steps) -> pd.DataFrame:
    rows = []
    texts = np.asarray(data.texts, dtype=object)
    rng = np.random.default_rng(seed)
    for fold, (train_idx, test_idx) in enumerate(KFold(n_splits=folds, shuffle=True, random_state=seed).split(texts)):
        shuffled = rng.permutation(train_idx)
        n_tune = max(int(len(shuffled) * TUNING_SHARE), 1)
        tune_idx, fit_idx = shuffled[:n_tune], shuffled[n_tune:]
        model = make_model(model_type, taxonomy=taxonomy, **(params or {}))
        model.fit(list(texts[fit_idx]), data.y[fit_idx], dev_texts=list(texts[tune_idx]), dev_y=data.y[tune_idx])
        model.set_provenance(training_data={"fingerprint": data.fingerprint})
        scores, seconds = _timed_scores(model, list(texts[test_idx]))
        size = model_size_bytes(model) if fold == 0 else rows[0]["size_mb"] * 1e6
        rows.append({"fold": fold, **_row(model_type, taxonomy.ids, data.y[test_idx], scores, model.thresholds_, seconds, size)})
        step()
    return pd.DataFrame(rows)


def compare(data: str | os.PathLike | pd.DataFrame | LabelledData, *, model_types: list[str] | None = None,
            models: list[str | os.PathLike] | None = None, folds: int = 5, seed: int = 0,
            taxonomy: Taxonomy | str | os.PathLike | None = None, params: dict[str, dict] | None = None,
            text_column: str = "text", progress: ProgressCallback | None = None) -> pd.DataFrame:
    """A table comparing models on labelled *data*, one row per model.

    With *model_types*, each type is trained and scored by *folds*-fold
    cross-validation on *data* (mean over folds, with the standard deviation
    of macro-F1). With *models* (directories of fitted models), each is scored
    on *data* as held-out data, e.g. a base model before and after adapting it.
    *progress* is called as ``progress(done, total)`` after each fold and model.
    Columns: macro/micro-F1, F1 per label, milliseconds per 1,000 texts and
    size on disk in MB (including shipped embeddings the model reads).

    Examples
    --------
    >>> import pandas as pd
    >>> sample = pd.read_csv("datasets/barriers/dev.csv", keep_default_na=False).head(300)
    >>> table = compare(sample, model_types=["lexicon", "linear"], folds=2)
    >>> table["model"].tolist(), bool((table["macro_f1"] > 0).all())
    (['lexicon', 'linear'], True)
    """
    if not model_types and not models:
        raise InputError("nothing to compare: give model types (--model-types) or model directories (--models)")
    if folds < 2:
        raise InputError(f"folds must be at least 2; got {folds}")
    if not isinstance(taxonomy, Taxonomy):
        taxonomy = load_taxonomy(taxonomy)
    if not isinstance(data, LabelledData):
        data = load_labelled(data, taxonomy, text_column=text_column)
    for model_type in model_types or []:
        model_class(model_type)  # unknown types are refused before any training
    rows = []
    step = Steps(progress, len(model_types or []) * folds + len(models or []))
    for model_type in model_types or []:
        per_fold = _cross_validate(data, model_type, folds=folds, seed=seed, taxonomy=taxonomy,
                                   params=(params or {}).get(model_type), step=step)
        summary = per_fold.drop(columns=["fold", "model"]).mean().to_dict()
        rows.append({"model": model_type, "evaluation": f"{folds}-fold CV", **summary,
                     "macro_f1_std": float(per_fold["macro_f1"].std(ddof=1))})
    for path in models or []:
        model = load_model(path)
        model.check_taxonomy(taxonomy)
        scores, seconds = _timed_scores(model, data.texts)
        row = _row(str(path), taxonomy.ids, data.y, scores, model.thresholds_, seconds, model_size_bytes(model))
        rows.append({**row, "evaluation": "held-out", "macro_f1_std": float("nan")})
        step()
    columns = ["model", "evaluation", "macro_f1", "macro_f1_std", "micro_f1", *[f"f1_{label}" for label in taxonomy.ids],
               "ms_per_1k_texts", "size_mb"]
    return pd.DataFrame(rows)[columns]
