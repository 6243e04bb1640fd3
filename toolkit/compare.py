"""Comparing model variants: k-fold cross-validation on training data, and scoring on evaluation files."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.model_selection import KFold

from .errors import InputError
from .evidence import EVIDENCE_COLUMN, evidence_matrix
from .figures import label_figures
from .labelled import LabelledData, load_labelled
from .models import BarrierModel, load_model, make_model, model_types
from .progress import ProgressCallback, Steps
from .taxonomy import Taxonomy, load_taxonomy
from .training import train

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


def result_columns(labels) -> list[str]:
    """The columns of :func:`compare`'s table, in order."""
    return ["model", "evaluation", "texts", "micro_f1", "macro3", "macro_f1", "macro_f1_std",
            *[f"f1_{label}" for label in labels], *[f"annotated_{label}" for label in labels],
            *[f"flagged_{label}" for label in labels], "texts_per_s", "size_mb"]


def _row(name: str, evaluation: str, labels, y, predicted, seconds: float, size: int) -> dict:
    figures = label_figures(y, predicted, labels)
    per_label = figures["labels"]
    return {"model": name, "evaluation": evaluation, "texts": figures["texts"], "micro_f1": figures["micro_f1"],
            "macro3": figures["macro3"], "macro_f1": figures["macro_f1"], "macro_f1_std": float("nan"),
            **{f"f1_{label}": per_label[label]["f1"] for label in labels},
            **{f"annotated_{label}": per_label[label]["annotated"] for label in labels},
            **{f"flagged_{label}": per_label[label]["flagged"] for label in labels},
            "texts_per_s": figures["texts"] / seconds if seconds > 0 else float("nan"), "size_mb": size / 1e6}


def _timed_predict(model: BarrierModel, texts: list[str]) -> tuple[np.ndarray, float]:
    start = time.perf_counter()
    predicted = model.predict(texts)
    return predicted, time.perf_counter() - start


def parse_variant(spec: str) -> tuple[str, str]:
    """``NAME=TYPE`` or ``TYPE`` as ``(name, type)``.

    >>> parse_variant("fast=linear"), parse_variant("linear")
    (('fast', 'linear'), ('linear', 'linear'))
    """
    name, sep, model_type = spec.partition("=")
    name, model_type = name.strip(), model_type.strip()
    if not sep:
        name = model_type = spec.strip()
    if not name or model_type not in model_types():
        raise InputError(f"model type '{model_type or spec}' is unknown; expected one of: "
                         f"{', '.join(sorted(model_types()))} "
                         "(optionally named: NAME=TYPE, e.g. unigrams=linear)")
    return name, model_type


def cross_validate(data: LabelledData, model_type: str, *, folds: int = 5, seed: int = 0, taxonomy: Taxonomy,
                   params: dict | None = None, name: str | None = None, step=None) -> pd.DataFrame:
    """Per-fold figures of *model_type* on *data* (columns of :func:`result_columns`).

    In each fold the model is trained on the other folds minus a random 20%
    share, which tunes its thresholds, and scored on the held-out fold; every
    model type is treated the same way, so their figures are comparable.
    *step*, when given, is called once per finished fold.
    """
    rows = []
    texts = np.asarray(data.texts, dtype=object)
    # Models that learn from evidence spans get them in every fold, as `train` gives them the column.
    spans = evidence_matrix(data.frame, taxonomy.ids) if EVIDENCE_COLUMN in data.frame.columns else None
    rng = np.random.default_rng(seed)
    size = None
    for fold, (train_idx, test_idx) in enumerate(KFold(n_splits=folds, shuffle=True, random_state=seed).split(texts)):
        shuffled = rng.permutation(train_idx)
        n_tune = max(int(len(shuffled) * TUNING_SHARE), 1)
        tune_idx, fit_idx = shuffled[:n_tune], shuffled[n_tune:]
        model = make_model(model_type, taxonomy=taxonomy, **(params or {}))
        evidence = [spans[i] for i in fit_idx] if spans is not None and model.supports("evidence") else None
        model.fit(list(texts[fit_idx]), data.y[fit_idx], dev_texts=list(texts[tune_idx]), dev_y=data.y[tune_idx],
                  evidence=evidence)
        model.set_provenance(training_data={"fingerprint": data.fingerprint})
        predicted, seconds = _timed_predict(model, list(texts[test_idx]))
        size = model_size_bytes(model) if size is None else size
        rows.append({"fold": fold, **_row(name or model_type, f"fold {fold}", taxonomy.ids, data.y[test_idx], predicted,
                                          seconds, size)})
        if step is not None:
            step()
    return pd.DataFrame(rows)


def _cv_summary(per_fold: pd.DataFrame, labels, folds: int) -> dict:
    """One row for the folds: mean figures, summed texts and counts, texts/s over all folds."""
    counted = ["texts", *[f"annotated_{label}" for label in labels], *[f"flagged_{label}" for label in labels]]
    averaged = ["micro_f1", "macro3", "macro_f1", *[f"f1_{label}" for label in labels], "size_mb"]
    seconds = float((per_fold["texts"] / per_fold["texts_per_s"]).sum())
    return {"model": per_fold["model"].iloc[0], "evaluation": f"{folds}-fold CV",
            **{c: int(per_fold[c].sum()) for c in counted}, **{c: float(per_fold[c].mean()) for c in averaged},
            "macro_f1_std": float(per_fold["macro_f1"].std(ddof=1)),
            "texts_per_s": float(per_fold["texts"].sum() / seconds) if seconds > 0 else float("nan")}


