"""Models shipped inside the package, by name: ``default`` and ``fast``."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from ..errors import ModelError

# name -> directory under toolkit/data; `make model` and `make model-fast` rebuild them.
SHIPPED_MODELS = {
    "default": "default_model",
    "fast": "fast_model",
}


def shipped_model_path(name: str = "default") -> Path:
    """The packaged directory of the shipped model called *name*."""
    if name not in SHIPPED_MODELS:
        raise ModelError(f"'{name}' is not a shipped model; the shipped models are: {', '.join(SHIPPED_MODELS)}")
    return Path(str(resources.files("toolkit") / "data" / SHIPPED_MODELS[name]))


def resolve_model_path(model: str | os.PathLike | None) -> Path:
    """The directory meant by *model*: a path, a shipped model's name, or None for the default.

    A path that exists wins over a name, so a directory called ``fast`` in
    the working directory is loaded as that directory.

    >>> resolve_model_path("fast").name
    'fast_model'
    """
    if model is None:
        return shipped_model_path("default")
    path = Path(model)
    if path.exists():
        return path
    if str(model) in SHIPPED_MODELS:
        return shipped_model_path(str(model))
    raise ModelError(f"model '{model}' not found: it is neither a directory nor a shipped model name; "
                     f"pass a directory written by 'barriers train' or one of: {', '.join(SHIPPED_MODELS)}")
