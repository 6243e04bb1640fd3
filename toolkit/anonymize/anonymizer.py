"""Anonymising tables: one frame, or a stream of chunks with pseudonyms kept across them."""

from __future__ import annotations

import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import pandas as pd

from ..errors import InputError
from ..logs import log_event
from .detect import find_entities, same_findings
from .entities import ENTITY_TYPES, Entity, parse_entity_types
from .names import ROLE_LABELS
from .pseudonyms import PseudonymTable, replace_entities

_log = logging.getLogger(__name__)
# Passes of detection per text; in practice the second finds nothing.
MAX_PASSES = 5
# A character stuck to the end of a replaced value that may start another one ("...com@dyl_99").
# First-pass findings kept for the second pass, at most (a few hundred bytes each).
LEARNT_MAX = 2_000_000
_GLUED = re.compile(r"[^\s.,!?;:)\]}'\"’”…]")


@dataclass
class AnonymizeResult:
    """What :func:`anonymize_frame` returns.

    ``frame`` is the anonymised copy; ``mapping`` lists, per group and
    placeholder, the original values (keep it as safe as the raw data);
    ``counts`` holds the number of replacements per entity type.
    """

    frame: pd.DataFrame
    mapping: list[dict] = field(repr=False)
    counts: dict[str, int]


