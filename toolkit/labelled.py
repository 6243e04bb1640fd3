"""Labelled files in the codebook format: loading, validation, statistics.

A labelled file has a ``text`` column and one 0/1 column per label id, in
taxonomy order; ``id``, ``source``, ``register``, ``notes`` and ``challenge``
are optional.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer

from .annotation_formats import ANNOTATION_FORMATS, detect_annotation_format, read_annotations
from .errors import InputError
from .evidence import EVIDENCE_COLUMN, EvidenceCheck, check_evidence
from .io import read_all
from .taxonomy import Taxonomy

NEAR_DUPLICATE_JACCARD = 0.8
LENGTH_BUCKETS = (0, 10, 25, 50, 100, 200, 400, np.inf)


@dataclass
class LabelledData:
    """Texts, their 0/1 label matrix and the frame they came from."""

    frame: pd.DataFrame
    texts: list[str]
    y: np.ndarray
    taxonomy: Taxonomy
    source: str = "<memory>"
    fingerprint: str = field(init=False)

    def __post_init__(self):
        self.fingerprint = fingerprint_labelled(self.texts, self.y)


def label_matrix(frame: pd.DataFrame, taxonomy: Taxonomy, source: str = "<memory>") -> np.ndarray:
    """The 0/1 matrix of the taxonomy's label columns; clear errors otherwise."""
    missing = [label for label in taxonomy.ids if label not in frame.columns]
    if missing:
        raise InputError(
            f"labelled file '{source}' has no column '{missing[0]}' (missing: {', '.join(missing)}); "
            f"its columns are: {', '.join(map(str, frame.columns))}. A labelled file needs one 0/1 column per label "
            f"of the taxonomy: {', '.join(taxonomy.ids)}"
        )
    matrix = np.zeros((len(frame), len(taxonomy.ids)), dtype=np.int8)
    for j, label in enumerate(taxonomy.ids):
        values = frame[label].astype(str).str.strip()
        values = values.replace({"1.0": "1", "0.0": "0", "True": "1", "False": "0", "true": "1", "false": "0"})
        bad = ~values.isin(["0", "1"])
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            blank = pd.isna(frame[label].iloc[row]) or not str(frame[label].iloc[row]).strip()
            hint = (" (an annotation sheet with blank cells is read with --format sheet, or converted with "
                    "'barriers annotate import')") if blank else ""
            raise InputError(
                f"labelled file '{source}' column '{label}' has the value '{frame[label].iloc[row]}' in data row "
                f"{row + 1}; label columns must hold only 0 or 1{hint}"
            )
        matrix[:, j] = values.to_numpy() == "1"
    return matrix


def load_labelled(source: str | os.PathLike | pd.DataFrame, taxonomy: Taxonomy, *, text_column: str = "text",
                  fmt: str | None = None, encoding: str = "utf-8", allow_empty_text: bool = False) -> LabelledData:
    """Read a labelled file (or take a DataFrame) and check it against *taxonomy*.

    Besides the table formats this reads Label Studio JSON exports
    (``.json``) and doccano JSONL exports (detected from their records), or
    any of them named by *fmt* (``label-studio``, ``doccano``, ``sheet`` for an
    annotation sheet with blank cells); rows nobody labelled are left out.
    """
    if isinstance(source, pd.DataFrame):
        frame, name = source.reset_index(drop=True), "<DataFrame>"
    elif fmt in ANNOTATION_FORMATS or (fmt is None and detect_annotation_format(source, taxonomy)):
        frame = read_annotations(source, taxonomy, fmt=fmt, text_column=text_column, encoding=encoding).labelled
        name, text_column = str(source), "text"
    else:
        frame, name = read_all(source, fmt, encoding=encoding), str(source)
    if text_column not in frame.columns:
        raise InputError(missing_text_column_message(name, text_column, frame.columns))
    texts = frame[text_column].fillna("").astype(str).tolist()
    if not allow_empty_text:
        empty = [i for i, t in enumerate(texts) if not t.strip()]
        if empty:
            raise InputError(f"labelled file '{name}' has an empty text in data row {empty[0] + 1}; fill it or remove "
                             "the row")
    return LabelledData(frame=frame, texts=texts, y=label_matrix(frame, taxonomy, name), taxonomy=taxonomy, source=name)


