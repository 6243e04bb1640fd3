"""Model types behind one interface, their registry, and loading of model directories."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from ..errors import ModelError
from ..logs import log_event
from .base import BarrierModel, load_directory, load_payload, tune_thresholds

# Importing the built-in model types registers them (each module's @register_model_type).
from .ensemble import EnsembleModel
from .lexicon import LexiconModel
from .linear import LinearModel
from .registry import ENTRY_POINT_GROUP, MODEL_TYPES, model_class, model_types, register_model_type
from .semantic import SemanticModel
from .sentence_linear import SentenceLinearModel
from .shipped import SHIPPED_MODELS, resolve_model_path, shipped_model_path
from .transformer import TransformerModel


def default_model_path() -> Path:
    return shipped_model_path("default")


def make_model(model_type: str = "linear", taxonomy=None, **params) -> BarrierModel:
    """A new, unfitted model of *model_type*, its *params* checked (InputError names a bad one)."""
    cls = model_class(model_type)
    return cls(taxonomy=taxonomy, **cls.check_params(params))


def load_model(path: str | os.PathLike | None = None) -> BarrierModel:
    """Load a model directory safely: a path, a shipped model's name (``default``, ``fast``), or None for
    the default."""
    name = "default" if path is None else str(path)
    shipped = path is None or (name in SHIPPED_MODELS and not Path(name).exists())
    path = resolve_model_path(path)
    try:
        model = load_directory(path, model_types())
    except (KeyError, TypeError, AttributeError) as exc:
        raise ModelError(f"model card in '{path}' is incomplete ({exc!r} is missing or malformed); "
                         "retrain the model") from None
    log_event(logging.getLogger(__name__), logging.INFO, "model loaded",
              path=f"<shipped {name}>" if shipped else str(path),
              model_id=model.model_id, model_type=model.model_type, checksums="verified")
    return model


def model_from_payload(payload: dict) -> BarrierModel:
    """Rebuild a model from :meth:`BarrierModel.to_payload` (in a worker process)."""
    return load_payload(payload, model_types())


__all__ = ["BarrierModel", "ENTRY_POINT_GROUP", "EnsembleModel", "LexiconModel", "LinearModel", "MODEL_TYPES",
           "SHIPPED_MODELS", "SemanticModel", "SentenceLinearModel", "TransformerModel", "default_model_path",
           "load_model", "make_model", "model_class", "model_from_payload", "model_types", "register_model_type",
           "resolve_model_path",
           "shipped_model_path", "tune_thresholds"]