class Anonymizer:
    """Replace personal data in text columns with typed, group-consistent placeholders.

    Call :meth:`transform` on each chunk of a table in order; the pseudonym
    table of every group lives on between chunks, so "Jake" is ``[PERSON_1]``
    in every row of one client's journal however the file is chunked.

    Two passes (:meth:`learn` on every chunk first, then :meth:`transform`
    on every chunk again; :func:`anonymized_frames` does both): the first
    collects the names of every group, so a name recognised only in a late
    row ("my sister Hope") is replaced in the group's earlier rows too, and
    all variants of a name are grouped into people before any placeholder
    is given. With one pass (a stream that cannot be read twice), a name
    found in a row is replaced in that row and the group's later rows.

    Parameters
    ----------
    text_columns : sequence of str
        Columns of free text to anonymise.
    group_column : str, optional
        Rows with the same value share pseudonyms (a client or a
        conversation). Without it every row is its own group, so equal
        placeholders in two rows say nothing about the people behind them.
    keep : iterable of str
        Entity types to leave in place.
    person_columns : sequence of str
        Columns whose whole value is a person's name (a chat's ``speaker``);
        each value becomes that person's placeholder, the one the texts use.
    remember_originals : bool
        Keep the originals in memory for :meth:`mapping`; off by default, so
        nothing links placeholders back to people.

    Examples
    --------
    >>> frame = pd.DataFrame({"client": ["c1", "c1", "c2"],
    ...                       "text": ["Jake rang.", "told Jake and Maria", "Maria texted"]})
    >>> Anonymizer(["text"], group_column="client").transform(frame)["text"].tolist()
    ['[PERSON_1] rang.', 'told [PERSON_1] and [PERSON_2]', '[PERSON_1] texted']
    """

    def __init__(self, text_columns: Sequence[str] = ("text",), *, group_column: str | None = None,
                 keep: Iterable[str] | str = (), person_columns: Sequence[str] = (), remember_originals: bool = False):
        if isinstance(text_columns, str):
            text_columns = [text_columns]
        self.text_columns = list(text_columns)
        self.group_column = group_column
        self.keep = parse_entity_types(keep)
        self.person_columns = list(person_columns)
        self.remember_originals = remember_originals
        self.counts_: Counter = Counter()
        self.rows_ = 0
        self.seconds_ = 0.0
        self._tables: dict[str, PseudonymTable] = {}
        self._row_entries: list[dict] = []
        # First-pass findings per (row, column), reused by the second pass when the names the group has learnt
        # since change nothing for that text: (questions asked of the known names, entities). Bounded, so a
        # huge file only loses the shortcut.
        self._learnt: dict[tuple[int, int], tuple[list, list[Entity]]] = {}
        self._learnt_rows = 0
        self._speakers: dict[str, GroupSpeakers] = {}

    def _check_columns(self, frame: pd.DataFrame, source: str) -> None:
        available = ", ".join(map(str, frame.columns))
        for column in self.text_columns + self.person_columns:
            if column not in frame.columns:
                raise InputError(f"input file '{source}' has no column '{column}' to anonymise; available columns: "
                                 f"{available}. Name the text columns with --text-column/--columns")
        if self.group_column is not None and self.group_column not in frame.columns:
            raise InputError(f"input file '{source}' has no group column '{self.group_column}'; available columns: "
                             f"{available}. Pass an existing column to --by or leave it out")

    def _table(self, group: str | None) -> PseudonymTable:
        if group is None:
            return PseudonymTable(self.remember_originals)
        table = self._tables.get(group)
        if table is None:
            table = self._tables[group] = PseudonymTable(self.remember_originals)
        return table

    def anonymize_text(self, text: str, table: PseudonymTable, found: list[Entity] | None = None) -> str:
        """One text through *table*; counts the replacements.

        Detection runs again on the result until it finds nothing: a
        replacement can expose a neighbour that its context hid (in
        "jake@example.com@dyl_99" the handle only shows once the e-mail is a
        placeholder). Placeholders are never detected, so each pass leaves
        less text to search and the loop ends.
        """
        for _ in range(MAX_PASSES):
            entities = find_entities(text, keep=self.keep, known_names=table.person_names()) if found is None else found
            found = None
            if not entities:
                break
            self.counts_.update(e.type for e in entities)
            glued = any(e.end < len(text) and _GLUED.match(text, e.end) for e in entities)
            text = replace_entities(text, entities, table)
            if not glued:
                break  # nothing stuck to a replaced value, so the next pass would find nothing new
        return text

    def learn(self, frame: pd.DataFrame, *, source: str = "<DataFrame>") -> None:
        """First pass over one chunk: note each group's person names, replace nothing.

        Without a group column every row is its own document and there is
        nothing to learn across rows.
        """
        self._check_columns(frame, source)
        if self.group_column is None or "PERSON" in self.keep:
            return
        started = time.perf_counter()
        groups = frame[self.group_column].astype(str).tolist()
        columns = [frame[c].tolist() for c in self.text_columns]
        names = [frame[c].tolist() for c in self.person_columns]
        # The chat speakers of each group first (a prefix opening two rows of a conversation), as names.
        touched = set()
        for i, group in enumerate(groups):
            for values in columns:
                if isinstance(values[i], str):
                    self._speakers.setdefault(group, GroupSpeakers()).add(values[i])
                    touched.add(group)
        for group in touched:
            speakers = self._speakers[group]
            for name in speakers.names():
                if name not in speakers.observed:
                    speakers.observed.add(name)
                    self._table(group).observe("PERSON", name)
        for i, group in enumerate(groups):
            table = self._table(group)
            for values in names:
                if isinstance(values[i], str) and values[i].strip():
                    table.observe("PERSON", values[i].strip())
            for c, values in enumerate(columns):
                text = values[i]
                if isinstance(text, str) and text:
                    log: list = []
                    entities = find_entities(text, keep=self.keep, known_names=table.person_names(), log=log)
                    if len(self._learnt) < LEARNT_MAX:
                        self._learnt[(self._learnt_rows + i, c)] = (log, entities)
                    for entity in entities:
                        if entity.type == "PERSON":
                            table.observe("PERSON", entity.text)
        self._learnt_rows += len(frame)
        self.seconds_ += time.perf_counter() - started

    def transform(self, frame: pd.DataFrame, *, source: str = "<DataFrame>") -> pd.DataFrame:
        """The anonymised copy of one chunk (other columns unchanged)."""
        started = time.perf_counter()
        before = Counter(self.counts_)
        self._check_columns(frame, source)
        out = frame.copy()
        groups = frame[self.group_column].astype(str).tolist() if self.group_column else [None] * len(frame)
        columns = {c: frame[c].tolist() for c in self.text_columns + self.person_columns}
        results = {c: list(values) for c, values in columns.items()}
        for i, group in enumerate(groups):
            table = self._table(group)
            if "PERSON" not in self.keep:
                for column in self.person_columns:
                    value = columns[column][i]
                    if isinstance(value, str) and value.strip():
                        self.counts_["PERSON"] += 1
                        results[column][i] = table.placeholder("PERSON", value.strip())
            for c, column in enumerate(self.text_columns):
                value = columns[column][i]
                if isinstance(value, str) and value:
                    learnt = self._learnt.pop((self.rows_ + i, c), None)
                    # The names learnt since the first pass answer its questions alike: the same findings.
                    found = learnt[1] if learnt is not None and same_findings(learnt[0], table.person_names()) else None
                    results[column][i] = self.anonymize_text(value, table, found)
            if group is None and self.remember_originals:
                self._row_entries.extend(table.entries(str(self.rows_ + i + 1)))
        for column, values in results.items():
            out[column] = pd.Series(values, index=frame.index, dtype=object)
        self.rows_ += len(frame)
        self.seconds_ += time.perf_counter() - started
        # Counts per entity type only, never the values replaced.
        log_event(_log, logging.DEBUG, "chunk anonymised", rows=len(frame), replaced=dict(self.counts_ - before),
                  seconds=round(time.perf_counter() - started, 3))
        return out

    def stream(self, frames: Iterable[pd.DataFrame], *, source: str = "<DataFrame>") -> Iterator[pd.DataFrame]:
        """Anonymise chunks lazily, in order (one pass: see :func:`anonymized_frames` for two)."""
        for frame in frames:
            yield self.transform(frame, source=source)

    def mapping(self) -> list[dict]:
        """Placeholder -> originals per group (empty unless ``remember_originals``)."""
        entries = list(self._row_entries)
        for group, table in self._tables.items():
            entries.extend(table.entries(group))
        return entries

    def summary(self) -> str:
        """One line of counts per type, never values."""
        found = ", ".join(f"{t} {self.counts_[t]}" for t in ENTITY_TYPES if self.counts_.get(t))
        rate = self.rows_ / self.seconds_ if self.seconds_ > 0 else float("nan")
        return (f"anonymised {self.rows_} rows in {self.seconds_:.1f}s ({rate:,.0f} rows/s); "
                f"replaced: {found or 'nothing'}")


