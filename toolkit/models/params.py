"""Hyper-parameters each model type declares, checked before any training starts."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..errors import InputError


@dataclass(frozen=True)
class Param:
    """What values one hyper-parameter accepts.

    ``kind`` is ``"int"``, ``"float"``, ``"bool"``, ``"choice"`` or ``"list"``
    (a list, or a comma-separated string); ``low``/``high`` bound numbers
    (``low_open`` excludes ``low`` itself); ``choices`` lists the values of a
    choice; ``nullable`` allows None.
    """

    kind: str
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    choices: tuple = ()
    nullable: bool = False

    def allowed(self) -> str:
        """The allowed values in words, for error messages.

        Examples
        --------
        >>> Param("int", low=1, high=8).allowed()
        'a whole number from 1 to 8'
        >>> Param("float", low=0, low_open=True).allowed()
        'a number greater than 0'
        """
        if self.kind == "bool":
            text = "true or false"
        elif self.kind == "choice":
            text = "one of " + ", ".join("none" if c is None else str(c) for c in self.choices)
        elif self.kind == "list":
            text = "a comma-separated list"
        else:
            noun = "a whole number" if self.kind == "int" else "a number"
            if self.low is not None and self.high is not None:
                text = f"{noun} from {self.low:,} to {self.high:,}"
            elif self.low is not None:
                text = f"{noun} {'greater than' if self.low_open else 'of at least'} {self.low:,}"
            else:
                text = noun
        return text + (" (or none)" if self.nullable and self.kind != "choice" else "")

    def accepts(self, value) -> bool:
        if value is None:
            return self.nullable or (self.kind == "choice" and None in self.choices)
        if self.kind == "bool":
            return isinstance(value, bool)
        if self.kind == "choice":
            return value in self.choices
        if self.kind == "list":
            return isinstance(value, (str, list, tuple))
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return False
        if self.kind == "int" and not isinstance(value, int):
            return False
        if not math.isfinite(value):
            return False
        if self.low is not None and (value < self.low or (self.low_open and value == self.low)):
            return False
        return self.high is None or value <= self.high


def check_params(model_type: str, declared: dict[str, Param], params: dict) -> dict:
    """Return *params* if every one is declared by *model_type* and in its range; else :class:`InputError`.

    Examples
    --------
    >>> check_params("linear", {"n_features": Param("int", low=1, high=2**26)}, {"n_features": 0})
    Traceback (most recent call last):
    ...
    toolkit.errors.InputError: --param n_features=0 is not allowed for a linear model: n_features must be a whole number from 1 to 67,108,864, got 0
    """
    for name, value in params.items():
        if name not in declared:
            raise InputError(f"--param {name} is not a hyper-parameter of a {model_type} model; it takes: "
                             f"{', '.join(declared) or 'none'}")
        spec = declared[name]
        if not spec.accepts(value):
            shown = "none" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
            raise InputError(f"--param {name}={shown} is not allowed for a {model_type} model: {name} must be "
                             f"{spec.allowed()}, got {shown}")
    return {name: float(value) if declared[name].kind == "float" and value is not None else value
            for name, value in params.items()}
