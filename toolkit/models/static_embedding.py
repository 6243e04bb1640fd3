"""Static (per-token) sentence embeddings shipped inside the package.

The vectors were distilled from all-MiniLM-L6-v2 with model2vec (see
``make distill`` and ``toolkit/data/static_embedding/NOTICE``). A text's
embedding is the mean of its WordPiece token vectors, l2-normalised: a
matrix product, so it runs at n-gram speed with numpy alone.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from scipy import sparse

from ..errors import ModelError
from .wordpiece import WordPiece


def default_embedding_path() -> Path:
    return Path(str(resources.files("toolkit") / "data" / "static_embedding"))


class StaticEmbedding:
    """A vocabulary, its WordPiece tokeniser and one vector per token.

    Use :func:`load_static_embedding` to get the shipped one.
    """

    def __init__(self, vocab: list[str], vectors: np.ndarray, *, name: str = "", normalize: bool = True):
        if len(vocab) != vectors.shape[0]:
            raise ValueError(f"{len(vocab)} vocabulary entries but {vectors.shape[0]} vectors")
        self.vocab = vocab
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.name = name
        self.normalize = normalize
        self.tokenizer = WordPiece(vocab)
        # Special tokens carry no meaning in a mean of token vectors.
        self._skip = {i for i, piece in enumerate(vocab) if piece.startswith("[") and piece.endswith("]")}

    @property
    def dim(self) -> int:
        return self.vectors.shape[1]

    def token_matrix(self, texts: list[str]) -> sparse.csr_matrix:
        """Rows = texts, columns = vocabulary, values = 1/len (a mean as a product)."""
        indptr = [0]
        indices: list[int] = []
        skip = self._skip
        for text in texts:
            ids = [i for i in self.tokenizer.encode(text) if i not in skip]
            indices.extend(ids)
            indptr.append(len(indices))
        indptr_arr = np.asarray(indptr, dtype=np.int64)
        lengths = np.diff(indptr_arr)
        data = np.repeat(1.0 / np.maximum(lengths, 1), lengths).astype(np.float32)
        return sparse.csr_matrix((data, np.asarray(indices, dtype=np.int32), indptr_arr),
                                 shape=(len(texts), len(self.vocab)))

    def encode(self, texts: list[str]) -> np.ndarray:
        """Embeddings of *texts*, shape (n, dim); all-zero rows for texts without tokens.

        Examples
        --------
        >>> emb = load_static_embedding()
        >>> vectors = emb.encode(["I am afraid she will leave me", "the train was late", ""])
        >>> vectors.shape[0], bool(abs(float((vectors[0] ** 2).sum()) - 1) < 1e-4), float(abs(vectors[2]).sum())
        (3, True, 0.0)
        """
        matrix = np.asarray(self.token_matrix(texts) @ self.vectors, dtype=np.float32)
        if self.normalize:
            norms = np.linalg.norm(matrix, axis=1, keepdims=True)
            matrix /= np.where(norms > 0, norms, 1.0)
        return matrix


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_static_embedding(path: str | os.PathLike) -> StaticEmbedding:
    """Load a static-embedding directory (vocab.txt, vectors.npz, config.json), checking its checksums."""
    path = Path(path)
    try:
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        for name, expected in config["sha256"].items():
            if _sha256(path / name) != expected:
                raise ModelError(f"static embedding file '{path / name}' does not match its recorded checksum; "
                                 "reinstall barrier-toolkit")
        vocab = (path / "vocab.txt").read_text(encoding="utf-8").split("\n")
        with np.load(path / "vectors.npz", allow_pickle=False) as arrays:
            quantised = arrays["quantised"].astype(np.float32)
            scale = arrays["scale"].astype(np.float32)
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(f"static embedding in '{path}' is missing or malformed ({exc}); reinstall "
                         "barrier-toolkit") from None
    return StaticEmbedding(vocab, quantised * scale[:, None], name=config.get("name", ""),
                           normalize=config.get("normalize", True))


@lru_cache(maxsize=4)
def load_static_embedding(path: str | None = None) -> StaticEmbedding:
    """The shipped static embedding (cached: loading it takes a moment)."""
    return read_static_embedding(default_embedding_path() if path is None else path)