def anonymize_frame(frame: pd.DataFrame, text_columns: Sequence[str] | str = ("text",), *,
                    group_column: str | None = None,
                    keep: Iterable[str] | str = (), person_columns: Sequence[str] = ()) -> AnonymizeResult:
    """Anonymise the *text_columns* of *frame*; return the copy, the mapping and the counts.

    Examples
    --------
    >>> frame = pd.DataFrame({"text": ["Jake here, I'm 34, mail jake@example.com"]})
    >>> result = anonymize_frame(frame, "text")
    >>> result.frame["text"][0]
    "[PERSON_1] here, I'm [AGE_1], mail [EMAIL_1]"
    >>> result.mapping[0]["originals"]
    ['Jake']
    """
    anonymizer = Anonymizer(text_columns, group_column=group_column, keep=keep, person_columns=person_columns,
                            remember_originals=True)
    anonymizer.learn(frame)
    out = anonymizer.transform(frame)
    return AnonymizeResult(frame=out, mapping=anonymizer.mapping(), counts=dict(anonymizer.counts_))


def anonymized_frames(open_frames: Callable[[], Iterable[pd.DataFrame]], anonymizer: Anonymizer, *,
                      source: str = "<DataFrame>", two_pass: bool = True) -> Iterator[pd.DataFrame]:
    """The anonymised chunks of a table that *open_frames* reads from its start each time it is called.

    With *two_pass* and a group column, the table is read twice: once to
    learn every group's names (:meth:`Anonymizer.learn`), once to replace
    them, so a name first recognised late in a group is replaced in the
    group's earlier rows too. Pass ``two_pass=False`` for a stream that can
    be read only once (stdin): names then reach the group's later rows only.
    This is the step ``barriers anonymize`` and ``barriers classify
    --anonymize`` run before anything else sees the text.

    Examples
    --------
    >>> frame = pd.DataFrame({"client": ["c1", "c1"], "text": ["ugh dre again", "my brother Andre texted"]})
    >>> chunks = anonymized_frames(lambda: [frame.iloc[:1], frame.iloc[1:]], Anonymizer(group_column="client"))
    >>> pd.concat(chunks)["text"].tolist()
    ['ugh [PERSON_1] again', 'my brother [PERSON_1] texted']
    """
    if two_pass and anonymizer.group_column is not None:
        for frame in open_frames():
            anonymizer.learn(frame, source=source)
    for frame in open_frames():
        yield anonymizer.transform(frame, source=source)


_ROW_SPEAKER = re.compile(r"[ \t>*]*([^\W\d_][\w'’.-]{1,29})[ \t]*:[ \t]")
_NOT_SPEAKERS = ROLE_LABELS | frozenset("""reminder question answer today yesterday tonight morning evening day night
week p.s nb fyi btw psa warning tip""".split())


