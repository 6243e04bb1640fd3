"""Scoring texts sentence by sentence and aggregating to the document."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..errors import InputError
from ..text import split_sentences

AGGREGATIONS = ("document", "max", "noisy_or", "mean_max")


def check_aggregation(aggregation: str) -> str:
    if aggregation not in AGGREGATIONS:
        raise InputError(f"aggregation '{aggregation}' is unknown; expected one of: {', '.join(AGGREGATIONS)}")
    return aggregation


def sentence_units(texts: list[str]) -> tuple[list[str], np.ndarray]:
    """All sentences of *texts* and, for each, the index of its text.

    A text without a sentence boundary is one sentence; an empty text gives
    one empty sentence, so every text owns at least one unit.

    Examples
    --------
    >>> sentence_units(["I miss him. Not sure I can say it.", ""])
    (['I miss him.', 'Not sure I can say it.', ''], array([0, 0, 1]))
    """
    sentences: list[str] = []
    owners: list[int] = []
    for i, text in enumerate(texts):
        parts = split_sentences(text) or [text]
        sentences.extend(parts)
        owners.extend([i] * len(parts))
    return sentences, np.asarray(owners, dtype=np.int64)


def aggregate(sentence_scores: np.ndarray, owners: np.ndarray, n_texts: int, how: str,
              document_scores: np.ndarray | None = None) -> np.ndarray:
    """Combine per-sentence scores into one score per text.

    ``max`` takes the strongest sentence, ``noisy_or`` treats sentences as
    independent chances (1 - prod(1 - p)), ``mean_max`` averages the
    whole-document score with the strongest sentence.

    Examples
    --------
    >>> s = np.array([[0.2], [0.5], [0.9]])
    >>> aggregate(s, np.array([0, 0, 1]), 2, "max").ravel().tolist()
    [0.5, 0.9]
    >>> aggregate(s, np.array([0, 0, 1]), 2, "noisy_or").ravel().round(2).tolist()
    [0.6, 0.9]
    """
    n_labels = sentence_scores.shape[1]
    if how == "max":
        result = np.zeros((n_texts, n_labels))
        np.maximum.at(result, owners, sentence_scores)
        return result
    if how == "noisy_or":
        log_miss = np.zeros((n_texts, n_labels))
        np.add.at(log_miss, owners, np.log1p(-np.clip(sentence_scores, 0.0, 1.0 - 1e-12)))
        return 1.0 - np.exp(log_miss)
    if how == "mean_max":
        if document_scores is None:
            raise ValueError("mean_max needs the document scores")
        return (document_scores + aggregate(sentence_scores, owners, n_texts, "max")) / 2
    raise InputError(f"aggregation '{how}' is unknown; expected one of: {', '.join(AGGREGATIONS)}")


def score_by_sentence(score: Callable[[list[str]], np.ndarray], texts: list[str], how: str) -> np.ndarray:
    """Scores of *texts* under aggregation *how*, using *score* on whole texts or on sentences."""
    if how == "document":
        return score(texts)
    sentences, owners = sentence_units(texts)
    document_scores = score(texts) if how == "mean_max" else None
    return aggregate(score(sentences), owners, len(texts), how, document_scores)
