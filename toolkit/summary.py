"""Barriers per group and period: shares, mean scores, counts, first/last seen and the strongest example.

:func:`summarize` classifies a journal or chat corpus chunk by chunk and
returns a tidy frame with one row per group, period and label;
:func:`summarize_classified` does the same for rows that are already
classified (the output of :func:`toolkit.classify`). Partial sums per chunk
are combined at the end, so memory grows with the number of groups and
periods, not with the corpus.

``count`` and ``share`` are raw classifier counts: the texts the model flags,
not an estimate of how many show the barrier. On a corpus unlike the training
data they can be far off; :func:`toolkit.estimate_prevalence` corrects them
with a small labelled random sample (docs/prevalence.md).
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .classification import classify_stream
from .errors import InputError
from .ids import checked_ids
from .io import DEFAULT_BATCH_SIZE, estimate_rows, read_table
from .layouts import corpus_kind
from .models import BarrierModel, load_model
from .progress import ProgressCallback, Steps
from .taxonomy import STRATEGY_NOTICE, Taxonomy

DEFAULT_GROUPS = {"journal": ("client_id",), "chat": ("conversation_id", "speaker")}
TIME_COLUMNS = ("date", "timestamp")
# Period aliases pandas accepts for date offsets but not for periods.
_PERIOD_ALIASES = {"ME": "M", "MS": "M", "QE": "Q", "QS": "Q", "YE": "Y", "YS": "Y", "A": "Y"}
_FREQ = re.compile(r"^(D|W(-(MON|TUE|WED|THU|FRI|SAT|SUN))?|M|Q|Y)$")
SUMMARY_VALUES = ["entries", "count", "share", "mean_score", "first_seen", "last_seen", "example_id",
                  "example_score", "example_text"]


def period_alias(freq: str) -> str:
    """The pandas period alias for *freq*: D, W (or W-MON ... W-SUN), M, Q or Y.

    Examples
    --------
    >>> period_alias("ME"), period_alias("w")
    ('M', 'W')
    """
    alias = _PERIOD_ALIASES.get(str(freq).strip().upper(), str(freq).strip().upper())
    if not _FREQ.match(alias):
        raise InputError(f"period '{freq}' is not supported; use D (day), W (week, Monday to Sunday; W-SAT etc. to "
                         "end weeks on another day), M (month), Q (quarter) or Y (year)")
    return alias


def parse_times(values: pd.Series, column: str, source: str = "<DataFrame>") -> pd.Series:
    """Dates or timestamps of *column* as naive datetimes; empty values become NaT, bad ones an error."""
    text = values.where(values.notna(), "").astype(str).str.strip()
    try:
        parsed = pd.to_datetime(text.where(text != "", None), errors="coerce", format="mixed")
    except (ValueError, TypeError) as exc:
        raise InputError(f"column '{column}' of '{source}' mixes time zones or formats ({exc}); use ISO 8601 "
                         "timestamps such as 2026-05-03T21:14 throughout") from None
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_localize(None)
    bad = parsed.isna() & (text != "")
    if bad.any():
        position = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(f"column '{column}' of '{source}' has the value '{text.iloc[position]}' in data row "
                         f"{position + 1}, "
                         "which is not a date; use ISO 8601 dates such as 2026-03-09 or 2026-03-09T21:14")
    return parsed


def default_options(columns: Sequence[str], by: Sequence[str] | None, time_column: str | None,
                    id_column: str | None) -> tuple[tuple[str, ...], str | None, str | None]:
    """Group, time and id columns: as given, else the defaults of a journal or chat layout.

    Examples
    --------
    >>> default_options(["entry_id", "client_id", "date", "text"], None, None, None)
    (('client_id',), 'date', 'entry_id')
    >>> default_options(["conversation_id", "speaker", "timestamp", "text"], None, None, None)
    (('conversation_id', 'speaker'), 'timestamp', None)
    """
    columns = [str(c) for c in columns]
    if by is None:
        by = DEFAULT_GROUPS.get(corpus_kind(columns), ())
    by = tuple(by)
    if time_column is None:
        time_column = next((c for c in TIME_COLUMNS if c in columns), None)
    if id_column is None:
        id_column = "id" if "id" in columns else next(
            (c for c in columns if c.endswith("_id") and c not in by), None)
    return by, time_column, id_column


class _Accumulator:
    """Partial sums per (group, period, label), combined chunk by chunk."""

    def __init__(self, labels, by, time_column, id_column, text_column, freq):
        self.labels, self.by, self.time_column = tuple(labels), tuple(by), time_column
        self.id_column, self.text_column, self.freq = id_column, text_column, freq
        self.parts: list[pd.DataFrame] = []
        self.rows = 0

    def add(self, frame: pd.DataFrame, source: str) -> None:
        keys = list(self.by)
        work = pd.DataFrame({key: frame[key].astype(str).to_numpy() for key in keys}, index=frame.index)
        if self.time_column is not None:
            times = parse_times(frame[self.time_column], self.time_column, source)
            work["_time"] = times.to_numpy()
            if self.freq is not None:
                if times.isna().any():
                    position = int(np.flatnonzero(times.isna().to_numpy())[0])
                    raise InputError(f"data row {self.rows + position + 1} of '{source}' has no {self.time_column}; "
                                     f"every row needs one to be counted per period (or leave out --freq)")
                periods = times.dt.to_period(self.freq)
                work["period_start"] = periods.dt.start_time.to_numpy()
                work["period_end"] = periods.dt.end_time.dt.floor("D").to_numpy()
                keys += ["period_start", "period_end"]
        work["_row"] = np.arange(self.rows + 1, self.rows + len(frame) + 1)
        work["_id"] = (frame[self.id_column].astype(str).to_numpy() if self.id_column
                       else ["row " + str(r) for r in work["_row"]])
        work["_text"] = frame[self.text_column].astype(str).to_numpy()
        self.rows += len(frame)
        scored = frame[f"{self.labels[0]}_score"].notna().to_numpy() if self.labels else np.ones(len(frame), bool)
        work = work[scored]
        for label in self.labels:
            part = work.copy()
            part["label"] = label
            part["_score"] = frame.loc[part.index, f"{label}_score"].astype(float).to_numpy()
            part["_positive"] = frame.loc[part.index, label].astype(int).to_numpy()
            self.parts.append(self._reduce(part, keys + ["label"]))

    def _reduce(self, part: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
        """One row per key: entries, count, score sum, first/last seen and the best example."""
        if part.empty:
            return pd.DataFrame()
        grouped = part.groupby(keys, sort=False, dropna=False)
        out = grouped.agg(entries=("_score", "size"), count=("_positive", "sum"), score_sum=("_score", "sum"))
        positives = part[part["_positive"] == 1]
        if "_time" in part.columns:
            seen = positives.groupby(keys, sort=False, dropna=False)["_time"].agg(["min", "max"])
            out["first_seen"], out["last_seen"] = seen["min"], seen["max"]
        if len(positives):
            best = positives.loc[positives.groupby(keys, sort=False, dropna=False)["_score"].idxmax()]
            best = best.set_index(keys)[["_id", "_score", "_text"]]
            out["example_id"], out["example_score"], out["example_text"] = best["_id"], best["_score"], best["_text"]
        return out.reset_index()

    def result(self) -> pd.DataFrame:
        keys = list(self.by) + (["period_start", "period_end"] if self.freq and self.time_column else []) + ["label"]
        parts = [p for p in self.parts if not p.empty]
        if not parts:
            return pd.DataFrame(columns=keys + SUMMARY_VALUES)
        combined = pd.concat(parts, ignore_index=True)
        for column in ("first_seen", "last_seen"):
            if column not in combined.columns:
                combined[column] = pd.NaT
        for column in ("example_id", "example_text"):
            if column not in combined.columns:
                combined[column] = None
        if "example_score" not in combined.columns:
            combined["example_score"] = np.nan
        grouped = combined.groupby(keys, sort=False, dropna=False)
        out = grouped.agg(entries=("entries", "sum"), count=("count", "sum"), score_sum=("score_sum", "sum"),
                          first_seen=("first_seen", "min"), last_seen=("last_seen", "max"))
        best = combined.loc[combined["example_score"].notna()]
        if len(best):
            best = best.loc[best.groupby(keys, sort=False, dropna=False)["example_score"].idxmax()].set_index(keys)
            out = out.join(best[["example_id", "example_score", "example_text"]])
        else:
            out["example_id"], out["example_score"], out["example_text"] = None, np.nan, None
        out = out.reset_index()
        out["count"] = out["count"].astype(int)
        out["entries"] = out["entries"].astype(int)
        out["share"] = (out["count"] / out["entries"]).round(4)
        out["mean_score"] = (out["score_sum"] / out["entries"]).round(4)
        out["example_score"] = out["example_score"].round(4)
        if not self.time_column:
            out = out.drop(columns=["first_seen", "last_seen"])
        label_order = {label: i for i, label in enumerate(self.labels)}
        sort_keys = keys[:-1] + ["_label_order"]
        out["_label_order"] = out["label"].map(label_order)
        out = out.sort_values(sort_keys, kind="stable").drop(columns=["_label_order", "score_sum"])
        values = [c for c in SUMMARY_VALUES if c in out.columns]
        return out[keys + values].reset_index(drop=True)


def _check_columns(columns, by, time_column, id_column, text_column, freq, source):
    columns = [str(c) for c in columns]
    for option, names in (("--by", by), ("--time-column", [time_column] if time_column else []),
                          ("--id-column", [id_column] if id_column else []), ("--text-column", [text_column])):
        missing = [n for n in names if n not in columns]
        if missing:
            hint = ("; a .txt file is read as one text per line: for a '[time] Name: message' chat transcript "
                    "pass --format transcript") if set(columns) == {"id", "text"} else ""
            raise InputError(f"input '{source}' has no column '{missing[0]}' for {option}; available columns: "
                             f"{', '.join(columns)}{hint}")
    if freq is not None and time_column is None:
        raise InputError(f"input '{source}' has no 'date' or 'timestamp' column to count periods by; "
                         "name one with --time-column, or leave out --freq")


def summarize_classified(frames: pd.DataFrame | Iterable[pd.DataFrame], labels: Sequence[str], *,
                         by: Sequence[str] | None = None, freq: str | None = None, time_column: str | None = None,
                         id_column: str | None = None, text_column: str = "text",
                         source: str = "<DataFrame>") -> pd.DataFrame:
    """Summarise rows that already carry decisions (``<label>``) and scores (``<label>_score``).

    Returns one row per group (*by* columns), period (``period_start``,
    ``period_end`` when *freq* is given) and label, with ``entries`` (texts),
    ``count`` (texts showing the label), ``share``, ``mean_score``,
    ``first_seen``/``last_seen`` (when there is a time column) and the
    strongest example (``example_id``, ``example_score``, ``example_text``).
    Empty texts are left out.

    Examples
    --------
    >>> import toolkit
    >>> rows = toolkit.classify(pd.DataFrame({
    ...     "client_id": ["a", "a", "b"], "date": ["2026-03-02", "2026-03-04", "2026-03-03"],
    ...     "text": ["what if she laughs at me when I tell her", "we had pizza", "the bus was late"]}))
    >>> table = summarize_classified(rows, ["fear_of_rejection"], freq="W")
    >>> table[["client_id", "period_start", "entries", "count", "share"]].values.tolist()
    [['a', Timestamp('2026-03-02 00:00:00'), 2, 1, 0.5], ['b', Timestamp('2026-03-02 00:00:00'), 1, 0, 0.0]]
    """
    frames = [frames] if isinstance(frames, pd.DataFrame) else frames
    accumulator = None
    freq = period_alias(freq) if freq is not None else None
    for frame in frames:
        if accumulator is None:
            group_by, time_column, id_column = default_options(frame.columns, by, time_column, id_column)
            _check_columns(frame.columns, group_by, time_column, id_column, text_column, freq, source)
            missing = [c for label in labels for c in (label, f"{label}_score") if c not in frame.columns]
            if missing:
                raise InputError(f"input '{source}' has no column '{missing[0]}'; summarize_classified needs the "
                                 "output of classify (a 0/1 column and a _score column per label)")
            accumulator = _Accumulator(labels, group_by, time_column, id_column, text_column, freq)
        accumulator.add(frame, source)
    if accumulator is None:
        raise InputError(f"input '{source}' has no rows to summarise")
    return accumulator.result()


def summarize(data, model: BarrierModel | str | os.PathLike | None = None, *, by: Sequence[str] | None = None,
              freq: str | None = None, time_column: str | None = None, id_column: str | None = None,
              text_column: str = "text", taxonomy: Taxonomy | None = None, fmt: str | None = None,
              batch_size: int = DEFAULT_BATCH_SIZE, encoding: str = "utf-8",
              allow_duplicate_ids: bool = False, progress: ProgressCallback | None = None) -> pd.DataFrame:
    """Classify a journal or chat corpus and summarise it per group and period (see :func:`summarize_classified`).

    Parameters
    ----------
    data : path or pandas.DataFrame
        A table (CSV, JSONL, ...; a chat transcript with ``fmt="transcript"``)
        or a frame with a text column.
    by : sequence of str, optional
        Group columns; by default ``client_id`` for a journal
        (client_id, date, text) and ``conversation_id, speaker`` for a chat
        (conversation_id, speaker, timestamp, text), else no groups.
    freq : str, optional
        Period: D, W, M, Q or Y. No periods when omitted.
    time_column, id_column : str, optional
        By default ``date`` or ``timestamp``, and ``id`` or the first ``*_id``
        column that is not a group column (else example ids are row numbers).
        A repeated or empty value in a given *id_column* is an error unless
        *allow_duplicate_ids* (a column found by default is not checked).
    progress : callable, optional
        ``progress(rows_done, rows)`` after each chunk; *rows* is estimated
        from the file's size (None for stdin).

    Examples
    --------
    >>> import toolkit
    >>> table = toolkit.summarize("datasets/barriers/samples/journal.csv", freq="M")
    >>> list(table.columns[:4])
    ['client_id', 'period_start', 'period_end', 'label']
    """
    if model is None or isinstance(model, (str, os.PathLike)):
        model = load_model(model)
    if taxonomy is not None:
        model.check_taxonomy(taxonomy)
    if isinstance(data, pd.DataFrame):
        frames, source, total = [data], "<DataFrame>", len(data)
    else:
        frames, source = read_table(data, fmt, batch_size=batch_size, encoding=encoding), str(data)
        total = estimate_rows(data, fmt) if progress is not None else None
    frames = checked_ids(frames, id_column, source, allow_duplicates=allow_duplicate_ids)
    step = Steps(progress, total)
    step.start()
    classified = classify_stream(_checked(frames, by, freq, time_column, id_column, text_column, source), model,
                                 text_column=text_column, source=source, progress=step)
    table = summarize_classified(classified, model.taxonomy_.ids, by=by, freq=freq, time_column=time_column,
                                id_column=id_column, text_column=text_column, source=source)
    step.finish()
    return table


def _checked(frames, by, freq, time_column, id_column, text_column, source):
    """Check the input columns on the first chunk, so errors name the input's columns, not the classifier's."""
    for number, frame in enumerate(frames):
        if number == 0:
            group_by, time_column, id_column = default_options(frame.columns, by, time_column, id_column)
            _check_columns(frame.columns, group_by, time_column, id_column, text_column,
                           period_alias(freq) if freq is not None else None, source)
        yield frame


def strategy_notes(taxonomy: Taxonomy, labels: Sequence[str] | None = None) -> pd.DataFrame:
    """The taxonomy's strategy notes for *labels* (all when None): one row per note.

    They are general psycho-education to open a conversation
    (:data:`toolkit.taxonomy.STRATEGY_NOTICE`), never advice for a specific person.

    Examples
    --------
    >>> from toolkit.taxonomy import load_taxonomy
    >>> notes = strategy_notes(load_taxonomy(), ["self_doubt"])
    >>> list(notes.columns), len(notes) >= 2
    (['label', 'barrier', 'note'], True)
    """
    chosen = list(taxonomy.ids) if labels is None else list(labels)
    unknown = [label for label in chosen if label not in taxonomy.ids]
    if unknown:
        raise InputError(f"label '{unknown[0]}' is not one of: {', '.join(taxonomy.ids)}")
    rows = [{"label": label, "barrier": taxonomy[label].name, "note": note}
            for label in chosen for note in taxonomy[label].strategies]
    return pd.DataFrame(rows, columns=["label", "barrier", "note"])


def filter_entries(classified: pd.DataFrame, labels: Sequence[str], *, label: str | None = None,
                   start=None, end=None, min_score: float = 0.0, time_column: str | None = "date") -> pd.DataFrame:
    """Classified rows showing *label* (any label when None) with a score of at least *min_score*,
    between *start* and *end*.

    Adds ``score``: the score of *label* (the highest score of a label the
    row shows when None); rows are sorted by it, strongest first. Dates
    compare inclusively.

    Examples
    --------
    >>> rows = pd.DataFrame({"text": ["x", "y"], "date": ["2026-03-02", "2026-04-01"], "a": [1, 1],
    ...                      "a_score": [0.9, 0.6]})
    >>> filter_entries(rows, ["a"], label="a", start="2026-03-15")["text"].tolist()
    ['y']
    """
    if label is not None and label not in labels:
        raise InputError(f"label '{label}' is not one of: {', '.join(labels)}")
    chosen = [label] if label is not None else list(labels)
    shown = classified[chosen].astype(int).to_numpy() == 1
    label_scores = classified[[f"{c}_score" for c in chosen]].astype(float).to_numpy()
    scores = pd.Series(np.where(shown, label_scores, -np.inf).max(axis=1), index=classified.index)
    keep = shown.any(axis=1) & (scores >= min_score)
    if time_column is not None and (start is not None or end is not None):
        times = parse_times(classified[time_column], time_column)
        if start is not None:
            keep &= times >= pd.Timestamp(start)
        if end is not None:
            keep &= times <= pd.Timestamp(end)
    return classified.loc[keep].assign(score=scores[keep]).sort_values("score", ascending=False, kind="stable")


def _day(value) -> str:
    return "–" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%d %b %Y")


@dataclass
class JournalOverview:
    """One client's (or every client's) journal over a period, for reading rather than computing.

    Made by :func:`journal_overview`. ``barriers`` has one row per barrier
    (``label``, ``barrier``, ``count``, ``share``, ``first_seen``,
    ``last_seen``, ``example_id``, ``example_score``); ``entries`` the matching
    entries of the chosen barrier, strongest first; ``notes`` the strategy
    notes of the barriers found (or of the chosen one). In Jupyter it shows
    as HTML with every note whole; :meth:`summary` gives the same in sentences.
    """

    client: str | None
    start: pd.Timestamp | None
    end: pd.Timestamp | None
    label: str | None
    entry_count: int
    barriers: pd.DataFrame
    entries: pd.DataFrame
    notes: pd.DataFrame
    names: dict = field(default_factory=dict)

    @property
    def who(self) -> str:
        return f"Client {self.client}" if self.client is not None else "All clients"

    def summary(self) -> str:
        """The overview in plain sentences (raw classifier counts, as the notebook says)."""
        span = f"{_day(self.start)} to {_day(self.end)}"
        lines = [f"{self.who}: {self.entry_count} entries from {span}."]
        found = self.barriers[self.barriers["count"] > 0].sort_values("count", ascending=False, kind="stable")
        if self.entry_count == 0:
            lines.append("No entries in this period.")
        elif found.empty:
            lines.append("The model flags none of the barriers in these entries.")
        for row in found.itertuples(index=False):
            lines.append(f"- {row.barrier}: {row.count} of {self.entry_count} entries ({row.share:.0%}), "
                         f"first {_day(row.first_seen)}, last {_day(row.last_seen)}; strongest in entry "
                         f"{row.example_id} (score {row.example_score:.2f}).")
        absent = self.barriers.loc[self.barriers["count"] == 0, "barrier"].tolist()
        if absent and self.entry_count:
            lines.append(f"Not flagged: {', '.join(absent)}.")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        parts = [f"<section class='journal-overview'><h3>{html.escape(self.who)}</h3>",
                 f"<p>{self.entry_count} entries from {_day(self.start)} to {_day(self.end)}"
                 + (f"; barrier chosen: <b>{html.escape(self.names.get(self.label, self.label))}</b>" if self.label
                    else "")
                 + ".</p>"]
        if self.entry_count:
            rows = "".join(
                f"<tr><td style='text-align:left'>{html.escape(row.barrier)}</td><td>{row.count}</td>"
                f"<td>{row.share:.0%}</td><td>{_day(row.first_seen)}</td><td>{_day(row.last_seen)}</td>"
                f"<td>{html.escape(str(row.example_id)) if row.count else '–'}</td></tr>"
                for row in self.barriers.itertuples(index=False))
            parts.append("<table><thead><tr><th style='text-align:left'>Barrier</th><th>Entries showing it</th>"
                         "<th>Share</th><th>First seen</th><th>Last seen</th><th>Strongest entry</th></tr></thead>"
                         f"<tbody>{rows}</tbody></table>")
        if len(self.entries):
            shown = "".join(
                f"<li><b>{html.escape(str(row.entry_id))}</b> ({_day(row.date)}, score {row.score:.2f}): "
                f"{html.escape(str(row.text))}</li>" for row in self.entries.itertuples(index=False))
            what = html.escape(self.names.get(self.label, self.label)) if self.label else "any barrier"
            parts.append(f"<p>Entries showing {what}, strongest first:</p><ul>{shown}</ul>")
        if len(self.notes):
            notes = "".join(f"<li><b>{html.escape(row.barrier)}</b>: {html.escape(row.note)}</li>"
                            for row in self.notes.itertuples(index=False))
            parts.append(f"<p>Conversation starters for {'this barrier' if self.label else 'the barriers found'}. "
                         f"<em>{html.escape(STRATEGY_NOTICE)}</em></p><ul>{notes}</ul>")
        return "".join(parts) + "</section>"


def journal_overview(classified: pd.DataFrame, labels: Sequence[str], taxonomy: Taxonomy, *,
                     client: str | None = None, start=None, end=None, label: str | None = None,
                     max_entries: int = 5, notes: bool = True, client_column: str = "client_id",
                     time_column: str = "date", id_column: str = "entry_id") -> JournalOverview:
    """What the model flags in one client's journal (all clients when *client* is None) between *start* and *end*.

    *label* chooses a barrier: its entries are listed (at most *max_entries*,
    strongest first) and its notes shown; without it, the strongest entries of
    any barrier and the notes of every barrier found (none with ``notes=False``).

    Examples
    --------
    >>> from toolkit.taxonomy import load_taxonomy
    >>> rows = pd.DataFrame({"entry_id": ["e1", "e2"], "client_id": ["a", "a"], "date": ["2026-03-02", "2026-03-09"],
    ...                      "text": ["x", "y"], "self_doubt": [1, 0], "self_doubt_score": [0.8, 0.1]})
    >>> overview = journal_overview(rows, ["self_doubt"], load_taxonomy(), client="a")
    >>> print(overview.summary().splitlines()[1])
    - Self-doubt: 1 of 2 entries (50%), first 02 Mar 2026, last 02 Mar 2026; strongest in entry e1 (score 0.80).
    """
    names = {item: taxonomy[item].name if item in taxonomy.ids else item for item in labels}
    if label is not None and label not in labels:
        raise InputError(f"label '{label}' is not one of: {', '.join(labels)}")
    rows = classified
    if client is not None:
        known = sorted(classified[client_column].astype(str).unique())
        if str(client) not in known:
            raise InputError(f"client '{client}' is not in the journal; choose one of: {', '.join(known)}")
        rows = rows[rows[client_column].astype(str) == str(client)]
    times = parse_times(rows[time_column], time_column)
    keep = pd.Series(True, index=rows.index)
    if start is not None:
        keep &= times >= pd.Timestamp(start)
    if end is not None:
        keep &= times <= pd.Timestamp(end)
    rows, times = rows[keep], times[keep]
    if len(rows):
        table = summarize_classified(rows.assign(_all="all"), labels, by=["_all"], time_column=time_column,
                                     id_column=id_column)
    else:
        table = pd.DataFrame({"label": list(labels), "count": 0, "share": 0.0, "first_seen": pd.NaT,
                              "last_seen": pd.NaT, "example_id": None, "example_score": np.nan})
    barriers = table.assign(barrier=table["label"].map(names))[
        ["label", "barrier", "count", "share", "first_seen", "last_seen", "example_id", "example_score"]]
    entries = (filter_entries(rows, labels, label=label, time_column=time_column) if len(rows) else
               rows.assign(score=pd.Series(dtype=float)))
    entries = entries[[id_column, time_column, "score", "text"]].head(max_entries).rename(
        columns={id_column: "entry_id", time_column: "date"})
    found = [label] if label is not None else barriers.loc[barriers["count"] > 0, "label"].tolist()
    found = found if notes else []
    return JournalOverview(client=None if client is None else str(client),
                           start=times.min() if start is None and len(rows)
                           else (pd.Timestamp(start) if start is not None else None),
                           end=times.max() if end is None and len(rows)
                           else (pd.Timestamp(end) if end is not None else None),
                           label=label, entry_count=len(rows), barriers=barriers.reset_index(drop=True),
                           entries=entries.reset_index(drop=True), notes=strategy_notes(taxonomy, found), names=names)


class JournalOverviews(list):
    """Several :class:`JournalOverview`, shown one after another (the static copy of the notebook's choices)."""

    def summary(self) -> str:
        return "\n\n".join(overview.summary() for overview in self)

    def _repr_html_(self) -> str:
        return "".join(overview._repr_html_() for overview in self)


def client_overviews(classified: pd.DataFrame, labels: Sequence[str], taxonomy: Taxonomy, *,
                     client_column: str = "client_id", **options) -> JournalOverviews:
    """:func:`journal_overview` of every client, in the order of their ids (*options* are passed on)."""
    return JournalOverviews(journal_overview(classified, labels, taxonomy, client=client, client_column=client_column,
                                             **options)
                            for client in sorted(classified[client_column].astype(str).unique()))