def missing_text_column_message(source: str, text_column: str, columns) -> str:
    return (
        f"input file '{source}' has no column '{text_column}'; available columns: {', '.join(map(str, columns))}. "
        "Name the column that holds the texts with --text-column"
    )


def near_duplicates(texts: list[str], threshold: float = NEAR_DUPLICATE_JACCARD,
                    block: int = 2000) -> list[tuple[int, int, float]]:
    """Pairs (i, j, jaccard) of texts whose character 5-gram sets overlap at least *threshold*.

    Examples
    --------
    >>> near_duplicates(["I can't tell him, he'd laugh.", "i can't tell him, he'd laugh!", "Lovely day."])
    [(0, 1, 0.92)]
    """
    cleaned = [" ".join(str(t).lower().split()) for t in texts]
    vectorizer = CountVectorizer(analyzer="char", ngram_range=(5, 5), binary=True, lowercase=False, dtype=np.int32)
    try:
        grams = vectorizer.fit_transform(cleaned).tocsr()
    except ValueError:  # every text shorter than five characters
        return []
    sizes = np.asarray(grams.sum(axis=1)).ravel()
    pairs = []
    for start in range(0, grams.shape[0], block):
        shared = (grams[start : start + block] @ grams.T).tocoo()
        rows, cols = shared.row + start, shared.col
        keep = cols > rows
        rows, cols, inter = rows[keep], cols[keep], shared.data[keep]
        union = sizes[rows] + sizes[cols] - inter
        jaccard = inter / np.maximum(union, 1)
        for i, j, value in zip(rows[jaccard >= threshold], cols[jaccard >= threshold], jaccard[jaccard >= threshold]):
            pairs.append((int(i), int(j), round(float(value), 2)))
    return sorted(pairs)


@dataclass
class ValidationReport:
    """Result of :func:`validate_labelled`: problems found and label statistics."""

    rows: int
    problems: list[str]
    label_counts: dict[str, int]
    cooccurrence: pd.DataFrame
    no_label: int
    evidence: EvidenceCheck | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def validate_labelled(frame: pd.DataFrame, taxonomy: Taxonomy, *, source: str = "<memory>", text_column: str = "text",
                      id_column: str = "id", near_duplicate_threshold: float = NEAR_DUPLICATE_JACCARD,
                      max_listed: int = 10) -> ValidationReport:
    """Check a labelled frame against the codebook format; collect every problem."""
    problems = []
    if text_column not in frame.columns:
        problems.append(missing_text_column_message(source, text_column, frame.columns))
        texts = []
    else:
        texts = frame[text_column].fillna("").astype(str).tolist()
        empty = [i + 1 for i, t in enumerate(texts) if not t.strip()]
        if empty:
            problems.append(f"{len(empty)} empty text(s), first in data rows {empty[:max_listed]}")
    y = np.zeros((len(frame), len(taxonomy.ids)), dtype=np.int8)
    try:
        y = label_matrix(frame, taxonomy, source)
    except InputError as exc:
        problems.append(str(exc))
    if id_column in frame.columns:
        duplicated = frame[id_column][frame[id_column].duplicated()].astype(str).unique().tolist()
        if duplicated:
            problems.append(f"{len(duplicated)} duplicate id(s) in column '{id_column}': "
                            f"{', '.join(duplicated[:max_listed])}")
        empty = frame[id_column].isna() | (frame[id_column].astype(str).str.strip() == "")
        if empty.any():
            problems.append(f"{int(empty.sum())} empty id(s) in column '{id_column}' (first at row "
                            f"{int(empty.to_numpy().argmax()) + 1})")
    if texts:
        pairs = near_duplicates(texts, near_duplicate_threshold)
        if pairs:
            shown = ", ".join(f"rows {i + 1} and {j + 1} ({value})" for i, j, value in pairs[:max_listed])
            problems.append(f"{len(pairs)} near-duplicate pair(s) (character 5-gram Jaccard >= "
                            f"{near_duplicate_threshold}): {shown}")
    evidence = None
    if EVIDENCE_COLUMN in frame.columns and text_column in frame.columns:
        evidence = check_evidence(frame, y, taxonomy, text_column=text_column, max_listed=max_listed)
        problems.extend(evidence.problems)
    counts = dict(zip(taxonomy.ids, y.sum(axis=0).astype(int).tolist()))
    co = pd.DataFrame(y.T.astype(int) @ y.astype(int), index=list(taxonomy.ids), columns=list(taxonomy.ids))
    return ValidationReport(rows=len(frame), problems=problems, label_counts=counts, cooccurrence=co,
                            no_label=int((y.sum(axis=1) == 0).sum()), evidence=evidence)


