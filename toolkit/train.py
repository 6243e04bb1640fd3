"""Training a model from labelled data."""

from __future__ import annotations

import os

import pandas as pd

from .evidence import EVIDENCE_COLUMN, evidence_matrix
from .labelled import load_labelled
from .models import BarrierModel, make_model
from .taxonomy import Taxonomy, load_taxonomy


def train(data: str | os.PathLike | pd.DataFrame, *, dev: str | os.PathLike | pd.DataFrame | None = None,
          model_type: str = "linear", taxonomy: Taxonomy | str | os.PathLike | None = None,
          text_column: str = "text", fmt: str | None = None, encoding: str = "utf-8", calibration: str = "platt",
          **params) -> BarrierModel:
    """Train a model on a labelled file (codebook format) and return it, fitted.

    Thresholds are tuned on *dev* when given, otherwise on out-of-fold scores
    of *data*; *calibration* (``"platt"`` or ``"none"``) maps scores to
    calibrated probabilities on the same data. Model types that learn from
    evidence spans (``sentence_linear``) read the ``evidence`` column of
    *data* when it has one (format in :mod:`toolkit.evidence`). Save the
    result with ``model.save(directory)``.
    """
    if not isinstance(taxonomy, Taxonomy):
        taxonomy = load_taxonomy(taxonomy)
    train_data = load_labelled(data, taxonomy, text_column=text_column, fmt=fmt, encoding=encoding)
    model = make_model(model_type, taxonomy=taxonomy, **params)
    dev_kwargs = {}
    if dev is not None:
        dev_data = load_labelled(dev, taxonomy, text_column=text_column, fmt=fmt, encoding=encoding)
        dev_kwargs = {"dev_texts": dev_data.texts, "dev_y": dev_data.y}
    evidence = None
    if getattr(model, "uses_evidence", False) and EVIDENCE_COLUMN in train_data.frame.columns:
        evidence = evidence_matrix(train_data.frame, taxonomy.ids)
    model.fit(train_data.texts, train_data.y, data_fingerprint=train_data.fingerprint,
              data_source=os.path.basename(train_data.source), calibration=calibration, evidence=evidence,
              **dev_kwargs)
    if dev is not None:
        model.card_["dev_data"] = {"fingerprint": dev_data.fingerprint, "source": os.path.basename(dev_data.source),
                                   "rows": len(dev_data.texts)}
    return model