class GroupSpeakers:
    """The chat speakers of one group ("Summer: did u see..."), read from the start of its rows.

    A prefix that opens two rows or more of a group in which two prefixes or more speak is a speaker's name,
    also when it is a word ("Summer", "Princess"): the rows of a conversation, not one text, show the turns.
    Read by the two-pass anonymiser's first pass (:meth:`Anonymizer.learn`) and by :func:`detect_in_groups`;
    a one-pass stream (stdin) does not use it.

    Examples
    --------
    >>> found = GroupSpeakers()
    >>> for row in ["Summer: did u see it", "Aoife: no??", "Summer: i know", "Update: fine"]:
    ...     found.add(row)
    >>> found.names()
    ['Summer']
    """

    def __init__(self):
        self._rows: dict[str, int] = {}
        self._surface: dict[str, str] = {}
        self.observed: set[str] = set()  # the names already passed on to the group's pseudonym table

    def add(self, text: str) -> None:
        m = _ROW_SPEAKER.match(text)
        if m is None:
            return
        name = m.group(1)
        key = name.casefold()
        if key in _NOT_SPEAKERS:
            return
        self._rows[key] = self._rows.get(key, 0) + 1
        self._surface.setdefault(key, name)

    def names(self) -> list[str]:
        if len(self._rows) < 2:
            return []
        return [self._surface[k] for k, n in self._rows.items() if n >= 2]


def detect_in_groups(texts: Sequence[str], groups: Sequence[object] | None = None, *,
                     keep: Iterable[str] | str = ()) -> list[list[Entity]]:
    """The entities :func:`find_entities` reports in each text, with the names of its group known.

    Texts sharing a group value are read twice, as the two-pass anonymiser
    reads them: names found anywhere in the group count as names in every
    row of it. Without *groups* every text is its own group.

    Examples
    --------
    >>> found = detect_in_groups(["ok dre", "my brother Andre texted"], ["g1", "g1"])
    >>> [[e.text for e in row] for row in found]
    [['dre'], ['Andre']]
    """
    keep = parse_entity_types(keep)
    if groups is None:
        return [find_entities(t, keep=keep) for t in texts]
    tables: dict[object, PseudonymTable] = {}
    if "PERSON" not in keep:
        speakers: dict[object, GroupSpeakers] = {}
        for text, group in zip(texts, groups):
            speakers.setdefault(group, GroupSpeakers()).add(text)
        for group, found in speakers.items():
            table = tables.setdefault(group, PseudonymTable())
            for name in found.names():
                table.observe("PERSON", name)
    for text, group in zip(texts, groups):
        table = tables.setdefault(group, PseudonymTable())
        for entity in find_entities(text, keep=keep, known_names=table.person_names()):
            if entity.type == "PERSON":
                table.observe("PERSON", entity.text)
    return [find_entities(text, keep=keep, known_names=tables[group].person_names())
            for text, group in zip(texts, groups)]


def anonymize_texts(texts: Iterable[str], *, keep: Iterable[str] | str = ()) -> list[str]:
    """Anonymise independent texts (each its own group).

    Examples
    --------
    >>> anonymize_texts(["my ex Dylan texted @dyl_99"])
    ['my ex [PERSON_1] texted [HANDLE_1]']
    """
    anonymizer = Anonymizer(["text"], keep=keep)
    return anonymizer.transform(pd.DataFrame({"text": [str(t) for t in texts]}))["text"].tolist()


def require_anonymised(texts: Iterable[str] | pd.Series, *, max_listed: int = 10) -> None:
    """Raise :class:`InputError` when any text still holds detectable personal data.

    The message names data rows (1-based) and entity types, never the values.

    Examples
    --------
    >>> require_anonymised(["[PERSON_1] said hi", "nothing personal here"])
    >>> require_anonymised(["fine", "call me on 07700 900123"])
    Traceback (most recent call last):
    ...
    toolkit.errors.InputError: 1 of 2 texts still contain personal data: data row 2 (PHONE). Anonymise them first with 'barriers anonymize INPUT -o OUTPUT' or toolkit.anonymize.anonymize_frame(frame, ['text'])
    """  # noqa: E501
    flagged: list[tuple[int, list[str]]] = []
    total = 0
    for row, text in enumerate(texts, start=1):
        total += 1
        if not isinstance(text, str) or not text:
            continue
        types = sorted({e.type for e in find_entities(text)}, key=ENTITY_TYPES.index)
        if types:
            flagged.append((row, types))
    if flagged:
        shown = ", ".join(f"{row} ({', '.join(types)})" for row, types in flagged[:max_listed])
        more = f" and {len(flagged) - max_listed} more" if len(flagged) > max_listed else ""
        noun = "data row" if len(flagged) == 1 else "data rows"
        raise InputError(
            f"{len(flagged)} of {total} texts still contain personal data: {noun} {shown}{more}. Anonymise them first "
            "with 'barriers anonymize INPUT -o OUTPUT' or toolkit.anonymize.anonymize_frame(frame, ['text'])"
        )
