"""The Dask engine: the classify pipeline on a Dask cluster (the ``[dask]`` extra).

Input files are read with ``dask.dataframe`` (a CSV, TSV or Parquet file or a
glob of them), each partition is classified with
:func:`toolkit.classification.classify_frame` (the local engine's code) and written
by its worker as a part file; the client then joins the parts, in input
order, into one output file (``-o``), or publishes the directory of parts
(``--output-parts``).
The model travels to the workers once, as plain data
(:meth:`BarrierModel.to_payload`), and is rebuilt once per worker process.
"""

from __future__ import annotations

import contextlib
import glob
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

from .classification import DEFAULT_MAX_TEXT_CHARS, ChunkOptions, ClassifySummary, score_chunk
from .engine import encode_rows
from .errors import InputError, MissingExtraError, ToolkitError
from .io import TableWriter, detect_format
from .models import BarrierModel, model_from_payload
from .outputs import STDIO, output_directory, output_target

DASK_INPUT_FORMATS = ("csv", "tsv", "parquet")
DASK_OUTPUT_FORMATS = ("parquet", "csv", "tsv", "jsonl")
_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".parquet": "parquet", ".pq": "parquet"}
_PART_SUFFIXES = {**_SUFFIXES, ".jsonl": "jsonl"}


def require_dask():
    """Import and return ``(dask, dask.dataframe, distributed)``, or raise :class:`MissingExtraError`."""
    try:
        import dask
        import dask.dataframe as dd
        import distributed
    except ImportError as exc:
        raise MissingExtraError(exc.name or "dask", "dask", "--engine dask") from None
    return dask, dd, distributed


def classify_with_dask(source: str, output: str | None, model: BarrierModel, *, fmt: str | None = None,
                       output_format: str | None = None, text_column: str = "text", id_column: str | None = None,
                       keep_columns: list[str] | None = None, scheduler: str | None = None, jobs: int = 2,
                       encoding: str = "utf-8", blocksize: str | int | None = None,
                       max_text_chars: int | None = DEFAULT_MAX_TEXT_CHARS, output_parts: str | None = None,
                       progress: bool | Callable[[int], None] = False, file_metadata=None) -> ClassifySummary:
    """Classify *source* on a Dask cluster into one file *output*, or a directory of parts; return the run's totals.

    Parameters
    ----------
    source : str
        A CSV, TSV or Parquet file, or a glob (``"corpus/*.csv"``). A
        directory is refused: for the local engine it means a directory of
        .txt files, which this engine does not read.
    output : str, optional
        One output file (CSV, TSV, JSONL or Parquet by extension or
        *output_format*), rows in input order, written under the same rules
        as the local engine's (:mod:`toolkit.outputs`: a regular file is
        replaced atomically, a device or pipe written to).
    output_parts : str, optional
        Instead of *output*: a new (or empty) directory that receives one file
        per partition, ``part.0.parquet``, ``part.1.parquet``, ... (as
        ``dask.dataframe.to_parquet`` names them; ``part.0.csv``, ... for
        CSV), in input order. It is built beside its final place and renamed
        when complete, so the machine running this must see the same file
        system as the workers.
    scheduler : str, optional
        Address of a running scheduler (``tcp://host:8786``); otherwise a
        local cluster of *jobs* single-threaded worker processes is started.
    blocksize : str or int, optional
        Size of the CSV partitions; by default the input is cut into about
        four partitions per worker (at most 64 MB, at least 1 MB each), so
        every worker has work.
    max_text_chars : int, optional
        As for the local engine: longer texts are scored on their first
        characters, with a ``warning``.
    progress : bool or callable
        True shows Dask's own progress bar on stderr; a callable is called
        with the row count of each partition as it completes (in completion
        order), as the local engine calls it after each chunk.
    file_metadata : callable, optional
        ``rows -> dict[str, str]``: key-value metadata for a one-file Parquet
        output (the CLI's provenance record).
    """
    dask, dd, distributed = require_dask()
    started = time.perf_counter()
    if (output is None) == (output_parts is None):
        raise InputError("pass either -o FILE (one output file) or --output-parts DIRECTORY, not both or neither")
    if source == STDIO or output_parts == STDIO:
        raise InputError("--engine dask reads files, not stdin; pass an input path (and --output-parts takes a "
                         "directory, not '-')")
    in_fmt, paths = _input_paths(source, fmt)
    if output is not None:
        out_fmt = detect_format(output, output_format, output=True)
        if out_fmt == "parquet" and output == STDIO:
            raise InputError("Parquet cannot be written to stdout; pass an output file path")
        if output != STDIO:
            output_target(output)  # a directory, a dangling link: refused before any work
        workdir = Path(output).resolve().parent if output != STDIO else Path.cwd()
    else:
        out_fmt = _output_format(output_parts, output_format)
        _check_output_dir(output_parts)
        workdir = Path(output_parts).resolve().parent
    taxonomy_ids = model.taxonomy_.ids
    options = ChunkOptions(text_column=text_column, id_column=id_column,
                           keep_columns=None if keep_columns is None else tuple(keep_columns), source=source,
                           max_text_chars=max_text_chars)
    with _client(distributed, scheduler, jobs) as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})) or jobs)
        if in_fmt == "parquet":
            frame = dd.read_parquet(paths)
        else:
            frame = dd.read_csv(paths, sep="\t" if in_fmt == "tsv" else ",", dtype=str, keep_default_na=False,
                                na_filter=False, encoding=encoding,
                                blocksize=blocksize or partition_bytes(paths, workers))
        # Classifying the (empty) meta frame checks the columns before any work is sent.
        meta_out = score_chunk(frame._meta, model, options).out
        [payload] = client.scatter([model.to_payload()], broadcast=True)
        final = Path(output_parts if output_parts is not None else (output if output != STDIO else "stdout"))
        partial = Path(tempfile.mkdtemp(dir=workdir, prefix=f".{final.name}.", suffix=".partial"))
        try:
            # One pass: each task classifies a partition, writes its part file
            # and returns only its totals.
            # Parts for one output file are written as the file's format needs them: text without a header.
            part_fmt = (out_fmt if output_parts is not None
                        else ("parquet" if out_fmt == "parquet" else out_fmt + "-body"))
            task = frame.map_partitions(_classify_and_write, payload, options, str(partial), part_fmt, taxonomy_ids,
                                        meta=_counts_meta(taxonomy_ids))
            if callable(progress):
                totals = _gather_with_progress(client, distributed, task, progress)
            else:
                future = client.compute(task)
                if progress:
                    # Dask's text bar writes to stdout, which may be the output itself: send it to stderr.
                    with contextlib.redirect_stdout(sys.stderr):
                        distributed.progress(future)
                totals = future.result()
            if output_parts is not None:
                _publish(partial, Path(output_parts))
            else:
                metadata = file_metadata(int(totals["rows"].sum())) if file_metadata is not None else {}
                _concatenate(partial, output, out_fmt, meta_out, frame.npartitions, metadata)
        finally:
            shutil.rmtree(partial, ignore_errors=True)
            # Dropping the last reference releases the scattered model (cancelling it made the scheduler
            # log an AssertionError once the run's own future was gone).
            del payload
    summary = ClassifySummary(labels=taxonomy_ids)
    summary.rows = int(totals["rows"].sum())
    summary.empty_texts = int(totals["empty"].sum())
    summary.truncated_texts = int(totals["truncated"].sum())
    summary.not_english = int(totals["not_english"].sum())
    summary.positives = {label: int(totals[label].sum()) for label in taxonomy_ids}
    summary.seconds = time.perf_counter() - started
    return summary


