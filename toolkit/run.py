"""One classification job from file to file: read, (anonymise), score, write, on an engine chosen by name.

:func:`classify_file` is what ``barriers classify`` runs once it has parsed
its options into a :class:`RunOptions`; a notebook or a script calls it the
same way and gets the same files, provenance record, resume checkpoints and
:class:`RunSummary`. Engines share one small protocol (:class:`Engine`) and
are looked up by name in :data:`ENGINES`:

- ``"local"``: a pool of ``jobs`` worker processes on this machine (in this
  process when ``jobs`` is 1 or the input is one chunk);
- ``"serial"``: this process only, whatever ``jobs`` says (no fork, easy
  to debug);
- ``"dask"``: a Dask cluster (the ``[dask]`` extra); see :mod:`toolkit.dask_engine`.

Progress is reported through a callback ``progress(done, total)``: rows
classified so far (monotone; the first call reports the start, after a
resume the rows done before) and the expected total, an estimate from the
input's size that is None when unknown (stdin). The last call has
``done == total``.
"""

from __future__ import annotations

import dataclasses
import glob
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar, Protocol

import pandas as pd

from . import engine as local_engine
from .anonymize import Anonymizer, anonymized_frames
from .classification import DEFAULT_MAX_TEXT_CHARS, ClassifySummary
from .errors import InputError
from .ids import checked_ids
from .io import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_MAX_LINE_CHARS,
    STDIO,
    TableWriter,
    current_line_limit,
    estimate_rows,
    read_table,
)
from .models import BarrierModel, load_model
from .progress import ProgressCallback, Steps
from .provenance import input_fingerprint, parquet_metadata, provenance, wants_sidecar, write_sidecar
from .resume import ResumableWriter, skip_rows
from .resume import input_fingerprint as resume_fingerprint
from .taxonomy import load_taxonomy


@dataclasses.dataclass(frozen=True)
class RunOptions:
    """Everything that shapes a classification run besides its input, output and model.

    Validated once, when made: an :class:`~toolkit.errors.InputError` names
    the ``barriers classify`` option that is wrong (the API's field of the
    same name). Field names follow the command's options.

    Parameters
    ----------
    text_column, fmt, encoding : str
        Column of the texts, input format (from the extension when None)
        and text encoding.
    batch_size : int, optional
        Rows read per chunk (local engines); :data:`toolkit.io.DEFAULT_BATCH_SIZE`
        when None. The Dask engine sizes partitions by bytes and refuses it.
    id_column, keep_columns
        Row-id column moved to the front; input columns carried over (all
        when None).
    allow_duplicate_ids : bool
        Accept repeated or empty values in *id_column* (an error otherwise;
        local engines check it).
    anonymize, group_column
        Replace personal data in the text column first; rows sharing
        *group_column* share placeholders.
    output_format : str, optional
        Output format; from the output's extension when None.
    jobs : int, optional
        Worker processes (all cores when None).
    engine : str
        A name in :data:`ENGINES`.
    output_parts, scheduler : str, optional
        Dask engine only: a directory of part files instead of one output;
        the address of a running scheduler.
    max_text_chars : int or None
        Longer texts are scored on their first this many characters (0 or
        None: every text whole).
    resume : bool
        Checkpoint chunks as they complete so that the same call continues
        after a crash (CSV, TSV or JSONL output).
    taxonomy : str, optional
        A taxonomy TOML file the model must have been trained on.
    """

    text_column: str = "text"
    fmt: str | None = None
    encoding: str = "utf-8"
    batch_size: int | None = None
    id_column: str | None = None
    allow_duplicate_ids: bool = False
    keep_columns: tuple[str, ...] | None = None
    anonymize: bool = False
    group_column: str | None = None
    output_format: str | None = None
    jobs: int | None = None
    engine: str = "local"
    output_parts: str | None = None
    scheduler: str | None = None
    max_text_chars: int | None = DEFAULT_MAX_TEXT_CHARS
    resume: bool = False
    taxonomy: str | None = None

    def __post_init__(self):
        if self.keep_columns is not None:
            if isinstance(self.keep_columns, str):
                raise InputError(f"--keep-columns takes a list of column names, got the string {self.keep_columns!r}; "
                                 "pass a list such as ['id', 'text'] (comma-separated on the command line)")
            object.__setattr__(self, "keep_columns", tuple(self.keep_columns))
        if self.group_column is not None and not self.anonymize:
            raise InputError("--by goes with --anonymize; pass anonymize=True or leave group_column out")
        if self.jobs is not None:
            local_engine.check_jobs(self.jobs)
        if self.batch_size is not None and (isinstance(self.batch_size, bool) or not isinstance(self.batch_size, int)
                                            or self.batch_size < 1):
            raise InputError(f"--batch-size must be a whole number of at least 1, got {self.batch_size!r}")
        if self.max_text_chars is not None:
            if isinstance(self.max_text_chars, bool) or not isinstance(self.max_text_chars, int) \
                    or self.max_text_chars < 0:
                raise InputError(f"--max-text-chars must be a whole number of at least 0 (0 scores every text "
                                 f"whole), got {self.max_text_chars!r}")
            if self.max_text_chars == 0:
                object.__setattr__(self, "max_text_chars", None)
        if self.engine not in ENGINES:
            raise InputError(f"--engine must be one of {', '.join(ENGINES)}, got '{self.engine}'")
        engine = ENGINES[self.engine]
        if self.output_parts is not None and not engine.writes_parts:
            raise InputError("--output-parts writes the partitions of --engine dask; add --engine dask, or use -o FILE")
        if self.batch_size is not None and not engine.chunked:
            raise InputError(f"--batch-size sets the chunks of the local engine; --engine {self.engine} sizes its "
                             "partitions by bytes (about four per worker): drop --batch-size")
        if self.resume and not engine.resumable:
            raise InputError(f"--resume works with the local engine; drop --resume or --engine {self.engine}")
        if self.anonymize and not engine.anonymizes:
            raise InputError(f"--anonymize keeps pseudonyms consistent across all rows, which the {self.engine} engine "
                             "cannot do across partitions; run 'barriers anonymize' first, then classify its output "
                             f"with --engine {self.engine}")
        if self.scheduler is not None and not engine.distributed:
            raise InputError("--scheduler needs --engine dask; add --engine dask or drop --scheduler")


