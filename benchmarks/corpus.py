"""Deterministic benchmark corpora: sentences of the training split resampled into ~25-word texts."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPORA = HERE / "corpora"
WORDS_PER_TEXT = 25


def corpus_path(size: int) -> Path:
    return CORPORA / f"texts_{size}.csv"


def make_corpus(size: int, seed: int = 0) -> Path:
    """Write (once) and return a CSV of *size* rows (id, text); the same rows for the same size and seed."""
    path = corpus_path(size)
    if path.exists():
        return path
    sentences = []
    for text in pd.read_csv(REPO / "datasets" / "barriers" / "train.csv")["text"]:
        sentences += [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if 4 <= len(s.split()) <= 30]
    rng = random.Random(seed)
    rows = []
    for _ in range(size):
        words, parts = 0, []
        while words < WORDS_PER_TEXT:
            sentence = rng.choice(sentences)
            parts.append(sentence)
            words += len(sentence.split())
        rows.append(" ".join(parts))
    CORPORA.mkdir(exist_ok=True)
    partial = path.with_suffix(".partial")
    pd.DataFrame({"id": range(size), "text": rows}).to_csv(partial, index=False)
    partial.replace(path)
    return path
