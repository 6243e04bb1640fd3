"""Checking the id column of an input: every row named once, no row unnamed.

An id column exists to tell rows apart (to align predictions with gold labels, to find a row again),
so a repeated or empty id is reported rather than passed on silently; ``allow_duplicates`` accepts them
when a file really has them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pandas as pd

from .errors import InputError

ALLOW_OPTION = "--allow-duplicate-ids"


def _empty(values: pd.Series) -> pd.Series:
    return values.isna() | (values.astype(str).str.strip() == "")


class IdChecker:
    """Checks the ids of a table read in chunks, remembering the ids of earlier chunks.

    Parameters
    ----------
    column : str
        The id column.
    source : str
        The file, as named in error messages.
    allow_duplicates : bool
        Accept repeated and empty ids (the check does nothing).

    Examples
    --------
    >>> checker = IdChecker("id", "notes.csv")
    >>> checker(pd.DataFrame({"id": ["a", "b"]})).shape
    (2, 1)
    >>> checker(pd.DataFrame({"id": ["c", "a"]}))
    Traceback (most recent call last):
    ...
    toolkit.errors.InputError: 'notes.csv' repeats id 'a' in column 'id' (rows 1 and 4); ids must be unique, or pass --allow-duplicate-ids
    """  # noqa: E501

    def __init__(self, column: str, source: str, *, allow_duplicates: bool = False):
        self.column, self.source, self.allow_duplicates = column, source, allow_duplicates
        self._first_row: dict[str, int] = {}
        self._rows = 0

    def __call__(self, frame: pd.DataFrame) -> pd.DataFrame:
        start, self._rows = self._rows, self._rows + len(frame)
        if self.allow_duplicates or self.column not in frame.columns:
            return frame  # a missing column is reported by the code that uses it, with the columns there are
        values = frame[self.column]
        empty = _empty(values)
        if empty.any():
            row = start + int(empty.to_numpy().argmax()) + 1
            raise InputError(f"'{self.source}' has an empty id in column '{self.column}' (row {row}, "
                             f"{int(empty.sum())} empty in this chunk); give every row an id, or pass {ALLOW_OPTION}")
        for offset, value in enumerate(values.astype(str).str.strip()):
            first = self._first_row.setdefault(value, start + offset + 1)
            if first != start + offset + 1:
                raise InputError(f"'{self.source}' repeats id '{value}' in column '{self.column}' (rows {first} and "
                                 f"{start + offset + 1}); ids must be unique, or pass {ALLOW_OPTION}")
        return frame


def checked_ids(frames: Iterable[pd.DataFrame], column: str | None, source: str, *,
                allow_duplicates: bool = False) -> Iterator[pd.DataFrame]:
    """Pass *frames* through, raising :class:`InputError` at the first repeated or empty id (none: no check)."""
    if column is None:
        yield from frames
        return
    checker = IdChecker(column, source, allow_duplicates=allow_duplicates)
    for frame in frames:
        yield checker(frame)