def _evaluation_sets(eval_files, taxonomy: Taxonomy, text_column: str) -> list[tuple[str, LabelledData]]:
    if eval_files is None:
        return []
    named = eval_files.items() if isinstance(eval_files, dict) else [(Path(path).stem, path) for path in eval_files]
    names = [str(name) for name, _ in named]
    duplicated = sorted({name for name in names if names.count(name) > 1})
    if duplicated:
        raise InputError(f"two evaluation files share the name '{duplicated[0]}' (a file's name is its stem); "
                         "rename one of them")
    return [(str(name),
             source if isinstance(source, LabelledData) else load_labelled(source, taxonomy, text_column=text_column))
            for name, source in named]


def compare(data: str | os.PathLike | pd.DataFrame | LabelledData, *, model_types: list[str] | None = None,
            models: list[str | os.PathLike] | None = None, folds: int | None = 5, seed: int = 0,
            taxonomy: Taxonomy | str | os.PathLike | None = None, params: dict[str, dict] | None = None,
            text_column: str = "text", eval_files: list | dict | None = None,
            dev: str | os.PathLike | pd.DataFrame | None = None,
            progress: ProgressCallback | None = None) -> pd.DataFrame:
    """A table comparing model variants, one row per variant and evaluation.

    Each of *model_types* (``TYPE`` or ``NAME=TYPE``, hyper-parameters in
    ``params[NAME]``) is cross-validated on *data* with *folds* folds (row
    ``"{folds}-fold CV"``: mean over folds, with the standard deviation of
    macro-F1; ``folds=None`` skips it). With *eval_files*, each variant is
    then trained on all of *data* (thresholds and calibration tuned on
    *dev*, else on out-of-fold scores) and scored on every file, one row
    per file named by its stem (or by the key when *eval_files* is a dict).
    *models* (fitted model directories or shipped names such as ``fast``)
    are scored on *data* (row ``held-out``) and on every evaluation file.

    Columns (:func:`result_columns`): texts scored, micro-F1, macro3 (mean
    F1 of fear_of_rejection, past_experiences and self_doubt), macro-F1 (and
    its standard deviation over folds), F1 per label, texts annotated and
    texts flagged per label, texts per second of ``predict`` (model alone,
    wall clock) and size on disk in MB (shipped embeddings it reads included).

    *progress* (``progress(done, total)``, :mod:`toolkit.progress`) counts
    models fitted or loaded: one per fold, per variant trained on all of
    *data*, and per model in *models*.

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
    if folds is not None and folds < 2:
        raise InputError(f"folds must be at least 2; got {folds}")
    variants = [parse_variant(spec) for spec in model_types or []]
    names = [name for name, _ in variants]
    if len(set(names)) < len(names):
        raise InputError(f"variant names must differ; got {', '.join(names)}. Name variants of one type NAME=TYPE, "
                         "e.g. linear,unigrams=linear")
    unknown = sorted(set(params or {}) - set(names))
    if unknown:
        raise InputError(f"--param names '{unknown[0]}', which is not among the variants "
                         f"({', '.join(names) or 'none'})")
    if folds is None and variants and not eval_files:
        raise InputError("with cross-validation off, give evaluation files (--eval-file) to score the variants on")
    if not isinstance(taxonomy, Taxonomy):
        taxonomy = load_taxonomy(taxonomy)
    if not isinstance(data, LabelledData):
        data = load_labelled(data, taxonomy, text_column=text_column)
    evaluations = _evaluation_sets(eval_files, taxonomy, text_column)
    dev_data = load_labelled(dev, taxonomy, text_column=text_column) if dev is not None else None
    labels = taxonomy.ids
    steps = Steps(progress, total=len(variants) * ((folds or 0) + (1 if evaluations else 0)) + len(models or []))
    rows = []
    for name, model_type in variants:
        variant_params = (params or {}).get(name) or {}
        if folds is not None:
            per_fold = cross_validate(data, model_type, folds=folds, seed=seed, taxonomy=taxonomy,
                                      params=variant_params, name=name, step=steps)
            rows.append(_cv_summary(per_fold, labels, folds))
        if evaluations:
            model = train(data.frame, dev=None if dev_data is None else dev_data.frame, model_type=model_type,
                          taxonomy=taxonomy, text_column=text_column, **variant_params)
            rows += _scored(model, name, evaluations, labels)
            steps()
    for path in models or []:
        model = load_model(path)
        model.check_taxonomy(taxonomy)
        rows += _scored(model, str(path), [("held-out", data), *evaluations], labels)
        steps()
    steps.finish()
    return pd.DataFrame(rows, columns=result_columns(labels))


def _scored(model: BarrierModel, name: str, evaluations: list[tuple[str, LabelledData]], labels) -> list[dict]:
    size = model_size_bytes(model)
    rows = []
    for evaluation, data in evaluations:
        model.check_taxonomy(data.taxonomy)
        predicted, seconds = _timed_predict(model, data.texts)
        rows.append(_row(name, evaluation, labels, data.y, predicted, seconds, size))
    return rows
