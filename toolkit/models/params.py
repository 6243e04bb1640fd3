"""Hyper-parameter constraints in scikit-learn's ``_parameter_constraints`` style, checked before training.

A model type declares, per ``__init__`` parameter, a list of constraints the
value may satisfy (any one will do; ``None`` in the list allows None), as
scikit-learn estimators do. These are small own equivalents of
``sklearn.utils._param_validation``'s ``Interval`` and ``StrOptions``: that
module is private to scikit-learn, and the toolkit's errors must name the
parameter, the allowed values in words and the value given.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Integral, Real

from ..errors import InputError


@dataclass(frozen=True)
class Interval:
    """Numbers of *type* (``Integral`` or ``Real``) from *left* to *right* (None: unbounded).

    *closed* is ``"both"``, ``"left"``, ``"right"`` or ``"neither"``, as in scikit-learn.

    Examples
    --------
    >>> Interval(Integral, 1, 8).describe()
    'a whole number from 1 to 8'
    >>> Interval(Real, 0, None, closed="neither").describe()
    'a number greater than 0'
    >>> Interval(Real, 0, None, closed="neither").is_satisfied_by(0)
    False
    """

    type: type
    left: float | None
    right: float | None
    closed: str = "both"

    def is_satisfied_by(self, value) -> bool:
        if isinstance(value, bool) or not isinstance(value, self.type) or not math.isfinite(value):
            return False
        if self.left is not None and (value < self.left
                                      or (value == self.left and self.closed in ("right", "neither"))):
            return False
        return self.right is None or value < self.right or (value == self.right and self.closed in ("left", "both"))

    def describe(self) -> str:
        noun = "a whole number" if self.type is Integral else "a number"
        if self.left is not None and self.right is not None:
            return f"{noun} from {self.left:,} to {self.right:,}"
        if self.left is not None:
            return f"{noun} {'of at least' if self.closed in ('left', 'both') else 'greater than'} {self.left:,}"
        return noun

    def coerce(self, value):
        return float(value) if self.type is Real else value


@dataclass(frozen=True)
class Options:
    """One of a fixed tuple of values (in the order they are listed in errors).

    >>> Options(("balanced", None)).describe()
    'one of balanced, none'
    """

    values: tuple

    def is_satisfied_by(self, value) -> bool:
        return value in self.values

    def describe(self) -> str:
        return "one of " + ", ".join("none" if v is None else str(v) for v in self.values)

    def coerce(self, value):
        return value


@dataclass(frozen=True)
class Boolean:
    """True or false (not 0 or 1)."""

    def is_satisfied_by(self, value) -> bool:
        return isinstance(value, bool)

    def describe(self) -> str:
        return "true or false"

    def coerce(self, value):
        return value


@dataclass(frozen=True)
class ListLike:
    """A list or tuple, or a comma-separated string."""

    def is_satisfied_by(self, value) -> bool:
        return isinstance(value, (str, list, tuple))

    def describe(self) -> str:
        return "a comma-separated list"

    def coerce(self, value):
        return value


def _satisfied(constraints: list, value):
    """The first constraint *value* satisfies (``None`` for the None alternative), or False."""
    for constraint in constraints:
        if constraint is None:
            if value is None:
                return None
        elif constraint.is_satisfied_by(value):
            return constraint
    return False


def _allowed(constraints: list) -> str:
    words = [c.describe() for c in constraints if c is not None]
    return " or ".join(words + (["none"] if None in constraints else []))


def _shown(value) -> str:
    return "none" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def check_params(model_type: str, constraints: dict[str, list], params: dict, *, prefix: str = "--param ") -> dict:
    """*params* with numbers coerced to their declared type, if each is declared and allowed; else :class:`InputError`.

    Examples
    --------
    >>> check_params("linear", {"n_features": [Interval(Integral, 1, 2**26)]}, {"n_features": 0})
    Traceback (most recent call last):
    ...
    toolkit.errors.InputError: --param n_features=0 is not allowed for a linear model: n_features must be a whole number from 1 to 67,108,864, got 0
    >>> check_params("linear", {"C": [Interval(Real, 0, None, closed="neither")]}, {"C": 2})
    {'C': 2.0}
    """  # noqa: E501
    checked = {}
    for name, value in params.items():
        if name not in constraints:
            raise InputError(f"{prefix}{name} is not a hyper-parameter of a {model_type} model; it takes: "
                             f"{', '.join(constraints) or 'none'}")
        match = _satisfied(constraints[name], value)
        if match is False:
            shown = _shown(value)
            raise InputError(f"{prefix}{name}={shown} is not allowed for a {model_type} model: {name} must be "
                             f"{_allowed(constraints[name])}, got {shown}")
        checked[name] = value if match is None else match.coerce(value)
    return checked
