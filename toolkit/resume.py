"""Resumable output: a long run that is killed continues from its last completed chunk.

:class:`ResumableWriter` appends finished chunks to ``OUTPUT.partial`` and
after each one records, in ``OUTPUT.checkpoint.json``, how many input rows
and output bytes are done, together with what makes the run what it is (the
input file's size and modification time, the options, the model). Started
again with the same run, it cuts the partial file back to the last recorded
chunk (a chunk half-written when the run died is dropped), and the caller
skips the rows already done. On success the partial file is renamed to
OUTPUT and the checkpoint removed, so the final file is the same as that of
an uninterrupted run.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd

from .errors import InputError
from .io import STDIO, ChunkWriter, write_text_atomic
from .logs import log_event
from .outputs import output_target

CHECKPOINT_VERSION = 1
RESUMABLE_FORMATS = ("csv", "tsv", "jsonl")
_log = logging.getLogger(__name__)


def input_fingerprint(path: str | os.PathLike) -> dict:
    """What identifies an input file cheaply: resolved path, size and modification time (ns)."""
    if str(path) == STDIO:
        raise InputError("--resume needs an input file it can read again; stdin cannot be resumed")
    stat = os.stat(path)
    return {"path": str(Path(path).resolve()), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def checkpoint_paths(dest: str | os.PathLike) -> tuple[Path, Path]:
    """``(OUTPUT.partial, OUTPUT.checkpoint.json)`` beside *dest*."""
    dest = Path(dest)
    return dest.with_name(dest.name + ".partial"), dest.with_name(dest.name + ".checkpoint.json")


class ResumableWriter(ChunkWriter):
    """Write CSV, TSV or JSONL chunks so that a killed run can continue where it stopped.

    Parameters
    ----------
    dest : path
        The output file (not stdout).
    fmt : str, optional
        Output format; by default from the extension.
    run : dict
        JSON-able description of the run (input fingerprint, options, model
        id). A checkpoint made for another run is refused, never continued.

    Use :meth:`start` (returns the rows already done), :meth:`write` for
    each chunk in order, then :meth:`close`. On an error or an interrupt,
    :meth:`abort` keeps the partial file and the checkpoint for next time.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "out.csv"
    >>> writer = ResumableWriter(out, run={"input": "demo"})
    >>> writer.start()
    0
    >>> writer.write(pd.DataFrame({"id": [1], "label": ["a"]}))
    >>> writer.abort()                     # the run dies here
    >>> again = ResumableWriter(out, run={"input": "demo"})
    >>> again.start()                      # one row done: skip it, go on
    1
    >>> again.write(pd.DataFrame({"id": [2], "label": ["b"]}))
    >>> again.close()
    >>> out.read_text()
    'id,label\\n1,a\\n2,b\\n'
    """

    def __init__(self, dest: str | os.PathLike, fmt: str | None = None, *, run: dict):
        if str(dest) == STDIO:
            raise InputError("--resume needs an output file; stdout cannot be resumed")
        super().__init__(dest, fmt)
        target = output_target(dest)
        if target.kind != "atomic":
            raise InputError(f"--resume needs a regular output file, and '{dest}' is a device, pipe or socket; "
                             "write to a file, or drop --resume")
        # A symbolic link stays: its target is the file written, and keeps its permission bits.
        self.dest = Path(target.path)
        self._mode = target.mode
        if self.fmt not in RESUMABLE_FORMATS:
            raise InputError(f"--resume works with CSV, TSV or JSONL output, not {self.fmt}; "
                             "write one of those (and convert afterwards) or drop --resume")
        self.partial, self.checkpoint = checkpoint_paths(self.dest)
        self.run = json.loads(json.dumps(run))
        self.rows_done = 0
        self.resumed_rows = 0
        self._bytes = 0
        self._fh = None

    def start(self) -> int:
        """Open the partial file (continuing a matching checkpoint); return the input rows already done."""
        # A run killed while it rewrote the checkpoint leaves that write's hidden temporary file behind.
        for stale in self.checkpoint.parent.glob(f".{self.checkpoint.name}.*.partial"):
            stale.unlink(missing_ok=True)
        if self.checkpoint.exists():
            state = self._read_checkpoint()
            size = self.partial.stat().st_size if self.partial.exists() else -1
            if size < state["output_bytes"]:
                raise InputError(
                    f"checkpoint '{self.checkpoint}' records {state['output_bytes']:,} bytes of output, but "
                    f"'{self.partial}' {'is missing' if size < 0 else f'has {size:,}'}; delete both files to start "
                    "again"
                )
            self.rows_done = self.resumed_rows = int(state["rows_done"])
            self._bytes = int(state["output_bytes"])
            self._header = state.get("header") or None
            self._fh = open(self.partial, "r+b")  # closed in close() or abort()
            self._fh.truncate(self._bytes)  # drop a chunk the previous run did not finish
            self._fh.seek(self._bytes)
            log_event(_log, logging.INFO, "run resumed", rows_done=self.rows_done, output_bytes=self._bytes,
                      checkpoint=str(self.checkpoint))
        else:
            fd = os.open(self.partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            self._fh = os.fdopen(fd, "wb")
            self._save()
        return self.rows_done

    def _read_checkpoint(self) -> dict:
        try:
            state = json.loads(self.checkpoint.read_text(encoding="utf-8"))
            recorded = state["run"]
            int(state["rows_done"]), int(state["output_bytes"])
        except (OSError, ValueError, KeyError, TypeError):
            raise InputError(f"checkpoint '{self.checkpoint}' is unreadable; delete it and '{self.partial}' to start "
                             "again") from None
        if state.get("version") != CHECKPOINT_VERSION or recorded != self.run:
            changed = sorted(k for k in set(recorded) | set(self.run) if recorded.get(k) != self.run.get(k))
            raise InputError(
                f"checkpoint '{self.checkpoint}' belongs to another run (changed: {', '.join(changed) or 'version'}); "
                "run the same command on the same, unchanged input to continue it, or delete "
                f"'{self.checkpoint}' and '{self.partial}' to start again"
            )
        return state

    def _save(self) -> None:
        state = {"version": CHECKPOINT_VERSION, "run": self.run, "rows_done": self.rows_done,
                 "output_bytes": self._bytes, "header": self._header or ""}
        write_text_atomic(self.checkpoint, json.dumps(state, indent=1, ensure_ascii=False) + "\n")

    def _append(self, text: str, rows: int) -> None:
        # A chunk counts as done once it is on disk.
        data = text.encode("utf-8")
        self._fh.write(data)
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._bytes += len(data)
        self.rows_done += rows
        self._save()

    def close(self) -> None:
        """Publish the output (rename the partial file) and remove the checkpoint."""
        self._fh.close()
        if self._mode != 0o600:
            os.chmod(self.partial, self._mode)
        os.replace(self.partial, self.dest)
        self.checkpoint.unlink(missing_ok=True)
        log_event(_log, logging.INFO, "output written", path=str(self.dest), format=self.fmt, rows=self.rows_done)

    def abort(self) -> None:
        """Stop, keeping the partial file and the checkpoint so the run can be resumed."""
        if self._fh is not None:
            self._fh.close()
        log_event(_log, logging.WARNING, "run stopped; checkpoint kept", rows_done=self.rows_done,
                  checkpoint=str(self.checkpoint))


def skip_rows(frames: Iterable[pd.DataFrame], rows: int) -> Iterator[pd.DataFrame]:
    """The chunks of *frames* without their first *rows* rows.

    Examples
    --------
    >>> chunks = [pd.DataFrame({"x": [1, 2]}), pd.DataFrame({"x": [3, 4]})]
    >>> [c["x"].tolist() for c in skip_rows(chunks, 3)]
    [[4]]
    """
    for frame in frames:
        if len(frame) and rows >= len(frame):  # an empty (header-only) chunk passes: it carries the columns
            rows -= len(frame)
            continue
        yield frame.iloc[rows:] if rows else frame
        rows = 0
