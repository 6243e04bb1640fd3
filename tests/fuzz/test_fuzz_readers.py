"""Readers and writers keep every row, in order, with its value, whatever the bytes."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.fuzz.strategies import cell_texts, column_names
from toolkit.errors import InputError
from toolkit.io import read_all, read_table, write_table

pytestmark = pytest.mark.fuzz


def _tmp() -> Path:
    # Hypothesis runs many examples per test; a fresh directory each keeps them apart.
    return Path(tempfile.mkdtemp(prefix="fuzz-"))


@st.composite
def tables(draw, max_columns: int = 4, max_rows: int = 6):
    names = draw(st.lists(column_names(), min_size=1, max_size=max_columns))
    rows = draw(st.lists(st.lists(cell_texts(), min_size=len(names), max_size=len(names)), min_size=1,
                         max_size=max_rows))
    return names, rows


def _field(value: str, sep: str, quote_all: bool) -> str:
    # RFC 4180 quoting. (Python's csv module leaves a lone carriage return unquoted when the line
    # terminator is "\n", which makes a file that no reader can read back as written.)
    if quote_all or any(ch in value for ch in (sep, '"', "\r", "\n")):
        return '"' + value.replace('"', '""') + '"'
    return value


def _write_delimited(path: Path, names, rows, *, sep: str, newline: str, bom: bool, quote_all: bool) -> None:
    lines = [sep.join(_field(v, sep, quote_all) for v in row) + newline for row in [names, *rows]]
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + "".join(lines).encode("utf-8"))


@given(tables(), st.sampled_from([",", "\t"]), st.sampled_from(["\n", "\r\n"]), st.booleans(), st.booleans(),
       st.integers(1, 4))
def test_delimited_files_keep_every_row_and_value(table, sep, newline, bom, quote_all, batch_size):
    names, rows = table
    # A header that reads as a blank line, or a single-column row that is blank, is not a row of a CSV file.
    assume(not (len(names) == 1 and any(not row[0].strip() for row in rows)))
    path = _tmp() / ("t.csv" if sep == "," else "t.tsv")
    _write_delimited(path, names, rows, sep=sep, newline=newline, bom=bom, quote_all=quote_all)
    try:
        chunks = list(read_table(path, batch_size=batch_size))
    except InputError as exc:
        # The only refusal allowed for a well-formed file is one with a clear message.
        assert str(exc).startswith(f"input file '{path}'")
        return
    assert all(len(chunk) <= batch_size for chunk in chunks)
    frame = pd.concat(chunks, ignore_index=True)
    assert len(frame) == len(rows)
    assert len(frame.columns) == len(names)
    # pandas makes duplicate names unique ("a", "a.1"); unique names arrive as written.
    if len(set(names)) == len(names):
        assert list(frame.columns) == names
    assert frame.to_numpy().tolist() == [[value for value in row] for row in rows]


@st.composite
def json_records(draw):
    keys = draw(st.lists(column_names(), min_size=1, max_size=4, unique=True))
    values = st.one_of(cell_texts(), st.integers(-10**12, 10**12), st.booleans(), st.none(),
                       st.floats(allow_nan=False, allow_infinity=False), st.lists(st.integers(), max_size=2))
    records = []
    for _ in range(draw(st.integers(1, 7))):
        present = draw(st.lists(st.sampled_from(keys), min_size=1, unique=True))
        records.append({key: draw(values) for key in present})
    return keys, records


@given(json_records(), st.integers(1, 4), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_jsonl_chunks_keep_one_column_order(data, batch_size, newline, ascii_only):
    keys, records = data
    path = _tmp() / "t.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=ascii_only) + newline for r in records), encoding="utf-8",
                    newline="")
    chunks = list(read_table(path, batch_size=batch_size))
    # Keys come in any order per line; each chunk keeps the columns of the one before and adds new keys at the end.
    for before, after in zip(chunks, chunks[1:]):
        assert list(after.columns[: len(before.columns)]) == list(before.columns)
    assert list(chunks[-1].columns) == list(dict.fromkeys(key for record in records for key in record))
    frame = pd.concat(chunks, ignore_index=True)
    assert len(frame) == len(records)
    for row, record in zip(frame.to_dict(orient="records"), records):
        for key, value in record.items():
            assert row[key] == value or (value is None and pd.isna(row[key]))
        for key in set(row) - set(record):
            assert pd.isna(row[key])


@given(st.lists(cell_texts().map(lambda t: t.replace("\r", " ").replace("\n", " ")), min_size=1, max_size=8),
       st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_txt_files_give_one_row_per_line(lines, newline, bom):
    assume(bom or not lines[0].startswith("\ufeff"))  # a file's first U+FEFF is its byte-order mark
    path = _tmp() / "t.txt"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + "".join(line + newline for line in lines).encode("utf-8"))
    frame = read_all(path)
    assert frame["text"].tolist() == lines
    assert frame["id"].tolist() == [str(i) for i in range(1, len(lines) + 1)]


@given(tables(max_rows=4), st.sampled_from(["csv", "tsv", "jsonl", "parquet"]), st.integers(1, 3))
def test_written_tables_read_back_unchanged(table, fmt, chunk_rows):
    names, rows = table
    names = list(dict.fromkeys(names))  # a DataFrame's columns are unique
    rows = [row[: len(names)] for row in rows]
    assume(not (fmt in ("csv", "tsv") and len(names) == 1 and any(not row[0].strip() for row in rows)))
    frame = pd.DataFrame(rows, columns=names)
    path = _tmp() / f"out.{fmt}"
    write_table((frame.iloc[i : i + chunk_rows] for i in range(0, len(frame), chunk_rows)), path)
    back = read_all(path)
    assert back.to_numpy().tolist() == frame.to_numpy().tolist()
    assert list(back.columns) == names


@given(st.lists(st.fixed_dictionaries({"id": st.one_of(st.integers(), cell_texts(), st.none()),
                                       "text": st.one_of(cell_texts(), st.integers(), st.none())}),
                min_size=1, max_size=6), st.integers(1, 3))
def test_mixed_type_columns_reach_parquet_or_are_refused_clearly(records, chunk_rows):
    frame = pd.DataFrame.from_records(records)
    path = _tmp() / "out.parquet"
    try:
        write_table((frame.iloc[i : i + chunk_rows] for i in range(0, len(frame), chunk_rows)), path)
    except InputError as exc:
        assert "Parquet" in str(exc) and not path.exists()
        return
    back = read_all(path)
    assert len(back) == len(frame)
