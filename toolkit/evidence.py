"""Evidence spans: where in a text the evidence for each positive label sits.

A labelled file may carry an ``evidence`` column. Each cell is a JSON object
that maps a label id to a list of ``[start, end]`` character offsets into the
text (Python string indices, end exclusive): the clause or sentence(s) that
carry that label's evidence. Labels that are 0 have no key; a text with no
label has ``{}``. An empty cell means "not annotated".

Examples
--------
>>> text = "We met in May. I worry he'd think I'm weak if I cried."
>>> spans = {"fear_of_rejection": [(15, len(text))]}
>>> cell = format_evidence(spans)
>>> cell
'{"fear_of_rejection": [[15, 54]]}'
>>> parse_evidence(cell)["fear_of_rejection"] == [(15, 54)]
True
>>> text[15:54]
"I worry he'd think I'm weak if I cried."
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import InputError
from .taxonomy import Taxonomy

EVIDENCE_COLUMN = "evidence"

Spans = dict[str, list[tuple[int, int]]]


def parse_evidence(cell) -> Spans | None:
    """The spans of one ``evidence`` cell; ``None`` for an empty (not annotated) cell.

    Raises :class:`InputError` when the cell is not a JSON object of label
    ids to lists of ``[start, end]`` integer pairs.
    """
    if cell is None or (isinstance(cell, float) and np.isnan(cell)) or (isinstance(cell, str) and not cell.strip()):
        return None
    try:
        value = json.loads(cell) if isinstance(cell, str) else cell
    except json.JSONDecodeError as exc:
        raise InputError(f"evidence cell is not JSON ({exc.msg}); expected an object such as "
                         '{"self_doubt": [[12, 48]]}, got ' + repr(str(cell)[:60])) from None
    if not isinstance(value, Mapping):
        raise InputError("evidence cell must be a JSON object of label -> [[start, end], ...], got "
                         f"{type(value).__name__}")
    spans: Spans = {}
    for label, pairs in value.items():
        if not isinstance(pairs, Sequence) or isinstance(pairs, str):
            raise InputError(f"evidence for '{label}' must be a list of [start, end] pairs, got {pairs!r:.60}")
        parsed = []
        for pair in pairs:
            if (not isinstance(pair, Sequence) or len(pair) != 2
                    or not all(isinstance(x, int) and not isinstance(x, bool) for x in pair)):
                raise InputError(f"evidence for '{label}' must hold [start, end] integer pairs, got {pair!r:.60}")
            parsed.append((int(pair[0]), int(pair[1])))
        spans[str(label)] = parsed
    return spans


def format_evidence(spans: Mapping[str, Sequence[tuple[int, int]]]) -> str:
    """The ``evidence`` cell for *spans* (labels in the given order, spans sorted)."""
    return json.dumps({label: [list(pair) for pair in sorted(pairs)] for label, pairs in spans.items()})


def locate(text: str, fragment: str) -> tuple[int, int]:
    """The span of the first occurrence of *fragment* in *text*.

    >>> locate("a b c", "b c")
    (2, 5)
    """
    start = text.find(fragment)
    if start < 0 or not fragment.strip():
        raise InputError(f"evidence fragment {fragment[:60]!r} does not occur in the text; "
                         "copy the clause from the text character for character")
    return start, start + len(fragment)


@dataclass
class EvidenceCheck:
    """What :func:`check_evidence` found: problems, and positive labels still without spans."""

    problems: list[str]
    annotated_rows: int
    positive_labels: int
    labels_with_spans: int

    @property
    def coverage(self) -> float:
        return self.labels_with_spans / self.positive_labels if self.positive_labels else 1.0


def check_evidence(frame: pd.DataFrame, y: np.ndarray, taxonomy: Taxonomy, *, text_column: str = "text",
                   column: str = EVIDENCE_COLUMN, max_listed: int = 10) -> EvidenceCheck:
    """Check the evidence column of a labelled frame against its labels.

    A span must lie inside its text and belong to a label that is 1; a label
    that is 1 in an annotated row needs at least one span. Rows with an empty
    cell are not annotated yet: they count against coverage, not as problems.
    """
    problems: dict[str, list[int]] = {}
    texts = frame[text_column].fillna("").astype(str).tolist()
    ids = list(taxonomy.ids)
    annotated = positives = with_spans = 0
    for row, cell in enumerate(frame[column].tolist()):
        positives += int(y[row].sum())
        try:
            spans = parse_evidence(cell)
        except InputError as exc:
            problems.setdefault(str(exc), []).append(row + 1)
            continue
        if spans is None:
            continue
        annotated += 1
        for label, pairs in spans.items():
            if label not in ids:
                problems.setdefault(f"evidence names '{label}', which is not a label of the taxonomy "
                                    f"(expected one of: {', '.join(ids)})", []).append(row + 1)
                continue
            if not y[row, ids.index(label)]:
                problems.setdefault(f"evidence given for '{label}', which is 0 in that row", []).append(row + 1)
            for start, end in pairs:
                if not 0 <= start < end <= len(texts[row]):
                    problems.setdefault(f"span outside the text or empty for '{label}' (expected 0 <= start < end "
                                        "<= text length; offsets are Python string indices into the text)",
                                        []).append(row + 1)
        for j, label in enumerate(ids):
            if y[row, j]:
                if any(0 <= start < end <= len(texts[row]) for start, end in spans.get(label, [])):
                    with_spans += 1
                else:
                    problems.setdefault(f"'{label}' is 1 but has no evidence span (add the offsets of the clause that "
                                        "carries it, or leave the whole cell empty for a row not annotated yet)",
                                        []).append(row + 1)
    listed = [f"{message}: {len(rows)} row(s), first in data rows {rows[:max_listed]}"
              for message, rows in problems.items()]
    return EvidenceCheck(problems=listed, annotated_rows=annotated, positive_labels=positives,
                         labels_with_spans=with_spans)


def evidence_matrix(frame: pd.DataFrame, labels: Sequence[str], column: str = EVIDENCE_COLUMN) -> list[Spans | None]:
    """The parsed evidence of every row (``None`` where the row is not annotated or has no column)."""
    if column not in frame.columns:
        return [None] * len(frame)
    parsed = [parse_evidence(cell) for cell in frame[column].tolist()]
    return [None if spans is None else {label: spans.get(label, []) for label in labels} for spans in parsed]


__all__ = ["EVIDENCE_COLUMN", "EvidenceCheck", "check_evidence", "evidence_matrix", "format_evidence", "locate",
           "parse_evidence"]
