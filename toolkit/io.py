"""Reading and writing tables of texts, in chunks, with atomic output.

This module knows file formats and nothing about models. Readers yield
:class:`pandas.DataFrame` chunks so memory does not grow with the number of
rows; writers publish their file only when the whole run succeeded.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

import pandas as pd

from .errors import InputError
from .logs import log_event
from .outputs import STDIO, OutputFile, write_output_text
from .transcripts import parse_transcript

INPUT_FORMATS = ("csv", "tsv", "jsonl", "parquet", "txt", "dir", "transcript")
OUTPUT_FORMATS = ("csv", "tsv", "jsonl", "parquet")
_EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".txt": "txt",
}
DEFAULT_BATCH_SIZE = 20_000
# The longest line a text reader accepts (characters; a CSV/TSV/JSONL/.txt line or a .txt file of a
# directory). A reader holds at most one line, so this bounds its memory on a pathological file (a
# 500 MB line without a line break) instead of letting it read the whole file into one string.
DEFAULT_MAX_LINE_CHARS = 10_000_000
_log = logging.getLogger(__name__)


def detect_format(path: str | os.PathLike, fmt: str | None = None, *, output: bool = False) -> str:
    """Return the table format of *path*, from *fmt* or else the file extension.

    Examples
    --------
    >>> detect_format("corpus.jsonl")
    'jsonl'
    >>> detect_format("corpus.data", fmt="csv")
    'csv'
    """
    allowed = OUTPUT_FORMATS if output else INPUT_FORMATS
    if fmt is not None:
        fmt = fmt.lower()
        if fmt not in allowed:
            raise InputError(f"{'output ' if output else ''}format '{fmt}' is not supported; expected one of: "
                             f"{', '.join(allowed)}")
        return fmt
    if str(path) == STDIO:
        return "csv"
    path = Path(path)
    if not output and path.is_dir():
        return "dir"
    suffix = path.suffix.lower()
    if suffix in _EXTENSIONS and _EXTENSIONS[suffix] in allowed:
        return _EXTENSIONS[suffix]
    known = ", ".join(ext for ext, f in _EXTENSIONS.items() if f in allowed)
    shown = suffix or "no extension"
    raise InputError(
        f"cannot tell the format of '{path}' ({shown}); expected a file ending in {known}"
        f"{'' if output else ' or a directory of .txt files'}, or pass {'--output-format' if output else '--format'}"
    )


def read_table(
    source: str | os.PathLike,
    fmt: str | None = None,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    encoding: str = "utf-8",
    max_line_chars: int | None = None,
    allow_empty: bool = False,
) -> Iterator[pd.DataFrame]:
    """Yield the rows of *source* as DataFrame chunks of at most *batch_size* rows.

    CSV and TSV values arrive as text, so columns pass through unchanged
    (JSONL values keep their JSON types). A table with columns but no rows (a
    header-only CSV, a Parquet file of 0 rows) is an error, or with
    *allow_empty* one empty chunk that has the columns (a shard of a split
    corpus may be empty). Raises :class:`InputError` for a
    missing or empty file (no header either), bytes that are not valid in
    *encoding*, malformed JSONL lines, and a line longer than
    *max_line_chars* (default :data:`DEFAULT_MAX_LINE_CHARS`, or the value
    set by :func:`max_line_chars`), read no further than that.
    """
    if batch_size < 1:
        raise InputError(f"batch size must be at least 1, got {batch_size}")
    fmt = detect_format(source, fmt)
    name = str(source)
    if name != STDIO and not Path(source).exists():
        raise InputError(f"input file '{name}' does not exist; check the path")
    if name == STDIO and fmt in ("parquet", "dir"):
        raise InputError(f"format '{fmt}' cannot be read from stdin; pass a file path")
    readers = {
        "csv": _read_delimited,
        "tsv": _read_delimited,
        "jsonl": _read_jsonl,
        "parquet": _read_parquet,
        "txt": _read_txt,
        "dir": _read_dir,
        "transcript": _read_transcript,
    }
    log_event(_log, logging.INFO, "input opened", path=name, format=fmt, batch_size=batch_size)
    rows = 0
    header_only = None
    limit = _line_limit.get() if max_line_chars is None else max_line_chars
    for chunk in readers[fmt](name, fmt, batch_size, encoding, limit=limit):
        if len(chunk):
            rows += len(chunk)
            log_event(_log, logging.DEBUG, "chunk read", rows=len(chunk), rows_so_far=rows, columns=len(chunk.columns))
            yield chunk
        elif header_only is None:
            header_only = chunk
    log_event(_log, logging.INFO, "input read", path=name, rows=rows)
    if rows == 0 and allow_empty and header_only is not None:
        yield header_only
    elif rows == 0:
        raise InputError(f"input file '{name}' has no rows; it needs a header and at least one row of text")


_line_limit: ContextVar[int] = ContextVar("max_line_chars", default=DEFAULT_MAX_LINE_CHARS)


@contextmanager
def max_line_chars(limit: int):
    """Within this block, readers accept lines of up to *limit* characters (what ``--max-line-chars`` sets).

    Examples
    --------
    >>> with max_line_chars(50_000_000):
    ...     _line_limit.get()
    50000000
    """
    if limit < 1:
        raise InputError(f"--max-line-chars must be at least 1, got {limit}")
    token = _line_limit.set(limit)
    try:
        yield limit
    finally:
        _line_limit.reset(token)


def current_line_limit() -> int:
    """The line limit readers apply now (``--max-line-chars``, or the default)."""
    return _line_limit.get()


_SAMPLE_BYTES = 1 << 20


def estimate_rows(source: str | os.PathLike, fmt: str | None = None) -> int | None:
    """About how many rows :func:`read_table` yields for *source*, cheaply; None when it cannot tell.

    Exact for Parquet (its metadata) and a directory of .txt files; for text
    formats the file size divided by the mean line length of its first
    megabyte (less exact when texts hold line breaks). None for stdin.
    Meant for a progress bar's total, never for results.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "in.csv"
    >>> _ = path.write_text("text\\n" + "a short text\\n" * 1000)
    >>> estimate_rows(path)
    1000
    """
    if str(source) == STDIO:
        return None
    try:
        fmt = detect_format(source, fmt)
        if fmt == "parquet":
            import pyarrow.parquet as pq

            return pq.ParquetFile(source).metadata.num_rows
        if fmt == "dir":
            return sum(1 for p in Path(source).iterdir() if p.is_file() and p.suffix.lower() == ".txt")
        size = os.path.getsize(source)
        with open(source, "rb") as fh:
            sample = fh.read(_SAMPLE_BYTES)
    except (OSError, InputError, ValueError):
        return None
    lines = sample.count(b"\n") + (not sample.endswith(b"\n") and len(sample) > 0)
    if not lines:
        return 0
    header = 1 if fmt in ("csv", "tsv") else 0
    if len(sample) == size:
        return max(0, lines - header)
    return max(0, round(size * lines / len(sample)) - header)


def read_all(source: str | os.PathLike, fmt: str | None = None, **kwargs) -> pd.DataFrame:
    """Read a whole table into one DataFrame (for labelled files and notebooks)."""
    return pd.concat(list(read_table(source, fmt, **kwargs)), ignore_index=True)


def read_many(sources: Iterable[str | os.PathLike], fmt: str | None = None, *, file_column: str = "file",
              **kwargs) -> pd.DataFrame:
    """Read several tables into one DataFrame, with the file each row came from in *file_column*.

    Columns missing from some files are left empty (NaN) in their rows.
    """
    frames = []
    for source in sources:
        frame = read_all(source, fmt, **kwargs)
        if file_column in frame.columns:
            raise InputError(f"input file '{source}' already has a column '{file_column}'; pass another file_column")
        frames.append(frame.assign(**{file_column: Path(str(source)).name}))
    if not frames:
        raise InputError("no input files were given")
    return pd.concat(frames, ignore_index=True)


def _text_stream(name: str, encoding: str, limit: int = DEFAULT_MAX_LINE_CHARS):
    if name == STDIO:
        fh = io.TextIOWrapper(sys.stdin.buffer, encoding=_decoder_name(encoding), newline="")
    else:
        fh = open(name, encoding=_decoder_name(encoding), newline="")
    return LineLimitedStream(fh, limit, name)


def line_too_long(name: str, line: int, limit: int) -> InputError:
    return InputError(
        f"input file '{name}' line {line:,} is longer than {limit:,} characters, the limit for one line (it keeps "
        "memory bounded); if that line really is one record, raise the limit with --max-line-chars "
        "(max_line_chars= in Python), otherwise check the file's format and line breaks"
    )


class LineLimitedStream:
    """A text stream that stops with :class:`InputError` at a line longer than *limit* characters.

    Lines end at ``\\n`` or ``\\r``. Data passes through in the blocks the
    reader asks for, so no more than one block beyond the limit is ever held.

    Examples
    --------
    >>> stream = LineLimitedStream(io.StringIO("short\\n" + "x" * 20 + "\\n"), 10, "demo.txt")
    >>> next(stream)
    'short\\n'
    >>> next(stream)
    Traceback (most recent call last):
    ...
    toolkit.errors.InputError: input file 'demo.txt' line 2 is longer than 10 characters, the limit for one line (it keeps memory bounded); if that line really is one record, raise the limit with --max-line-chars (max_line_chars= in Python), otherwise check the file's format and line breaks
    """  # noqa: E501

    def __init__(self, stream, limit: int, name: str):
        if limit < 1:
            raise InputError(f"the line limit must be at least 1 character, got {limit}")
        self._stream, self._limit, self._name = stream, limit, name
        self._run = 0  # characters since the last line break
        self._line = 1

    def _check(self, data: str) -> None:
        if not data:
            return
        if self._run + len(data) > self._limit:
            pieces = data.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            lengths = [self._run + len(pieces[0]), *map(len, pieces[1:])]
            for offset, length in enumerate(lengths):
                if length > self._limit:
                    raise line_too_long(self._name, self._line + offset, self._limit)
        last = max(data.rfind("\n"), data.rfind("\r"))
        self._run = self._run + len(data) if last < 0 else len(data) - last - 1
        self._line += data.count("\n") + data.count("\r") - data.count("\r\n")

    def read(self, size: int | None = -1) -> str:
        if size is None or size < 0:
            blocks = []
            while block := self.read(1 << 20):
                blocks.append(block)
            return "".join(blocks)
        data = self._stream.read(size)
        self._check(data)
        return data

    def readline(self, size: int | None = -1) -> str:
        allowance = self._limit - self._run + 1
        line = self._stream.readline(allowance if size is None or size < 0 else min(size, allowance))
        self._check(line)
        return line

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def close(self) -> None:
        self._stream.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _decoder_name(encoding: str) -> str:
    # A UTF-8 byte-order mark is not part of the first column name.
    return "utf-8-sig" if codecs.lookup(encoding).name == "utf-8" else encoding


def _encoding_error(name: str, encoding: str) -> InputError:
    where = ""
    if name != STDIO:
        offset, line = _first_undecodable(name, encoding)
        if offset is not None:
            where = f" at byte {offset} (line {line})"
    return InputError(
        f"input file '{name}' is not valid {encoding}{where}; "
        "pass the file's encoding with --encoding (for example --encoding latin-1)"
    )


def _first_undecodable(path: str, encoding: str) -> tuple[int | None, int | None]:
    decoder = codecs.getincrementaldecoder(encoding)()
    offset, newlines = 0, 0
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                bad = offset + exc.start
                return bad, newlines + block[: exc.start].count(b"\n") + 1
            offset += len(block)
            newlines += block.count(b"\n")
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return offset, newlines + 1
    return None, None


def _read_delimited(name, fmt, batch_size, encoding, limit=DEFAULT_MAX_LINE_CHARS):
    sep = "\t" if fmt == "tsv" else ","
    try:
        with _text_stream(name, encoding, limit) as fh:
            reader = pd.read_csv(
                fh, sep=sep, dtype=str, keep_default_na=False, na_filter=False, chunksize=batch_size
            )
            yield from reader
    except pd.errors.EmptyDataError:
        raise InputError(f"input file '{name}' is empty; it needs a header and at least one row of text") from None
    except UnicodeDecodeError:
        raise _encoding_error(name, encoding) from None
    except pd.errors.ParserError as exc:
        raise InputError(f"input file '{name}' is not valid {fmt.upper()}: {exc}") from None


def _read_jsonl(name, fmt, batch_size, encoding, limit=DEFAULT_MAX_LINE_CHARS):
    records, seen_any = [], False
    columns: dict[str, None] = {}  # keys in order of first appearance in the whole file
    try:
        with _text_stream(name, encoding, limit) as fh:
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                seen_any = True
                try:
                    record = json.loads(line.rstrip("\r\n"))
                except json.JSONDecodeError as exc:
                    raise InputError(
                        f"input file '{name}' line {number} is not valid JSON ({exc.msg}); "
                        "each line must be one JSON object"
                    ) from None
                if not isinstance(record, dict):
                    raise InputError(
                        f"input file '{name}' line {number} is a JSON {type(record).__name__}, "
                        "expected an object such as {\"text\": \"...\"}"
                    )
                records.append(record)
                if len(records) >= batch_size:
                    yield _records_frame(records, columns)
                    records = []
    except UnicodeDecodeError:
        raise _encoding_error(name, encoding) from None
    if not seen_any:
        raise InputError(f"input file '{name}' is empty; it needs one JSON object per line")
    if records:
        yield _records_frame(records, columns)


def _records_frame(records: list[dict], columns: dict[str, None]) -> pd.DataFrame:
    """One chunk of JSONL records with the file's columns so far, in one order.

    Lines may list their keys in any order and leave some out; every chunk
    keeps the column order of the chunks before it (missing values are empty)
    and a key seen for the first time is added at the end.
    """
    for record in records:
        for key in record:
            columns.setdefault(key, None)
    return pd.DataFrame.from_records(records, columns=list(columns))


def _read_parquet(name, fmt, batch_size, encoding, limit=None):
    import pyarrow.lib
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(name)
    except pyarrow.lib.ArrowInvalid as exc:
        raise InputError(f"input file '{name}' is not a valid Parquet file: {exc}") from None
    if parquet.metadata.num_rows == 0:
        yield parquet.schema_arrow.empty_table().to_pandas()
    for batch in parquet.iter_batches(batch_size=batch_size):
        yield batch.to_pandas()


def _read_txt(name, fmt, batch_size, encoding, limit=DEFAULT_MAX_LINE_CHARS):
    ids, texts, number = [], [], 0
    try:
        with _text_stream(name, encoding, limit) as fh:
            for number, line in enumerate(fh, start=1):
                ids.append(str(number))
                texts.append(line.rstrip("\r\n"))
                if len(texts) >= batch_size:
                    yield pd.DataFrame({"id": ids, "text": texts})
                    ids, texts = [], []
    except UnicodeDecodeError:
        raise _encoding_error(name, encoding) from None
    if number == 0:
        raise InputError(f"input file '{name}' is empty; it needs one text per line")
    if texts:
        yield pd.DataFrame({"id": ids, "text": texts})


def _read_dir(name, fmt, batch_size, encoding, limit=DEFAULT_MAX_LINE_CHARS):
    files = sorted(p for p in Path(name).iterdir() if p.is_file() and p.suffix.lower() == ".txt")
    if not files:
        raise InputError(f"input directory '{name}' holds no .txt files; put one text per .txt file in it")
    for start in range(0, len(files), batch_size):
        part = files[start : start + batch_size]
        texts = []
        for path in part:
            try:
                with open(path, encoding=_decoder_name(encoding)) as fh:
                    text = fh.read(limit + 1)
                if len(text) > limit:
                    raise InputError(f"input file '{path}' is longer than {limit:,} characters, the limit for one "
                                     "text file (it keeps memory bounded); raise it with --max-line-chars "
                                     "(max_line_chars= in Python)")
                texts.append(text.strip())
            except UnicodeDecodeError:
                raise _encoding_error(str(path), encoding) from None
        yield pd.DataFrame({"id": [p.name for p in part], "text": texts})


def read_transcript(source: str | os.PathLike, conversation_id: str | None = None, *,
                    batch_size: int = DEFAULT_BATCH_SIZE, encoding: str = "utf-8") -> Iterator[pd.DataFrame]:
    r"""Yield the messages of a plain-text chat transcript as chunks with the chat columns.

    Each message starts with ``[timestamp] Name: message`` or ``Name: message``;
    other lines continue the message before them (joined with a line break),
    and blank lines are skipped. When the first message has a timestamp, only
    timestamped lines start a new message, so a line such as "PS: ..." inside
    a message stays part of it. *conversation_id* defaults to the file name
    without its extension (``stdin`` for ``-``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "k07.txt"
    >>> _ = path.write_text("[2026-05-03 21:14] Zoe: you ok?\n[2026-05-03 21:15] Sam: fine\nreally\n")
    >>> next(read_transcript(path)).values.tolist()
    [['k07', 'Zoe', '2026-05-03 21:14', 'you ok?'], ['k07', 'Sam', '2026-05-03 21:15', 'fine\nreally']]
    """
    name = str(source)
    if name != STDIO and not Path(source).exists():
        raise InputError(f"input file '{name}' does not exist; check the path")
    if conversation_id is None:
        conversation_id = "stdin" if name == STDIO else Path(name).stem
    yield from _read_transcript(name, "transcript", batch_size, encoding, conversation_id, limit=_line_limit.get())


def _read_transcript(name, fmt, batch_size, encoding, conversation_id=None, limit=DEFAULT_MAX_LINE_CHARS):
    if conversation_id is None:
        conversation_id = "stdin" if name == STDIO else Path(name).stem
    try:
        with _text_stream(name, encoding, limit) as fh:
            yield from parse_transcript(fh, conversation_id, name=name, batch_size=batch_size)
    except UnicodeDecodeError:
        raise _encoding_error(name, encoding) from None


def csv_quoting(frame: pd.DataFrame) -> int:
    """The ``csv`` quoting mode that writes *frame* so it reads back unchanged.

    Python's csv writer quotes a value holding ``\\n`` but not one holding a
    lone ``\\r`` (when lines end in ``\\n``), and every CSV reader takes such
    a ``\\r`` for the end of the row. A chunk with one is written with every
    text value quoted instead.

    Examples
    --------
    >>> csv_quoting(pd.DataFrame({"text": ["fine", "a\\rb"]})) == csv.QUOTE_NONNUMERIC
    True
    """
    for column in frame.columns:
        values = frame[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values.dtype):
            if values.astype(object).map(lambda v: isinstance(v, str) and "\r" in v).any():
                return csv.QUOTE_NONNUMERIC
    return csv.QUOTE_MINIMAL


def format_rows(frame: pd.DataFrame, fmt: str) -> tuple[str, str]:
    """*frame* as the text of a *fmt* file (CSV, TSV or JSONL): ``(header, body)``; JSONL has no header.

    Examples
    --------
    >>> format_rows(pd.DataFrame({"id": [1, 2], "text": ["a", "b, c"]}), "csv")
    ('id,text\\n', '1,a\\n2,"b, c"\\n')
    """
    if fmt in ("csv", "tsv"):
        sep = "\t" if fmt == "tsv" else ","
        quoting = csv_quoting(frame)
        return (frame.head(0).to_csv(sep=sep, index=False),
                frame.to_csv(sep=sep, header=False, index=False, quoting=quoting))
    if fmt == "jsonl":
        return "", (frame.to_json(orient="records", lines=True, force_ascii=False).rstrip("\n") + "\n"
                    if len(frame) else "")
    raise InputError(f"format '{fmt}' is not a text format; expected csv, tsv or jsonl")


class ChunkWriter:
    """What every writer of chunked output shares: the format, the header fixed by the first chunk, and
    the context-manager protocol (an exception aborts, success closes).

    Subclasses implement :meth:`_append` (text of whole rows, after the header check), :meth:`close` and
    :meth:`abort`. Rows arrive as frames (:meth:`write`) or already formatted by :func:`format_rows`
    (:meth:`write_formatted`: parallel workers format their own chunks, the slow part of writing text).
    """

    def __init__(self, dest: str | os.PathLike, fmt: str | None = None):
        self.dest = str(dest)
        self.fmt = detect_format(dest, fmt, output=True)
        self._header: str | None = None

    def write(self, chunk: pd.DataFrame) -> None:
        """Append a chunk of rows."""
        self.write_formatted(*format_rows(chunk, self.fmt), len(chunk))

    def write_formatted(self, header: str, body: str, rows: int = 0) -> None:
        """Append *rows* rows already formatted for this CSV, TSV or JSONL file (by :func:`format_rows`)."""
        if self._header is None:
            self._header = header
        elif header != self._header:
            # A chunk with other columns would put its values under the wrong names.
            sep = "\t" if self.fmt == "tsv" else ","
            before, after = (next(csv.reader([h], delimiter=sep), []) for h in (self._header, header))
            raise InputError(changed_columns_message(self.dest, before, after))
        else:
            header = ""
        self._append(header + body, rows)

    def _append(self, text: str, rows: int) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def abort(self) -> None:
        raise NotImplementedError

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


class TableWriter(ChunkWriter):
    """Write DataFrame chunks to one file, published atomically on success.

    Where the rows go follows :mod:`toolkit.outputs`: for a file, a hidden
    temporary file beside it that :meth:`close` renames into place and
    :meth:`abort` deletes (used as a context manager, an exception aborts, so
    a failed run never leaves a partial file behind); a device or FIFO is
    written directly and ``"-"`` is stdout (neither atomic by nature).
    """

    def __init__(self, dest: str | os.PathLike, fmt: str | None = None, *, what: str = "output"):
        super().__init__(dest, fmt)
        if self.fmt == "parquet" and self.dest == STDIO:
            raise InputError("Parquet cannot be written to stdout; pass an output file path")
        self._out = OutputFile(dest, binary=self.fmt == "parquet", what=what)
        self._parquet = None
        self._schema = None
        self.metadata: dict[str, str] = {}

    def _stream(self):
        return self._out.handle()

    def write(self, frame: pd.DataFrame) -> None:
        """Append a chunk of rows."""
        if self.fmt == "parquet":
            self._write_parquet(frame)
        else:
            super().write(frame)

    def _append(self, text: str, rows: int) -> None:
        self._stream().write(text)

    def stream(self):
        """The text stream of a CSV, TSV or JSONL output, to copy formatted rows into (after the header)."""
        return self._stream()

    def _write_parquet(self, frame: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            table = pa.Table.from_pandas(frame, preserve_index=False)
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, OverflowError):
            raise InputError(self._parquet_type_message(frame)) from None
        if self._parquet is None:
            self._schema = table.schema
            self._parquet = pq.ParquetWriter(self._out.handle(), self._schema)
        else:
            if table.schema.names != self._schema.names:
                raise InputError(changed_columns_message(self.dest, self._schema.names, table.schema.names))
            try:
                table = table.cast(self._schema)
            except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, OverflowError):
                changed = [f"'{field.name}' ({field.type} after {self._schema.field(field.name).type})"
                           for field in table.schema if field.type != self._schema.field(field.name).type]
                raise InputError(
                    f"cannot write '{self.dest}' as Parquet: column {', '.join(changed)} changes type between chunks "
                    "of rows, and a Parquet column has one type; write CSV or JSONL instead, or give the column "
                    "values of one type"
                ) from None
        self._parquet.write_table(table)

    def _parquet_type_message(self, frame: pd.DataFrame) -> str:
        mixed = []
        for column in frame.columns:
            kinds = {type(v).__name__ for v in frame[column] if v is not None and not (isinstance(v, float) and v != v)}
            if len(kinds) > 1:
                mixed.append(f"'{column}' ({' and '.join(sorted(kinds))})")
        where = (f"column {', '.join(mixed)} mixes value types" if mixed
                 else "a column holds values Parquet cannot store")
        return (f"cannot write '{self.dest}' as Parquet: {where}, and a Parquet column has one type; "
                "write CSV or JSONL instead, or give the column values of one type")

    def close(self) -> None:
        """Flush and publish the file (an empty table still gets its header when it was given one)."""
        if self._parquet is not None:
            if self.metadata:
                self._parquet.add_key_value_metadata(self.metadata)
            self._parquet.close()
        self._out.commit()

    def abort(self) -> None:
        """Discard everything written so far."""
        try:
            if self._parquet is not None:
                self._parquet.close()
        finally:
            self._out.discard()


def changed_columns_message(dest: str, before, after) -> str:
    added = [c for c in after if c not in before]
    missing = [c for c in before if c not in after]
    what = (f"column '{added[0]}' first appears" if added else
            f"column '{missing[0]}' is missing" if missing else "the columns come in another order")
    return (f"cannot write '{dest}': {what} after the first chunk of rows, but the file's columns were fixed by the "
            "first chunk; give every input row the same fields (a JSONL line may set a missing one to null), "
            "choose the columns to keep (--keep-columns), or raise --batch-size above the number of rows")


def write_table(frames: pd.DataFrame | Iterable[pd.DataFrame], dest: str | os.PathLike, fmt: str | None = None) -> None:
    """Write one DataFrame or an iterable of chunks to *dest* atomically."""
    if isinstance(frames, pd.DataFrame):
        frames = [frames]
    with TableWriter(dest, fmt) as writer:
        for frame in frames:
            writer.write(frame)


def write_text_atomic(dest: str | os.PathLike, text: str, *, what: str = "output", stdout: bool = False,
                      private: bool = False) -> None:
    """Write a text file (JSON, HTML, Markdown) following :mod:`toolkit.outputs` (atomic for a file)."""
    write_output_text(dest, text, what=what, stdout=stdout, private=private)
