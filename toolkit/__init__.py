"""barrier-toolkit: find barriers to emotional openness in journals and chats.

A research aid, not a diagnostic tool. The public API returns data and never
prints; the ``barriers`` command line is a thin shell over it.

The API functions live in modules named for what they hold, never for a
function, so ``toolkit.classify`` is always the function and
``toolkit.classification`` always the module.
"""

from importlib import import_module

from ._version import __version__

# The public API is loaded on first use, so that `import toolkit` (and with it the `barriers` command
# line, whose --help and tab completion must answer at once) does not pull in scikit-learn and pandas.
_EXPORTS = {
    "adapt": "adaptation", "classify": "classification", "classify_file": "run", "evaluate": "evaluation",
    "Explanation": "explanation", "explain": "explanation", "load_model": "models",
    "estimate_prevalence": "prevalence", "summarize": "summary", "load_taxonomy": "taxonomy", "train": "training",
}

__all__ = ["Explanation", "__version__", "adapt", "classify", "classify_file", "estimate_prevalence", "evaluate",
           "explain", "load_model", "load_taxonomy", "summarize", "train"]


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'toolkit' has no attribute '{name}'")


def __dir__():
    return sorted(set(globals()) | set(__all__))
