"""Model types behind one interface, and loading of model directories."""

from __future__ import annotations

import logging
import os
from importlib import resources
from pathlib import Path

from ..errors import InputError, ModelError
from ..logs import log_event
from .base import BarrierModel, load_directory, load_payload, tune_thresholds
from .ensemble import EnsembleModel
from .lexicon import LexiconModel
from .linear import LinearModel
from .params import check_params
from .semantic import SemanticModel
from .sentence_linear import SentenceLinearModel
from .transformer import TransformerModel

MODEL_TYPES: dict[str, type[BarrierModel]] = {"lexicon": LexiconModel, "linear": LinearModel, "semantic": SemanticModel, "ensemble": EnsembleModel,
                                             "sentence_linear": SentenceLinearModel, "transformer": TransformerModel}


def default_model_path() -> Path:
    return Path(str(resources.files("toolkit") / "data" / "default_model"))


def make_model(model_type: str = "linear", taxonomy=None, **params) -> BarrierModel:
    """A new, unfitted model of *model_type*."""
    if model_type not in MODEL_TYPES:
        raise InputError(f"model type '{model_type}' is unknown; expected one of: {', '.join(sorted(MODEL_TYPES))}")
    params = check_params(model_type, MODEL_TYPES[model_type].PARAMS, params)
    return MODEL_TYPES[model_type](taxonomy=taxonomy, **params)


def load_model(path: str | os.PathLike | None = None) -> BarrierModel:
    """Load a model directory safely; the shipped default model when *path* is None."""
    shipped = path is None
    path = default_model_path() if path is None else Path(path)
    try:
        model = load_directory(path, MODEL_TYPES)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ModelError(f"model card in '{path}' is incomplete ({exc!r} is missing or malformed); retrain the model") from None
    log_event(logging.getLogger(__name__), logging.INFO, "model loaded", path="<shipped default>" if shipped else str(path),
              model_id=model.model_id, model_type=model.model_type, checksums="verified")
    return model


def model_from_payload(payload: dict) -> BarrierModel:
    """Rebuild a model from :meth:`BarrierModel.to_payload` (in a worker process)."""
    return load_payload(payload, MODEL_TYPES)


__all__ = ["BarrierModel", "EnsembleModel", "LexiconModel", "LinearModel", "MODEL_TYPES", "SemanticModel", "SentenceLinearModel", "TransformerModel",
           "default_model_path",
           "load_model", "make_model", "model_from_payload", "tune_thresholds"]