@dataclasses.dataclass
class RunSummary(ClassifySummary):
    """The totals of a run (see :class:`~toolkit.classification.ClassifySummary`) and where its rows went."""

    output: str | None = None
    resumed_rows: int = 0
    anonymization: str | None = None


class RunInterrupted(KeyboardInterrupt):
    """A resumable run was stopped (Ctrl-C, SIGTERM); its checkpoint is kept for the next call."""

    def __init__(self, rows_done: int, partial: Path, checkpoint: Path):
        super().__init__(f"Interrupted; {rows_done:,} rows are saved in {partial} ({checkpoint}): run the same "
                         "command again to continue.")
        self.rows_done, self.partial, self.checkpoint = rows_done, partial, checkpoint


@dataclasses.dataclass(frozen=True)
class Job:
    """One run as an engine receives it."""

    source: str
    dest: str | None
    model: BarrierModel
    options: RunOptions
    progress: ProgressCallback | None = None
    # rows -> the provenance record of the output (None: no record, e.g. stdout).
    record: Callable[[int], dict] | None = None
    # How the model was named: its directory, "shipped default" or "in memory" (a model object).
    model_name: str = "shipped default"


class Engine(Protocol):
    """What runs a :class:`Job`. Its class attributes say which options it honours (checked by :class:`RunOptions`)."""

    chunked: ClassVar[bool]  # reads in --batch-size chunks
    resumable: ClassVar[bool]
    anonymizes: ClassVar[bool]
    writes_parts: ClassVar[bool]  # --output-parts
    distributed: ClassVar[bool]  # --scheduler; the input may be a glob of files

    def run(self, job: Job) -> RunSummary:
        """Read, score and write the whole job; return its totals."""


