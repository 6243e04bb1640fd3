"""barrier-toolkit: find barriers to emotional openness in journals and chats.

A research aid, not a diagnostic tool. The public API returns data and never
prints; the ``barriers`` command line is a thin shell over it.
"""

import sys
import types
from importlib import import_module

from ._version import __version__

# The public API is loaded on first use, so that `import toolkit` (and with it the `barriers` command
# line, whose --help and tab completion must answer at once) does not pull in scikit-learn and pandas.
_EXPORTS = {
    "adapt": "adapt", "classify": "classify", "evaluate": "evaluate", "Explanation": "explain",
    "explain": "explain", "load_model": "models", "estimate_prevalence": "prevalence",
    "summarize": "summarize", "load_taxonomy": "taxonomy", "train": "train",
}

__all__ = ["Explanation", "__version__", "adapt", "classify", "estimate_prevalence", "evaluate", "explain",
           "load_model", "load_taxonomy", "summarize", "train"]


def _export(name: str, module: str) -> property:
    def get(self):
        return getattr(import_module(f".{module}", __name__), name)

    def bind(self, value):
        # Importing the submodule toolkit.classify binds it here; the function keeps the name, as it
        # did when this file imported everything eagerly.
        pass

    return property(get, bind)


class _API(types.ModuleType):
    def __dir__(self):
        return sorted(set(super().__dir__()) | set(__all__))


for _name, _module in _EXPORTS.items():
    setattr(_API, _name, _export(_name, _module))

sys.modules[__name__].__class__ = _API
