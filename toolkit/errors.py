"""Exceptions raised by the toolkit.

Every message says what was expected, what arrived and how to fix it, so the
CLI can print it as a one-line error without a traceback.
"""

from __future__ import annotations


class ToolkitError(Exception):
    """Base class for errors the toolkit reports to its users."""

    exit_code = 2


class InputError(ToolkitError):
    """An input file, column or value is not what the toolkit expected."""


class TaxonomyError(ToolkitError):
    """A taxonomy file is invalid, or a model and a taxonomy do not match."""


class ModelError(ToolkitError):
    """A model directory is missing, corrupt, unsafe or incompatible."""


class MissingExtraError(ToolkitError):
    """An optional dependency is needed but not installed."""

    def __init__(self, package: str, extra: str, feature: str):
        super().__init__(
            f"{feature} needs the optional package '{package}', which is not installed; "
            f"install it with: pip install 'barrier-toolkit[{extra}]'"
        )
        self.package = package
        self.extra = extra
        self.feature = feature

    def __reduce__(self):
        # Rebuilt from its three arguments when it crosses from a worker process.
        return type(self), (self.package, self.extra, self.feature)