class LocalEngine:
    """A pool of ``jobs`` worker processes (:func:`toolkit.engine.classify_chunks`), rows in input order."""

    chunked = resumable = anonymizes = True
    writes_parts = distributed = False

    def jobs(self, options: RunOptions) -> int:
        return local_engine.check_jobs(options.jobs)

    def run(self, job: Job) -> RunSummary:
        options = job.options
        model = job.model
        def open_frames():
            frames = read_table(job.source, options.fmt, batch_size=options.batch_size or DEFAULT_BATCH_SIZE,
                                encoding=options.encoding, allow_empty=True)
            return checked_ids(frames, options.id_column, job.source, allow_duplicates=options.allow_duplicate_ids)

        anonymizer = None
        if options.anonymize:
            # Pseudonym numbers depend on every earlier row of a group, so anonymising
            # runs here, in input order, before chunks go to the workers.
            frames, anonymizer = anonymize_frames(open_frames, job.source, options)
        else:
            frames = open_frames()
        if options.resume:
            writer = ResumableWriter(job.dest, options.output_format, run=resume_record(job))
        else:
            writer = TableWriter(job.dest, options.output_format)
        summary = RunSummary(labels=model.taxonomy_.ids, output=job.dest)
        counter = Steps(job.progress, estimate_rows(job.source, options.fmt) if job.progress is not None else None)
        try:
            with writer:
                if options.resume:
                    # Rows already done are read again (and anonymised, which numbers pseudonyms) but not classified.
                    summary.resumed_rows = writer.start()
                    frames = skip_rows(frames, summary.resumed_rows)
                counter.start(summary.resumed_rows)
                chunks = local_engine.classify_chunks(
                    frames, model, jobs=self.jobs(options), encode_as=writer.fmt, text_column=options.text_column,
                    id_column=options.id_column, keep_columns=options.keep_columns, summary=summary,
                    progress=counter, source=job.source, max_text_chars=options.max_text_chars)
                for chunk in chunks:
                    local_engine.write_chunk(writer, chunk)
                if job.record is not None and isinstance(writer, TableWriter):
                    writer.metadata = parquet_metadata(job.record(summary.rows))
        except KeyboardInterrupt:
            if not options.resume:
                raise
            raise RunInterrupted(writer.rows_done, writer.partial, writer.checkpoint) from None
        if job.record is not None:
            write_sidecar(writer.dest, job.record(summary.rows))
        counter.finish()
        if anonymizer is not None:
            summary.anonymization = anonymizer.summary()
        return summary


class SerialEngine(LocalEngine):
    """This process only: no worker processes, whatever ``jobs`` says."""

    def jobs(self, options: RunOptions) -> int:
        return 1


class DaskEngine:
    """Partitions of CSV, TSV or Parquet files (a glob) on a Dask cluster (:mod:`toolkit.dask_engine`)."""

    chunked = resumable = anonymizes = False
    writes_parts = distributed = True

    def run(self, job: Job) -> RunSummary:
        from .dask_engine import classify_with_dask

        options = job.options
        if current_line_limit() != DEFAULT_MAX_LINE_CHARS:
            raise InputError("--max-line-chars is not enforced by --engine dask's CSV reader; drop it, or use the "
                             "local engine")
        files = _glob_files(job.source)
        total = None
        if files and job.progress is not None:
            estimates = [estimate_rows(f, options.fmt) for f in files]
            total = None if None in estimates else sum(estimates)
        counter = Steps(job.progress, total)
        counter.start()
        summary = classify_with_dask(
            job.source, job.dest, job.model, fmt=options.fmt, output_format=options.output_format,
            text_column=options.text_column, id_column=options.id_column,
            keep_columns=None if options.keep_columns is None else list(options.keep_columns),
            scheduler=options.scheduler, jobs=local_engine.check_jobs(options.jobs), encoding=options.encoding,
            max_text_chars=options.max_text_chars, output_parts=options.output_parts,
            progress=counter if job.progress is not None else False,
            file_metadata=None if job.record is None else lambda rows: parquet_metadata(job.record(rows)))
        if job.record is not None:
            write_sidecar(job.dest, job.record(summary.rows))
        counter.finish()
        return RunSummary(**dataclasses.asdict(summary), output=job.dest or options.output_parts)


ENGINES: dict[str, type[Engine]] = {"local": LocalEngine, "serial": SerialEngine, "dask": DaskEngine}


