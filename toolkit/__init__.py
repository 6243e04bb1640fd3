"""barrier-toolkit: find barriers to emotional openness in journals and chats.

A research aid, not a diagnostic tool. The public API returns data and never
prints; the ``barriers`` command line is a thin shell over it.
"""

from ._version import __version__
from .adapt import adapt
from .classify import classify
from .evaluate import evaluate
from .explain import Explanation, explain
from .models import load_model
from .prevalence import estimate_prevalence
from .summarize import summarize
from .taxonomy import load_taxonomy
from .train import train

__all__ = ["Explanation", "__version__", "adapt", "classify", "estimate_prevalence", "evaluate", "explain",
           "load_model", "load_taxonomy", "summarize", "train"]
