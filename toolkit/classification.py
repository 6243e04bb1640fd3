"""The classification pipeline over chunks of rows.

It never opens files itself: callers hand it DataFrames (or texts) and get
DataFrames back, so the CLI, notebooks and other engines share one code path.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from .anonymize import Anonymizer, anonymized_frames
from .errors import InputError
from .io import DEFAULT_BATCH_SIZE, read_table
from .labelled import missing_text_column_message
from .language import language_warning, not_english
from .logs import log_event
from .models import BarrierModel, load_model
from .taxonomy import Taxonomy

EMPTY_TEXT_WARNING = "empty text"
# Texts longer than this are scored on their first characters only, flagged in the warning column: a
# single huge text (a whole book pasted into one cell) would otherwise hold the run's memory and time.
DEFAULT_MAX_TEXT_CHARS = 100_000
_MAX_LOOKUP_LABELS = 12
SCORE_DECIMALS = 6
_log = logging.getLogger(__name__)


def output_columns(taxonomy: Taxonomy) -> list[str]:
    """The columns the classifier adds, in order.

    Examples
    --------
    >>> from toolkit.taxonomy import taxonomy_from_dict
    >>> output_columns(taxonomy_from_dict({"labels": [{"id": "a", "name": "A", "definition": "d"}]}))
    ['a', 'a_score', 'labels', 'warning']
    """
    columns = []
    for label in taxonomy.ids:
        columns += [label, f"{label}_score"]
    return columns + ["labels", "warning"]


RAW_COUNTS_NOTE = ("shares flagged are raw classifier counts, not prevalence estimates: to correct them with a small "
                   "labelled random sample, see docs/prevalence.md ('barriers prevalence')")


@dataclass(frozen=True)
class ChunkOptions:
    """How each chunk is scored: what :func:`classify_frame` needs besides the frame and the model.

    One frozen value travels to every worker (a process pool's initialiser,
    a Dask task) instead of loose keyword arguments.
    """

    text_column: str = "text"
    id_column: str | None = None
    keep_columns: tuple[str, ...] | None = None
    source: str = "<DataFrame>"
    max_text_chars: int | None = DEFAULT_MAX_TEXT_CHARS


@dataclass(frozen=True)
class ChunkResult:
    """One scored chunk: the output rows and the counts the run's summary adds up.

    *out* is a DataFrame, or the same rows already formatted for a text
    output file (see :class:`toolkit.engine.EncodedRows`); *rows* counts them.
    """

    out: object
    decisions: np.ndarray
    empty: int
    truncated: int
    not_english: int

    @property
    def rows(self) -> int:
        return len(self.decisions)


@dataclass
class ClassifySummary:
    """Running totals of a classification run."""

    labels: tuple[str, ...]
    rows: int = 0
    empty_texts: int = 0
    truncated_texts: int = 0
    not_english: int = 0
    positives: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def add_chunk(self, result: ChunkResult) -> None:
        """Add the totals of one scored chunk."""
        self.add(result.decisions, result.empty, result.truncated, result.not_english)

    def add(self, decisions: np.ndarray, empty: int, truncated: int = 0, not_english: int = 0) -> None:
        self.rows += len(decisions)
        self.empty_texts += empty
        self.truncated_texts += truncated
        self.not_english += not_english
        for j, label in enumerate(self.labels):
            self.positives[label] = self.positives.get(label, 0) + int(decisions[:, j].sum())

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else float("nan")

    def to_frame(self) -> pd.DataFrame:
        """One row per label: texts flagged and their share of all rows (raw classifier counts, not prevalence)."""
        counts = [self.positives.get(label, 0) for label in self.labels]
        return pd.DataFrame({"label": self.labels, "texts": counts,
                             "share": [round(c / self.rows, 4) if self.rows else 0.0 for c in counts]})

    def one_line(self) -> str:
        found = ", ".join(f"{label} {self.positives.get(label, 0)}" for label in self.labels)
        empty = f"; {self.empty_texts} empty text(s) left unscored" if self.empty_texts else ""
        truncated = f"; {self.truncated_texts} long text(s) truncated (see 'warning')" if self.truncated_texts else ""
        foreign = (f"; {self.not_english} text(s) not in English, scored anyway (see 'warning')"
                   if self.not_english else "")
        return (f"classified {self.rows} rows in {self.seconds:.1f}s ({self.rows_per_second:,.0f} rows/s); "
                f"flagged: {found}{empty}{truncated}{foreign}")


def label_strings(decisions: np.ndarray, ids: tuple[str, ...]) -> np.ndarray:
    """The ``labels`` column: the ids of each row's positive labels, joined by ';'.

    Examples
    --------
    >>> label_strings(np.array([[1, 0, 1], [0, 0, 0]]), ("a", "b", "c")).tolist()
    ['a;c', '']
    """
    if len(ids) > _MAX_LOOKUP_LABELS:
        names = np.array(ids, dtype=object)
        return np.array([";".join(names[row.astype(bool)]) for row in decisions], dtype=str)
    # Every combination of labels is a bit pattern; look each row's pattern up.
    codes = decisions.astype(np.int64) @ (1 << np.arange(len(ids), dtype=np.int64))
    return _label_combinations(tuple(ids))[codes]


@lru_cache(maxsize=8)
def _label_combinations(ids: tuple[str, ...]) -> np.ndarray:
    return np.array([";".join(label for j, label in enumerate(ids) if code >> j & 1) for code in range(2 ** len(ids))],
                    dtype=str)


def truncation_warning(max_text_chars: int) -> str:
    """The ``warning`` of a row whose text was scored on its first *max_text_chars* characters.

    Examples
    --------
    >>> truncation_warning(100_000)
    'text truncated to 100,000 characters'
    """
    return f"text truncated to {max_text_chars:,} characters"


def count_truncated(out: pd.DataFrame) -> int:
    """Rows of an output chunk whose text was truncated."""
    return int(out["warning"].str.startswith("text truncated").sum()) if len(out) else 0


def count_not_english(out: pd.DataFrame) -> int:
    """Rows of an output chunk whose text is not English."""
    return int(out["warning"].str.contains("not English: ", regex=False).sum()) if len(out) else 0


def classify_frame(frame: pd.DataFrame, model: BarrierModel, *, text_column: str = "text",
                   id_column: str | None = None, keep_columns: list[str] | None = None,
                   source: str = "<DataFrame>",
                   max_text_chars: int | None = DEFAULT_MAX_TEXT_CHARS) -> tuple[pd.DataFrame, np.ndarray, int]:
    """Classify one chunk; return the output chunk, its decision matrix and its count of empty texts.

    A text longer than *max_text_chars* is scored on its first
    *max_text_chars* characters and its row's ``warning`` says so (the
    text column itself passes through whole); None scores every text whole.
    """
    taxonomy = model.taxonomy_
    if max_text_chars is not None and max_text_chars < 1:
        raise InputError(f"--max-text-chars must be at least 1, got {max_text_chars}")
    if text_column not in frame.columns:
        raise InputError(missing_text_column_message(source, text_column, frame.columns))
    if id_column is not None and id_column not in frame.columns:
        raise InputError(f"input file '{source}' has no id column '{id_column}'; available columns: "
                         f"{', '.join(map(str, frame.columns))}. Pass an existing column to --id-column "
                         "or leave it out")
    kept = list(frame.columns) if keep_columns is None else list(keep_columns)
    unknown = [c for c in kept if c not in frame.columns]
    if unknown:
        raise InputError(f"input file '{source}' has no column '{unknown[0]}' to keep; available columns: "
                         f"{', '.join(map(str, frame.columns))}")
    if id_column is not None:
        kept = [id_column] + [c for c in kept if c != id_column]
    clashes = [c for c in kept if c in set(output_columns(taxonomy))]
    if clashes:
        raise InputError(
            f"input file '{source}' already has column(s) {', '.join(clashes)}, which the output would overwrite; "
            "choose the input columns to carry over with --keep-columns (for example --keep-columns id,text)"
        )
    texts = frame[text_column]
    texts = texts.where(texts.notna(), "").astype(str)
    present = texts.str.strip().str.len().to_numpy() > 0
    truncated = np.zeros(len(texts), dtype=bool)
    if max_text_chars is not None:
        truncated = texts.str.len().to_numpy() > max_text_chars
        if truncated.any():
            texts = texts.where(~truncated, texts.str.slice(0, max_text_chars))
    scores = np.full((len(frame), len(taxonomy.ids)), np.nan)
    if present.any():
        scores[present] = model.predict_proba(texts[present].tolist())
    decisions = np.zeros(scores.shape, dtype=np.int8)
    decisions[present] = scores[present] >= model.thresholds_
    out = frame[kept].reset_index(drop=True).copy() if kept else pd.DataFrame(index=range(len(frame)))
    for j, label in enumerate(taxonomy.ids):
        out[label] = decisions[:, j]
        out[f"{label}_score"] = np.round(scores[:, j], SCORE_DECIMALS)
    out["labels"] = label_strings(decisions, taxonomy.ids)
    out["warning"] = np.where(present, "", EMPTY_TEXT_WARNING)
    if truncated.any():
        out.loc[truncated, "warning"] = truncation_warning(max_text_chars)
    if present.any():
        languages = pd.Series(not_english(texts[present].tolist()), index=np.flatnonzero(present), dtype=object)
        languages = languages[languages.notna()]
        if len(languages):
            flagged = languages.map(language_warning)
            before = out.loc[flagged.index, "warning"]
            out.loc[flagged.index, "warning"] = np.where(before == "", flagged, before + "; " + flagged)
    return out, decisions, int((~present).sum())


def score_chunk(frame: pd.DataFrame, model: BarrierModel, options: ChunkOptions) -> ChunkResult:
    """Classify one chunk with *options*; the output rows and their counts.

    Examples
    --------
    >>> import toolkit
    >>> result = score_chunk(pd.DataFrame({"text": ["we had pizza", " "]}), toolkit.load_model(), ChunkOptions())
    >>> result.rows, result.empty
    (2, 1)
    """
    keep = None if options.keep_columns is None else list(options.keep_columns)
    out, decisions, empty = classify_frame(frame, model, text_column=options.text_column,
                                           id_column=options.id_column, keep_columns=keep, source=options.source,
                                           max_text_chars=options.max_text_chars)
    return ChunkResult(out, decisions, empty, count_truncated(out), count_not_english(out))


def tally(results: Iterable[ChunkResult], model: BarrierModel, *, summary: ClassifySummary | None = None,
          progress: Callable[[int], None] | None = None) -> Iterator[object]:
    """Yield each result's output rows, after adding it to *summary* and calling *progress* with its row count.

    The one place where a run's totals, timing, per-chunk log line and
    progress are kept, whichever engine scored the chunks.
    """
    started = time.perf_counter()
    for result in results:
        log_event(_log, logging.DEBUG, "chunk classified", rows=result.rows, empty_texts=result.empty,
                  truncated=result.truncated,
                  positives=dict(zip(model.taxonomy_.ids, result.decisions.sum(axis=0).tolist())),
                  seconds=round(time.perf_counter() - started, 3))
        if summary is not None:
            summary.add_chunk(result)
            summary.seconds = time.perf_counter() - started
        if progress is not None:
            progress(result.rows)
        yield result.out


def classify_stream(frames: Iterable[pd.DataFrame], model: BarrierModel, *, text_column: str = "text",
                    id_column: str | None = None, keep_columns: list[str] | None = None,
                    summary: ClassifySummary | None = None, progress: Callable[[int], None] | None = None,
                    source: str = "<DataFrame>", anonymizer: Anonymizer | None = None,
                    max_text_chars: int | None = DEFAULT_MAX_TEXT_CHARS) -> Iterator[pd.DataFrame]:
    """Classify chunks lazily, in order; update *summary* and call *progress* after each chunk.

    With an *anonymizer*, each chunk's text is anonymised first and the output
    carries the anonymised text, never the original.
    """
    options = ChunkOptions(text_column=text_column, id_column=id_column,
                           keep_columns=None if keep_columns is None else tuple(keep_columns), source=source,
                           max_text_chars=max_text_chars)
    if anonymizer is not None:
        frames = anonymizer.stream(frames, source=source)
    yield from tally((score_chunk(frame, model, options) for frame in frames), model, summary=summary,
                     progress=progress)


def classify(data, model: BarrierModel | str | os.PathLike | None = None, *, text_column: str = "text",
             id_column: str | None = None, keep_columns: list[str] | None = None, taxonomy: Taxonomy | None = None,
             fmt: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE, encoding: str = "utf-8",
             anonymize: bool = False, group_column: str | None = None,
             max_text_chars: int | None = DEFAULT_MAX_TEXT_CHARS) -> pd.DataFrame:
    """Classify texts and return the input columns plus decisions, scores and ``labels``.

    Parameters
    ----------
    data : str, list of str, pandas.Series, pandas.DataFrame or path
        Texts, a frame with a *text_column*, or a file path readable by
        :func:`toolkit.io.read_table`. A single string is one text.
    model : BarrierModel or path, optional
        A loaded model or a model directory; the shipped default when omitted.
    taxonomy : Taxonomy, optional
        When given, the model must have been trained on it.
    anonymize : bool
        Replace personal data in the text column with placeholders before
        classifying (see :mod:`toolkit.anonymize`); the result holds the
        anonymised text.
    group_column : str, optional
        With *anonymize*: rows sharing this column's value share placeholders.
    max_text_chars : int or None
        Longer texts are scored on their first *max_text_chars* characters,
        with a ``warning``; None scores every text whole.

    Examples
    --------
    >>> import toolkit
    >>> result = toolkit.classify(["what if he thinks i'm pathetic for crying", "we booked the flights"])
    >>> list(result.columns[:3])
    ['text', 'fear_of_rejection', 'fear_of_rejection_score']
    >>> len(result)
    2
    """
    if model is None or isinstance(model, (str, os.PathLike)):
        model = load_model(model)
    if taxonomy is not None:
        model.check_taxonomy(taxonomy)
    if isinstance(data, str) and not os.path.exists(data):
        data = [data]
    if isinstance(data, (list, tuple, pd.Series)):
        frames: Iterable[pd.DataFrame] = [pd.DataFrame({text_column: list(data)})]
        source = "<texts>"
    elif isinstance(data, pd.DataFrame):
        frames, source = [data], "<DataFrame>"
    else:
        frames, source = read_table(data, fmt, batch_size=batch_size, encoding=encoding), str(data)
    if group_column is not None and not anonymize:
        raise InputError("group_column only matters with anonymize=True; pass anonymize=True or leave it out")
    if anonymize:
        # Two passes: a list of frames is reused, a file read again.
        in_memory = frames if isinstance(frames, list) else None
        frames = anonymized_frames(lambda: in_memory if in_memory is not None else read_table(
            data, fmt, batch_size=batch_size, encoding=encoding), Anonymizer([text_column], group_column=group_column),
            source=source)
    chunks = list(classify_stream(frames, model, text_column=text_column, id_column=id_column,
                                  keep_columns=keep_columns, source=source, max_text_chars=max_text_chars))
    return pd.concat(chunks, ignore_index=True)
