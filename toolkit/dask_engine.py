"""The Dask engine: the classify pipeline on a Dask cluster (the ``[dask]`` extra).

Input files are read with ``dask.dataframe`` (a file, a glob or a directory
of CSV, TSV or Parquet files), each partition is classified with
:func:`toolkit.classify.classify_frame` (the local engine's code), and the
output is a directory of partitioned Parquet or CSV files, in input order.
The model travels to the workers once, as plain data
(:meth:`BarrierModel.to_payload`), and is rebuilt once per worker process.
"""

from __future__ import annotations

import glob
import logging
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

from .classify import ClassifySummary, classify_frame
from .errors import InputError, MissingExtraError
from .io import csv_quoting
from .models import BarrierModel, model_from_payload

DASK_INPUT_FORMATS = ("csv", "tsv", "parquet")
DASK_OUTPUT_FORMATS = ("parquet", "csv", "tsv")
_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".parquet": "parquet", ".pq": "parquet"}


def require_dask():
    """Import and return ``(dask, dask.dataframe, distributed)``, or raise :class:`MissingExtraError`."""
    try:
        import dask
        import dask.dataframe as dd
        import distributed
    except ImportError as exc:
        raise MissingExtraError(exc.name or "dask", "dask", "--engine dask") from None
    return dask, dd, distributed


def classify_with_dask(source: str, output: str, model: BarrierModel, *, fmt: str | None = None,
                       output_format: str | None = None, text_column: str = "text", id_column: str | None = None,
                       keep_columns: list[str] | None = None, scheduler: str | None = None, jobs: int = 2,
                       encoding: str = "utf-8", blocksize: str | int = "64MB") -> ClassifySummary:
    """Classify *source* on a Dask cluster into the directory *output*; return the run's totals.

    Parameters
    ----------
    source : str
        A CSV, TSV or Parquet file, a glob (``"corpus/*.csv"``) or a directory of such files.
    output : str
        A new (or empty) directory: it receives ``part.00000.parquet``, ... (or
        ``part.00000.csv``, ...), one file per input partition, in input order.
        It is built beside its final place and renamed when complete, so the
        machine running this must see the same file system as the workers.
    scheduler : str, optional
        Address of a running scheduler (``tcp://host:8786``); otherwise a
        local cluster of *jobs* single-threaded worker processes is started.
    blocksize : str or int
        Size of the CSV partitions (Parquet files partition by row group).
    """
    dask, dd, distributed = require_dask()
    started = time.perf_counter()
    if source == "-" or output == "-":
        raise InputError("--engine dask reads files and writes a directory of files, not stdin/stdout; "
                         "pass an input path and -o DIRECTORY")
    in_fmt, paths = _input_paths(source, fmt)
    out_fmt = _output_format(output, output_format)
    _check_output_dir(output)
    taxonomy_ids = model.taxonomy_.ids
    options = {"text_column": text_column, "id_column": id_column, "keep_columns": keep_columns, "source": source}
    with _client(distributed, scheduler, jobs) as client:
        if in_fmt == "parquet":
            frame = dd.read_parquet(paths)
        else:
            frame = dd.read_csv(paths, sep="\t" if in_fmt == "tsv" else ",", dtype=str, keep_default_na=False,
                                na_filter=False, encoding=encoding, blocksize=blocksize)
        # Classifying the (empty) meta frame checks the columns before any work is sent.
        classify_frame(frame._meta, model, **options)
        [payload] = client.scatter([model.to_payload()], broadcast=True)
        partial = Path(tempfile.mkdtemp(dir=Path(output).resolve().parent, prefix=f".{Path(output).name}.",
                                        suffix=".partial"))
        try:
            # One pass: each task classifies a partition, writes its part file
            # and returns only its totals.
            totals = frame.map_partitions(_classify_and_write, payload, options, str(partial), out_fmt, taxonomy_ids,
                                          meta=_counts_meta(taxonomy_ids)).compute()
            _publish(partial, Path(output))
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        finally:
            client.cancel(payload)
    summary = ClassifySummary(labels=taxonomy_ids)
    summary.rows = int(totals["rows"].sum())
    summary.empty_texts = int(totals["empty"].sum())
    summary.positives = {label: int(totals[label].sum()) for label in taxonomy_ids}
    summary.seconds = time.perf_counter() - started
    return summary