def label_stats(frame: pd.DataFrame, taxonomy: Taxonomy, *, source: str = "<memory>", text_column: str = "text",
                by: tuple[str, ...] = ("register",)) -> dict[str, pd.DataFrame]:
    """Counts per label, per label combination size, per group column and per length bucket."""
    y = label_matrix(frame, taxonomy, source)
    if text_column not in frame.columns:
        raise InputError(missing_text_column_message(source, text_column, frame.columns))
    words = frame[text_column].fillna("").astype(str).str.split().str.len()
    n = len(frame)
    out = {
        "labels": pd.DataFrame({"label": list(taxonomy.ids) + ["(none)"],
                                "count": list(y.sum(axis=0).astype(int)) + [int((y.sum(axis=1) == 0).sum())]}),
        "labels_per_text": pd.Series(y.sum(axis=1)).value_counts().sort_index().rename_axis("labels_per_text")
                           .reset_index(name="count"),
    }
    out["labels"]["share"] = (out["labels"]["count"] / max(n, 1)).round(3)
    labelled = pd.DataFrame(y, columns=list(taxonomy.ids))
    for column in by:
        if column in frame.columns:
            grouped = labelled.groupby(frame[column].astype(str).to_numpy()).sum()
            grouped.insert(0, "texts", frame[column].astype(str).value_counts().reindex(grouped.index).to_numpy())
            out[column] = grouped.rename_axis(column).reset_index()
    buckets = pd.cut(words, bins=list(LENGTH_BUCKETS), right=False,
                     labels=[f"{int(a)}-{'' if b == np.inf else int(b) - 1}"
                             for a, b in itertools.pairwise(LENGTH_BUCKETS)])
    length = labelled.groupby(buckets.astype(str).to_numpy()).sum()
    length.insert(0, "texts", pd.Series(buckets.astype(str)).value_counts().reindex(length.index).to_numpy())
    out["length_words"] = length.rename_axis("length_words").reset_index()
    return out


__all__ = ["LabelledData", "ValidationReport", "label_matrix", "label_stats", "load_labelled", "near_duplicates",
           "validate_labelled"]


def fingerprint_labelled(texts: Iterable[str], labels: Iterable[Iterable[int]]) -> str:
    """sha256 over texts and their label vectors, independent of file format.

    Examples
    --------
    >>> fingerprint_labelled(["a"], [[1, 0]]) == fingerprint_labelled(["a"], [[1, 0]])
    True
    >>> fingerprint_labelled(["a"], [[1, 0]]) == fingerprint_labelled(["a"], [[0, 1]])
    False
    """
    digest = hashlib.sha256()
    for text, row in zip(texts, labels):
        digest.update(str(text).encode("utf-8"))
        digest.update(b"\x1f" + ",".join(str(int(v)) for v in row).encode("ascii") + b"\x1e")
    return digest.hexdigest()