def _gather_with_progress(client, distributed, task, progress: Callable[[int], None]) -> pd.DataFrame:
    """Compute each partition's totals as its own future, calling *progress* with its rows as it completes."""
    futures = client.compute(task.to_delayed())
    totals = {}
    for future in distributed.as_completed(futures):
        totals[future.key] = counts = future.result()
        progress(int(counts["rows"].sum()))
    return pd.concat([totals[f.key] for f in futures], ignore_index=True)


def partition_bytes(paths, workers: int) -> int:
    """CSV block size: about four partitions per worker, between 1 MB and 64 MB.

    One partition per 64 MB left an 88 MB file in one or two partitions, so
    a second worker had nothing to do (issue #17).

    Examples
    --------
    >>> partition_bytes([], 2)
    1000000
    """
    files = glob.glob(paths) if isinstance(paths, str) else paths
    total = sum(os.path.getsize(p) for p in files)
    return int(min(64_000_000, max(1_000_000, total // (4 * workers))))


def read_dask_output(path: str | os.PathLike) -> pd.DataFrame:
    """All rows of an output of :func:`classify_with_dask` (one file, or a directory of parts), in order."""
    path = Path(path)
    if not path.is_dir():
        if path.suffix == ".parquet":
            return pd.read_parquet(path)
        return pd.read_csv(path, sep="\t" if path.suffix == ".tsv" else ",", dtype=str, keep_default_na=False)
    parts = sorted(path.glob("part.*"), key=lambda p: int(p.name.split(".")[1]))
    if not parts:
        raise InputError(f"'{path}' holds no part.* files; pass a directory written by --engine dask --output-parts")
    if parts[0].suffix == ".parquet":
        return pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)
    sep = "\t" if parts[0].suffix == ".tsv" else ","
    return pd.concat([pd.read_csv(p, sep=sep, dtype=str, keep_default_na=False) for p in parts], ignore_index=True)


# -- on the workers -----------------------------------------------------------
_worker_models: dict[int, tuple[dict, BarrierModel]] = {}


def _classify_and_write(frame: pd.DataFrame, payload: dict, options: ChunkOptions, directory: str, fmt: str,
                        labels: tuple[str, ...], partition_info=None) -> pd.DataFrame:
    # The scattered payload is one object per worker, so its id names it; the
    # cache keeps the payload alive, so the id cannot be reused meanwhile.
    cached = _worker_models.get(id(payload))
    if cached is None:
        _worker_models.clear()
        cached = _worker_models[id(payload)] = (payload, model_from_payload(payload))
    result = score_chunk(frame, cached[1], options)
    out, decisions = result.out, result.decisions
    if partition_info is None:
        if len(frame):
            raise ToolkitError("Dask did not pass partition_info to the partition function; upgrade dask")
    else:
        body = fmt.endswith("-body")
        kind = fmt.removesuffix("-body")
        path = os.path.join(directory, f"part.{partition_info['number']}.{kind}")
        # Created readable by its owner only, like every output file of the toolkit: it holds the texts.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            if kind == "parquet":
                out.to_parquet(fh, index=False)
            else:
                encoded = encode_rows(out, kind)
                fh.write(((encoded.body if body else encoded.header + encoded.body)).encode("utf-8"))
    row = {"rows": len(out), "empty": result.empty, "truncated": result.truncated, "not_english": result.not_english}
    row.update({label: int(decisions[:, j].sum()) for j, label in enumerate(labels)})
    return pd.DataFrame([row], columns=list(_counts_meta(labels).columns))


def _counts_meta(labels) -> pd.DataFrame:
    return pd.DataFrame({name: np.zeros(0, dtype=np.int64)
                         for name in ["rows", "empty", "truncated", "not_english", *labels]})


# -- on the client --------------------------------------------------------------
@contextmanager
def _client(distributed, scheduler: str | None, jobs: int):
    if scheduler is not None:
        try:
            client = distributed.Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise InputError(f"cannot reach the Dask scheduler at '{scheduler}' ({exc}); check the address "
                             "(for example tcp://10.0.0.5:8786) and that the scheduler is running") from None
        try:
            yield client
        finally:
            client.close()
        return
    # A local cluster logs every worker start and stop; only errors matter here.
    quiet = logging.getLogger("distributed")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    cluster = distributed.LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None,
                                       silence_logs=logging.CRITICAL)
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()
        quiet.setLevel(level)


def _input_paths(source: str, fmt: str | None) -> tuple[str, str | list[str]]:
    if fmt is not None and fmt not in DASK_INPUT_FORMATS:
        raise InputError(f"--engine dask reads {', '.join(DASK_INPUT_FORMATS)} files, not '{fmt}'; "
                         "use the local engine for other formats")
    if Path(source).is_dir():
        raise InputError(f"input '{source}' is a directory, which for the local engine means a directory of .txt "
                         "files (one text per file); --engine dask does not read those: pass a glob of CSV, TSV or "
                         f"Parquet files such as '{Path(source) / '*.csv'}', or use the local engine")
    matches = sorted(glob.glob(source))
    if not matches:
        raise InputError(f"input '{source}' matches no file; check the path or the glob")
    paths: str | list[str] = source
    suffix = Path(matches[0]).suffix.lower()
    detected = fmt or _SUFFIXES.get(suffix)
    if detected is None:
        raise InputError(f"cannot tell the format of '{source}' ({suffix or 'no extension'}); --engine dask reads "
                         ".csv, .tsv or .parquet files, or pass --format")
    return detected, paths


def _output_format(output: str, output_format: str | None) -> str:
    if output_format is None:
        return _PART_SUFFIXES.get(Path(output).suffix.lower(), "parquet")
    if output_format not in DASK_OUTPUT_FORMATS:
        raise InputError(f"--engine dask writes {', '.join(DASK_OUTPUT_FORMATS)}, not '{output_format}'")
    return output_format


def _check_output_dir(output: str) -> None:
    path = output_directory(output, what="--output-parts directory")
    if path.exists() and any(path.iterdir()):
        raise InputError(f"--output-parts directory '{output}' is not empty; it receives a new set of part files, "
                         "so pass a new path (or an empty directory)")
    if not path.resolve().parent.is_dir():
        raise InputError(f"output directory '{path.resolve().parent}' does not exist; create it first")


def _concatenate(partial: Path, output: str, fmt: str, meta_out: pd.DataFrame, partitions: int,
                 metadata: dict[str, str]) -> None:
    """Write the parts, in partition order, as one *output* file (atomically for a file)."""
    with TableWriter(output, fmt) as writer:
        writer.metadata = metadata
        if fmt == "parquet":
            wrote = False
            for number in range(partitions):
                part = partial / f"part.{number}.parquet"
                if part.exists():
                    writer.write(pd.read_parquet(part))
                    wrote = True
            if not wrote:
                writer.write(meta_out)
            return
        # Text parts hold only their rows; the header comes from the columns the meta frame gives.
        writer.write_formatted(encode_rows(meta_out, fmt).header, "")
        stream = writer.stream()
        for number in range(partitions):
            part = partial / f"part.{number}.{fmt}"
            if part.exists():
                with open(part, encoding="utf-8", newline="") as fh:
                    shutil.copyfileobj(fh, stream, 1 << 20)


def _publish(partial: Path, output: Path) -> None:
    os.chmod(partial, 0o700)  # the part files hold texts: owner only, as mkdtemp made it
    if output.is_dir():
        output.rmdir()  # empty, checked before the run
    os.replace(partial, output)