def classify_file(source: str | os.PathLike, dest: str | os.PathLike | None = STDIO, *,
                  model: BarrierModel | str | os.PathLike | None = None, options: RunOptions | None = None,
                  progress: ProgressCallback | None = None) -> RunSummary:
    """Classify every text of *source* into *dest*; what ``barriers classify`` runs.

    Parameters
    ----------
    source : path
        A CSV, TSV, JSONL, Parquet or .txt file, a directory of .txt files,
        ``"-"`` for stdin, or (Dask engine) a glob of files.
    dest : path or None
        The output file (``"-"``: stdout), written atomically, with its
        provenance record beside it (``OUTPUT.meta.json``). None only with
        ``options.output_parts``.
    model : BarrierModel or path, optional
        A loaded model or a model directory; the shipped default when omitted.
    options : RunOptions, optional
        Defaults: the local engine on all cores.
    progress : callable, optional
        ``progress(done, total)`` after each chunk: rows classified so far and
        the expected total (an estimate; None when unknown).

    Returns
    -------
    RunSummary
        Rows, flags per label, empty/truncated/non-English texts, seconds.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "notes.csv").write_text("id,text\\n1,what if she laughs at me\\n2,we had pizza\\n")
    >>> summary = classify_file(folder / "notes.csv", folder / "labelled.csv", options=RunOptions(jobs=1))
    >>> summary.rows, summary.positives["fear_of_rejection"]
    (2, 1)
    >>> sorted(p.name for p in folder.iterdir())
    ['labelled.csv', 'labelled.csv.meta.json', 'notes.csv']
    """
    options = RunOptions() if options is None else options
    source = str(source)
    if options.output_parts is not None and dest is not None:
        raise InputError("pass either -o FILE (one output file) or --output-parts DIRECTORY, not both")
    if dest is None and options.output_parts is None:
        raise InputError("pass an output file (- for stdout), or --output-parts DIRECTORY with --engine dask")
    dest = None if dest is None else str(dest)
    engine = ENGINES[options.engine]()
    if isinstance(model, BarrierModel):
        model_name = "in memory"
    else:
        model_name = str(model) if model else "shipped default"
        model = load_model(model)
    if options.taxonomy is not None:
        model.check_taxonomy(load_taxonomy(options.taxonomy))
    record = None
    # Fingerprinted before reading, so the record describes the bytes that were classified.
    if dest is not None and wants_sidecar(dest):
        fingerprint = None
        if not engine.distributed:
            fingerprint = input_fingerprint(source)
        elif files := _glob_files(source):
            fingerprint = input_fingerprint(files)  # else the engine names what is wrong with the input
        if fingerprint is not None:
            settings = _provenance_options(options, model_name)

            def record(rows: int) -> dict:
                return provenance("classify", source=fingerprint, options=settings, rows=rows, model=model)

    return engine.run(Job(source, dest, model, options, progress, record, model_name))


def anonymize_frames(open_frames: Callable[[], Iterator[pd.DataFrame]], source: str,
                     options: RunOptions) -> tuple[Iterator[pd.DataFrame], Anonymizer]:
    """The anonymisation step of a run: the anonymised chunks, in order, and the anonymiser (for its summary).

    *open_frames* reads the input from its start each time it is called:
    with a group column a file is read twice, to learn each group's names
    before replacing them (:func:`toolkit.anonymize.anonymized_frames`);
    stdin, which can be read once, in one pass.
    """
    anonymizer = Anonymizer([options.text_column], group_column=options.group_column)
    return anonymized_frames(open_frames, anonymizer, source=source, two_pass=source != STDIO), anonymizer


def model_fingerprint(model: BarrierModel, model_name: str) -> dict:
    """What identifies the model of a resumable run: its id, where it came from and the checksums of its files."""
    path = model_name if model_name in ("shipped default", "in memory") else str(Path(model_name).resolve())
    return {"id": model.model_id, "path": path, "files": model.card_.get("files")}


def resume_record(job: Job) -> dict:
    """What makes a resumable run the same run: input, model and the options that change its output."""
    options = job.options
    return {"input": resume_fingerprint(job.source), "model": model_fingerprint(job.model, job.model_name),
            "options": {"text_column": options.text_column, "format": options.fmt, "encoding": options.encoding,
                        "batch_size": options.batch_size or DEFAULT_BATCH_SIZE, "id_column": options.id_column,
                        "keep_columns": _listed(options.keep_columns), "anonymize": options.anonymize,
                        "group_column": options.group_column, "max_text_chars": options.max_text_chars,
                        "taxonomy": options.taxonomy}}


def _provenance_options(options: RunOptions, model_name: str) -> dict:
    return {"model": model_name, "text_column": options.text_column,
            "format": options.fmt, "encoding": options.encoding, "id_column": options.id_column,
            "keep_columns": _listed(options.keep_columns), "anonymize": options.anonymize,
            "group_column": options.group_column, "max_text_chars": options.max_text_chars,
            "taxonomy": options.taxonomy, "engine": options.engine}


def _listed(columns):
    return None if columns is None else list(columns)


def _glob_files(source: str) -> list[str]:
    return [m for m in sorted(glob.glob(source)) if os.path.isfile(m)]
