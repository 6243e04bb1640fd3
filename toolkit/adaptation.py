"""Adapting a fitted model to a researcher's own labelled data.

A model card records fingerprints of its training data, not the data, so
adaptation needs the base model's training data back (``base_data``; for the
shipped model, the copy of ``datasets/barriers/train.csv`` inside the package,
so adaptation works from a wheel install too). The adapted model is refitted on the union of the old and
the new data, the old rows down-weighted, with the base model's type and
hyper-parameters; thresholds are tuned on the new data (out-of-fold, or on a
dev file). When the new data use another taxonomy the model is refitted on the
new data alone. With ``scope="calibration"`` the base model's weights are kept
and only its score calibration and thresholds are refitted, on the base
model's scores of the new texts (which it never saw). With
``scope="fine-tune"`` (linear models) the base weights are corrected on the
new texts alone, an L2-penalised correction on top of the base model's logit.
Either way the card's ``provenance`` list grows by one step, so a chain of
adaptations stays traceable.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import lzma
import os
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import InputError
from .labelled import LabelledData, fingerprint_labelled, load_labelled
from .models import SHIPPED_MODELS, BarrierModel, default_model_path, load_model, resolve_model_path, shipped_model_path
from .persist import read_card
from .taxonomy import Taxonomy, load_taxonomy

# The shipped model's training split, xz-compressed (scripts/package_training_split.py writes it).
BUNDLED_BASE_DATA = Path(__file__).resolve().parent / "data" / "base_training" / "train.csv.xz"
THRESHOLD_FOLDS = 3
# Chosen by 3-fold cross-validation inside datasets/shift/train.csv (0.1, 0.3, 1.0 tried; the held-out part
# untouched): with ~100 new rows beside the 3,017 of the shipped model, 0.3 did best.
DEFAULT_BASE_WEIGHT = 0.3
# What adaptation refits: the whole model on the weighted union, or only the calibration and thresholds.
SCOPES = ("model", "calibration", "fine-tune")
# Strength of the fine-tuning correction (inverse L2 penalty) and the folds its thresholds are tuned over.
FINE_TUNE_C = 1.0
FINE_TUNE_FOLDS = 5


def _provenance_of(model: BarrierModel) -> list[dict]:
    card = model.card_
    if card.get("provenance"):
        return list(card["provenance"])
    return [{"step": "train", "model_id": model.model_id, "model_type": model.model_type,
             "created": card.get("created"),
             "taxonomy_fingerprint": card.get("taxonomy", {}).get("fingerprint"),
             "training_data": {k: card.get("training_data", {}).get(k) for k in ("fingerprint", "source", "rows")},
             "dev_data": card.get("dev_data")}]


def _part(data: LabelledData, weight: float) -> dict:
    return {"source": os.path.basename(data.source), "fingerprint": data.fingerprint, "rows": len(data.texts),
            "weight": round(float(weight), 6)}


def _is_default(base) -> bool:
    """Whether *base* is a shipped model (by name or path, or a loaded model with the default's
    training-data fingerprint).

    Every shipped model is trained on the bundled training split, so all of them adapt without --base-data.
    """
    if base is None:
        return True
    if isinstance(base, BarrierModel):
        shipped = read_card(default_model_path()).get("training_data", {}).get("fingerprint")
        training = base.card_.get("training_data", {})
        return (training.get("weights_fingerprint") or training.get("fingerprint")) == shipped
    path = resolve_model_path(base).resolve()
    return any(path == shipped_model_path(name).resolve() for name in SHIPPED_MODELS)


def adapt(data: str | os.PathLike | pd.DataFrame, base: BarrierModel | str | os.PathLike | None = None, *,
          base_data=None, base_weight: float | None = None, dev: str | os.PathLike | pd.DataFrame | None = None,
          taxonomy: Taxonomy | str | os.PathLike | None = None, text_column: str = "text", fmt: str | None = None,
          encoding: str = "utf-8", seed: int = 0, scope: str = "model",
          fine_tune_c: float | None = None) -> BarrierModel:
    """Adapt *base* (default: the shipped model) to the labelled *data*; returns a new fitted model.

    Parameters
    ----------
    data : path or DataFrame
        The researcher's labelled texts (any format :func:`load_labelled` reads).
    base : model, model directory or None
        The model to adapt.
    base_data : path, DataFrame or list of them
        The data *base* was trained on; needed unless the taxonomy changes.
    base_weight : float, optional
        Sample weight of each old row (new rows weigh 1); ``DEFAULT_BASE_WEIGHT`` (0.3) when omitted.
    dev : path or DataFrame, optional
        Labelled new-domain texts to tune thresholds on; otherwise they are
        tuned on out-of-fold scores of *data*.
    taxonomy : Taxonomy or path, optional
        The taxonomy of *data*; the base model's when omitted. A different
        one means the model is refitted on *data* alone.
    scope : {"model", "calibration", "fine-tune"}
        ``"model"`` refits the weights on the union of the base data and
        *data*; ``"calibration"`` keeps the base model's weights and refits
        only the Platt calibration and the thresholds, on the base model's
        scores of *data*; ``"fine-tune"`` corrects the base weights on *data*
        (see :meth:`LinearModel.fine_tuned`), thresholds and calibration tuned
        on out-of-fold scores of *data*. The last two need no base data and
        take no *dev*.
    fine_tune_c : float, optional
        Inverse penalty of the fine-tuning correction (``FINE_TUNE_C`` when omitted).
    """
    if scope not in SCOPES:
        raise InputError(f"adaptation scope '{scope}' is unknown; expected one of: {', '.join(SCOPES)}")
    is_default = _is_default(base)
    base_model = base if isinstance(base, BarrierModel) else load_model(base)
    if taxonomy is not None and not isinstance(taxonomy, Taxonomy):
        taxonomy = load_taxonomy(taxonomy)
    taxonomy = taxonomy or base_model.taxonomy_
    new = load_labelled(data, taxonomy, text_column=text_column, fmt=fmt, encoding=encoding)
    dev_data = load_labelled(dev, taxonomy, text_column=text_column, encoding=encoding) if dev is not None else None
    dev_kwargs = {"dev_texts": dev_data.texts, "dev_y": dev_data.y} if dev_data else {}
    step = {"step": "adapt", "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "base_model": {"model_id": base_model.model_id, "model_type": base_model.model_type,
                           "taxonomy_fingerprint": base_model.taxonomy_.fingerprint,
                           "training_data_fingerprint": base_model.card_.get("training_data", {}).get("fingerprint"),
                           "dev_data_fingerprint": (base_model.card_.get("dev_data") or {}).get("fingerprint")}}
    if scope != "model":
        if taxonomy.fingerprint != base_model.taxonomy_.fingerprint:
            raise InputError(f"--scope {scope} keeps the base model's labels, so DATA must follow its taxonomy "
                             f"({', '.join(base_model.taxonomy_.ids)}); drop --taxonomy or use --scope model")
        if base_data is not None or base_weight is not None:
            raise InputError(f"--scope {scope} starts from the base model's weights, so base data and a base weight "
                             "have no role; drop --base-data and --base-weight or use --scope model")
        if dev_data is not None:
            raise InputError(f"--scope {scope} tunes the calibration and thresholds on DATA itself; drop --dev "
                             "(or use --scope model, which tunes them on --dev)")
        if scope == "calibration":
            model = _recalibrated(base_model, new)
            method = "kept the base model's weights; refitted the calibration and thresholds on the new data"
        else:
            if not base_model.supports("fine_tune"):
                raise InputError(f"--scope fine-tune needs a base model that can be fine-tuned (a `linear` model "
                                 f"without a gate, such as --base fast); got '{base_model.model_id}' "
                                 f"(type {base_model.model_type}). Use --scope model or --scope calibration, "
                                 "or such a --base")
            c = FINE_TUNE_C if fine_tune_c is None else float(fine_tune_c)
            if c <= 0:
                raise InputError(f"the fine-tuning strength must be above 0, got {fine_tune_c}")
            model = _fine_tuned(base_model, new, c, seed)
            method = (f"corrected the base model's weights on the new data (L2-penalised correction, C={c:g}); "
                      "calibration and thresholds tuned on out-of-fold scores of the new data")
        step.update(method=method, taxonomy_changed=False, data=model.card_["training_data"]["parts"])
    elif taxonomy.fingerprint != base_model.taxonomy_.fingerprint:
        model = type(base_model)(taxonomy=taxonomy, **base_model.hyperparameters())
        model.fit(new.texts, new.y, **dev_kwargs)
        model.set_provenance(training_data={"fingerprint": new.fingerprint, "source": os.path.basename(new.source)})
        step.update(method="refit on the new data alone: its taxonomy differs from the base model's "
                           f"({', '.join(taxonomy.ids)} instead of {', '.join(base_model.taxonomy_.ids)})",
                    taxonomy_changed=True, data=[_part(new, 1.0)])
    else:
        olds = _load_base_data(base_data, base_model, is_default, taxonomy, text_column, encoding)
        n_old = sum(len(d.texts) for d in olds)
        weight = DEFAULT_BASE_WEIGHT if base_weight is None else float(base_weight)
        if weight <= 0:
            raise InputError("--base-weight must be above 0 (it weights each old row; new rows weigh 1), got "
                             f"{base_weight}")
        texts = [t for d in olds for t in d.texts] + new.texts
        y = np.vstack([*(d.y for d in olds), new.y])
        sample_weight = np.concatenate([np.full(n_old, weight), np.ones(len(new.texts))])
        model = base_model.clone()
        tuning = None
        if dev_data is None:
            rows = np.arange(n_old, len(texts))
            scores = model.held_out_scores(texts, y, rows=rows, sample_weight=sample_weight, folds=THRESHOLD_FOLDS,
                                           seed=seed)
            tuning = (scores, new.y, "out-of-fold new data")
        union = fingerprint_labelled(texts, y)
        model.fit(texts, y, sample_weight=sample_weight, tuning_scores=tuning, **dev_kwargs)
        model.set_provenance(training_data={"fingerprint": union,
                                            "source": " + ".join(os.path.basename(d.source) for d in [*olds, new])})
        model.card_["training_data"]["parts"] = [*(_part(d, weight) for d in olds), _part(new, 1.0)]
        recorded_data = base_model.card_.get("training_data", {})
        recorded = recorded_data.get("weights_fingerprint") or recorded_data.get("fingerprint")
        step.update(method="refit on the union of the base data and the new data, the base rows down-weighted",
                    taxonomy_changed=False, data=model.card_["training_data"]["parts"],
                    base_data_matches_card=fingerprint_labelled(
                        [t for d in olds for t in d.texts], np.vstack([d.y for d in olds])) == recorded if olds
                    else None)
    if dev_data is not None:
        model.card_["dev_data"] = {"fingerprint": dev_data.fingerprint, "source": os.path.basename(dev_data.source),
                                   "rows": len(dev_data.texts)}
    step["model_id"] = model.model_id
    model.card_["provenance"] = [*_provenance_of(base_model), step]
    return model


def _recalibrated(base_model: BarrierModel, new: LabelledData) -> BarrierModel:
    """A copy of *base_model* whose calibration and thresholds are fitted on its scores of *new*."""
    model = copy.deepcopy(base_model)
    metrics = model.tune(new.y, base_model.decision_scores(new.texts), tuned_on="new data",
                         calibration=_calibration_of(base_model))
    return _card_on_top(model, base_model, new, metrics, role="calibration and thresholds only",
                        tuned_on="new data", tag="calibration", same_weights=True)


def _fine_tuned(base_model: BarrierModel, new: LabelledData, c: float, seed: int) -> BarrierModel:
    model, scores = base_model.fine_tuned(new.texts, new.y, C=c, folds=FINE_TUNE_FOLDS, seed=seed)
    metrics = model.tune(new.y, scores, tuned_on="out-of-fold new data", calibration=_calibration_of(base_model))
    return _card_on_top(model, base_model, new, metrics, role=f"weight correction (C={c:g}), calibration, thresholds",
                        tuned_on="out-of-fold new data", tag=f"fine-tune:{c:g}", same_weights=False)


def _calibration_of(model: BarrierModel) -> str:
    return "platt" if getattr(model, "calibration_", None) is not None else "none"


def _card_on_top(model: BarrierModel, base_model: BarrierModel, new: LabelledData, metrics: dict, *, role: str,
                 tuned_on: str, tag: str, same_weights: bool) -> BarrierModel:
    """Give *model*, adapted from *base_model* with *new* alone, the base card updated for what changed.

    ``weights_fingerprint`` (kept only when the weights are the base model's)
    names the data the weights were fitted on, so a later ``--scope model``
    adaptation of a recalibrated model knows which base data it needs.
    """
    base_training = dict(base_model.card_.get("training_data", {}))
    weights_from = (base_training.pop("weights_fingerprint", None) or base_training.get("fingerprint")
                    or "untracked-data")
    parts = base_training.pop("parts", None) or [{"source": base_training.get("source"), "fingerprint": weights_from,
                                                  "rows": base_training.get("rows"), "weight": 1.0}]
    # The model id comes from this fingerprint: the adapted model must not share the base model's id.
    combined = hashlib.sha256(f"{base_training.get('fingerprint')}+{tag}:{new.fingerprint}".encode()).hexdigest()
    card = copy.deepcopy(base_model.card_)
    card.pop("provenance", None)
    card.pop("dev_data", None)
    card.update(created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                thresholds=dict(zip(model.taxonomy_.ids, model.thresholds_.round(4).tolist())),
                thresholds_tuned_on=tuned_on, calibration="none" if model.calibration_ is None else "platt",
                metrics=metrics,
                training_data={**base_training, "fingerprint": combined,
                               **({"weights_fingerprint": weights_from} if same_weights else {}),
                               "parts": [*parts, {**_part(new, 1.0), "role": role}]})
    model.card_ = card
    return model


def _load_base_data(base_data, base_model: BarrierModel, is_default: bool, taxonomy: Taxonomy, text_column: str,
                    encoding: str) -> list[LabelledData]:
    if base_data is None and not base_model.card_.get("training_data", {}).get("rows"):
        return []  # an unsupervised model (the untrained lexicon) has no data to bring back
    if base_data is None:
        if is_default and BUNDLED_BASE_DATA.is_file():
            bundled = load_labelled(read_bundled_base_data(), taxonomy)
            # Named as the split it copies, as the shipped model's card names its training data.
            return [dataclasses.replace(bundled, source=BUNDLED_BASE_DATA.name.removesuffix(".xz"))]
        else:
            source = base_model.card_.get("training_data", {}).get("source") or "its training file"
            raise InputError(
                f"adapting model '{base_model.model_id}' needs the data it was trained on ({source}); a model card "
                "keeps only its fingerprint. Pass the file with --base-data FILE (repeat it for a chain of adaptations)"
            )
    if isinstance(base_data, (str, os.PathLike, pd.DataFrame)):
        base_data = [base_data]
    return [load_labelled(d, taxonomy, text_column=text_column, encoding=encoding) for d in base_data]


def read_bundled_base_data(path: str | os.PathLike = BUNDLED_BASE_DATA) -> pd.DataFrame:
    """The shipped model's training split from its compressed copy, read as the toolkit reads a CSV.

    Every value arrives as text, as :func:`toolkit.io.read_table` gives it, so the split's fingerprint
    is the one in the shipped model's card.
    """
    with lzma.open(path, "rt", encoding="utf-8", newline="") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False, na_filter=False)


__all__ = ["BUNDLED_BASE_DATA", "DEFAULT_BASE_WEIGHT", "FINE_TUNE_C", "SCOPES", "adapt", "read_bundled_base_data"]
