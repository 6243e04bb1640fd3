"""Training a model from labelled data."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .errors import InputError
from .evidence import EVIDENCE_COLUMN, check_evidence, evidence_matrix
from .labelled import load_labelled
from .models import BarrierModel, make_model
from .progress import ProgressCallback, Steps
from .taxonomy import Taxonomy, load_taxonomy


def parse_weight_rule(rule: str) -> tuple[str, str, float]:
    """``COLUMN=PATTERN:WEIGHT`` as ``(column, pattern, weight)``; PATTERN is a shell-style glob.

    >>> parse_weight_rule("source=authored:natural_*:3")
    ('source', 'authored:natural_*', 3.0)
    """
    column, sep, rest = rule.partition("=")
    pattern, colon, weight = rest.rpartition(":")
    try:
        value = float(weight)
    except ValueError:
        value = float("nan")
    if not sep or not column or not colon or not pattern or not np.isfinite(value) or value <= 0:
        raise InputError(f"weight rule '{rule}' is not COLUMN=PATTERN:WEIGHT with a positive WEIGHT, "
                         "e.g. source=authored:natural_*:3")
    return column, pattern, value


def row_weights(frame: pd.DataFrame, rules: Sequence[str], source: str = "<data>") -> np.ndarray | None:
    """Per-row training weights from *rules*: a row takes the weight of the last rule whose glob matches it, else 1."""
    if not rules:
        return None
    weights = np.ones(len(frame))
    for rule in rules:
        column, pattern, value = parse_weight_rule(rule)
        if column not in frame.columns:
            raise InputError(f"weight rule '{rule}' names column '{column}', which '{source}' does not have; "
                             f"its columns are: {', '.join(map(str, frame.columns))}")
        matched = np.array([fnmatch.fnmatchcase(str(v), pattern) for v in frame[column].tolist()])
        if not matched.any():
            raise InputError(f"weight rule '{rule}' matches no row of '{source}'; check the pattern")
        weights[matched] = value
    return weights


def train(data: str | os.PathLike | pd.DataFrame, *, dev: str | os.PathLike | pd.DataFrame | None = None,
          model_type: str = "linear", taxonomy: Taxonomy | str | os.PathLike | None = None,
          text_column: str = "text", fmt: str | None = None, encoding: str = "utf-8", calibration: str = "platt",
          weight_rules: Sequence[str] = (), progress: ProgressCallback | None = None, **params) -> BarrierModel:
    """Train a model on a labelled file (codebook format) and return it, fitted.

    Thresholds are tuned on *dev* when given, otherwise on out-of-fold scores
    of *data*; *calibration* (``"platt"`` or ``"none"``) maps scores to
    calibrated probabilities on the same data. Model types that learn from
    evidence spans (``sentence_linear``) read the ``evidence`` column of
    *data* when it has one (format in :mod:`toolkit.evidence`). *weight_rules*
    are rules ``COLUMN=PATTERN:WEIGHT`` (see :func:`row_weights`) that
    weight training rows, e.g. ``source=authored:natural_*:3`` to favour the
    slices written at realistic label rates; they are recorded in the card.
    Save the result with ``model.save(directory)``. *progress* is called as
    ``progress(steps_done, 3)`` after reading the data, fitting and recording.
    """
    step = Steps(progress, 3)
    if not isinstance(taxonomy, Taxonomy):
        taxonomy = load_taxonomy(taxonomy)
    train_data = load_labelled(data, taxonomy, text_column=text_column, fmt=fmt, encoding=encoding)
    model = make_model(model_type, taxonomy=taxonomy, **params)
    dev_kwargs = {}
    if dev is not None:
        dev_data = load_labelled(dev, taxonomy, text_column=text_column, fmt=fmt, encoding=encoding)
        dev_kwargs = {"dev_texts": dev_data.texts, "dev_y": dev_data.y}
    evidence = None
    if model.supports("evidence") and EVIDENCE_COLUMN in train_data.frame.columns:
        check = check_evidence(train_data.frame, train_data.y, taxonomy, text_column=text_column)
        if check.problems:
            raise InputError(f"the evidence column of '{train_data.source}' has problems "
                             f"({'; '.join(check.problems)}); "
                             "fix them (barriers data validate lists them all) or drop the column")
        evidence = evidence_matrix(train_data.frame, taxonomy.ids)
    sample_weight = row_weights(train_data.frame, weight_rules, train_data.source)
    step()
    model.fit(train_data.texts, train_data.y, sample_weight=sample_weight, calibration=calibration, evidence=evidence,
              **dev_kwargs)
    step()
    training_data = {"fingerprint": train_data.fingerprint, "source": os.path.basename(train_data.source)}
    if weight_rules:
        training_data["weights"] = list(weight_rules)
    dev_record = None if dev is None else {"fingerprint": dev_data.fingerprint,
                                           "source": os.path.basename(dev_data.source),
                                           "rows": len(dev_data.texts)}
    model = model.set_provenance(training_data=training_data, dev_data=dev_record)
    step()
    return model