def read_dask_output(directory: str | os.PathLike) -> pd.DataFrame:
    """All rows of a directory written by :func:`classify_with_dask`, in order, as one DataFrame."""
    directory = Path(directory)
    parts = sorted(directory.glob("part.*"))
    if not parts:
        raise InputError(f"'{directory}' holds no part.* files; pass a directory written by --engine dask")
    if parts[0].suffix == ".parquet":
        return pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)
    sep = "\t" if parts[0].suffix == ".tsv" else ","
    return pd.concat([pd.read_csv(p, sep=sep, dtype=str, keep_default_na=False) for p in parts], ignore_index=True)


# -- on the workers -----------------------------------------------------------
_worker_models: dict[int, tuple[dict, BarrierModel]] = {}


def _classify_and_write(frame: pd.DataFrame, payload: dict, options: dict, directory: str, fmt: str,
                        labels: tuple[str, ...], partition_info=None) -> pd.DataFrame:
    # The scattered payload is one object per worker, so its id names it; the
    # cache keeps the payload alive, so the id cannot be reused meanwhile.
    cached = _worker_models.get(id(payload))
    if cached is None:
        _worker_models.clear()
        cached = _worker_models[id(payload)] = (payload, model_from_payload(payload))
    out, decisions, empty = classify_frame(frame, cached[1], **options)
    if partition_info is None:
        if len(frame):
            raise RuntimeError("Dask did not pass partition_info to the partition function; upgrade dask")
    else:
        path = os.path.join(directory, f"part.{partition_info['number']:05d}.{fmt}")
        # Created readable by its owner only, like every output file of the toolkit: it holds the texts.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb" if fmt == "parquet" else "w", **({} if fmt == "parquet" else {"newline": ""})) as fh:
            if fmt == "parquet":
                out.to_parquet(fh, index=False)
            else:
                out.to_csv(fh, sep="\t" if fmt == "tsv" else ",", index=False, quoting=csv_quoting(out))
    row = {"rows": len(out), "empty": empty}
    row.update({label: int(decisions[:, j].sum()) for j, label in enumerate(labels)})
    return pd.DataFrame([row], columns=list(_counts_meta(labels).columns))


def _counts_meta(labels) -> pd.DataFrame:
    return pd.DataFrame({name: np.zeros(0, dtype=np.int64) for name in ["rows", "empty", *labels]})


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
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in _SUFFIXES
                       and (fmt is None or _SUFFIXES[p.suffix.lower()] == fmt))
        if not files:
            raise InputError(f"input directory '{source}' holds no .csv, .tsv or .parquet files; "
                             "--engine dask reads a file, a glob such as 'corpus/*.csv', or a directory of such files")
        paths: str | list[str] = [str(p) for p in files]
        suffix = files[0].suffix.lower()
    else:
        matches = sorted(glob.glob(source))
        if not matches:
            raise InputError(f"input '{source}' matches no file; check the path or the glob")
        paths = source
        suffix = Path(matches[0]).suffix.lower()
    detected = fmt or _SUFFIXES.get(suffix)
    if detected is None:
        raise InputError(f"cannot tell the format of '{source}' ({suffix or 'no extension'}); --engine dask reads "
                         ".csv, .tsv or .parquet files, or pass --format")
    return detected, paths


def _output_format(output: str, output_format: str | None) -> str:
    if output_format is None:
        return _SUFFIXES.get(Path(output).suffix.lower(), "parquet")
    if output_format not in DASK_OUTPUT_FORMATS:
        raise InputError(f"--engine dask writes {', '.join(DASK_OUTPUT_FORMATS)}, not '{output_format}'")
    return output_format


def _check_output_dir(output: str) -> None:
    path = Path(output)
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise InputError(f"output '{output}' already exists; --engine dask writes a new directory of part files, "
                         "so pass a new path (or an empty directory)")
    if not path.resolve().parent.is_dir():
        raise InputError(f"output directory '{path.resolve().parent}' does not exist; create it first")


def _publish(partial: Path, output: Path) -> None:
    os.chmod(partial, 0o700)  # the part files hold texts: owner only, as mkdtemp made it
    if output.is_dir():
        output.rmdir()  # empty, checked before the run
    os.replace(partial, output)
