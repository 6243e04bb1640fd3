"""Which model types exist: the built-in ones register with a decorator, other packages through an entry point.

A separate package adds a model type by declaring, in its ``pyproject.toml``::

    [project.entry-points."barrier_toolkit.model_types"]
    my_type = "my_package.models:MyModel"

The entry point names a :class:`~toolkit.models.base.BarrierModel` subclass
(or a module that registers one with :func:`register_model_type` when it is
imported). Entry points are read once, the first time :func:`model_types` is
asked; see docs/extending.md.
"""

from __future__ import annotations

import logging
from importlib.metadata import entry_points

from ..errors import InputError
from ..logs import log_event
from .base import BarrierModel

ENTRY_POINT_GROUP = "barrier_toolkit.model_types"

# Model type name -> class; the built-in types are added as their modules are imported.
MODEL_TYPES: dict[str, type[BarrierModel]] = {}
_plugins = {"loaded": False}
logger = logging.getLogger(__name__)


def register_model_type(cls: type[BarrierModel]) -> type[BarrierModel]:
    """Class decorator: make *cls* available under its ``model_type`` name.

    Registering the same class twice is harmless; a second class under a
    taken name is refused (a :class:`ValueError`: a programming error).

    Examples
    --------
    >>> @register_model_type
    ... class EchoModel(BarrierModel):
    ...     model_type = "echo_example"
    >>> MODEL_TYPES["echo_example"] is EchoModel
    True
    >>> del MODEL_TYPES["echo_example"]
    """
    if not (isinstance(cls, type) and issubclass(cls, BarrierModel)):
        raise TypeError(f"only subclasses of BarrierModel can be registered as model types; got {cls!r}")
    name = cls.model_type
    if not isinstance(name, str) or not name.isidentifier() or name == BarrierModel.model_type:
        raise ValueError(f"{cls.__name__}.model_type must be a name of its own (letters, digits, _); got {name!r}")
    taken = MODEL_TYPES.get(name)
    if taken is not None and taken is not cls:
        raise ValueError(f"model type '{name}' is already registered by {taken.__module__}.{taken.__name__}; "
                         f"give {cls.__module__}.{cls.__name__} another model_type")
    MODEL_TYPES[name] = cls
    return cls


def load_plugins(*, reload: bool = False) -> None:
    """Register the model types other installed packages declare (entry-point group ``barrier_toolkit.model_types``).

    A plug-in that fails to import, or names something that is not a model
    type, is skipped with a warning in the log: one broken package must not
    stop the built-in model types from working.
    """
    if _plugins["loaded"] and not reload:
        return
    _plugins["loaded"] = True
    for point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded = point.load()
            if isinstance(loaded, type):
                register_model_type(loaded)
        except Exception as exc:  # a third-party package: any failure means "skip it", never "stop"
            log_event(logger, logging.WARNING, "model type plug-in skipped",
                      entry_point=f"{point.name} = {point.value}",
                      reason=f"{type(exc).__name__}: {exc}")


def model_types() -> dict[str, type[BarrierModel]]:
    """The registered model types by name, plug-ins included."""
    load_plugins()
    return MODEL_TYPES


def model_class(name: str) -> type[BarrierModel]:
    """The class registered as *name*; :class:`InputError` naming the known types otherwise."""
    known = model_types()
    if name not in known:
        raise InputError(f"model type '{name}' is unknown; expected one of: {', '.join(sorted(known))}")
    return known[name]
