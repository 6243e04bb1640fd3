"""The local engine: classify a stream of chunks on all cores, in input order, with bounded memory.

Chunks go to a pool of worker processes, each of which loads the model once
(from plain data, see :meth:`BarrierModel.to_payload`), classifies a chunk and,
for text outputs, formats it too (formatting CSV costs about as much as
classifying). At most ``2 * jobs`` chunks are in flight, so memory does not
grow with the input, and results are yielded in input order.
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import pandas as pd

from .classification import DEFAULT_MAX_TEXT_CHARS, ChunkOptions, ChunkResult, ClassifySummary, score_chunk, tally
from .errors import InputError, ToolkitError
from .io import format_rows
from .models import BarrierModel, model_from_payload

EXECUTORS = ("process", "thread")
IN_FLIGHT_PER_JOB = 2
# Chunks sent to workers are at most this long: a worker's working memory
# grows with its chunk, and every worker holds one (see docs/performance.md).
WORKER_CHUNK_ROWS = 5_000


@dataclasses.dataclass(frozen=True)
class EncodedRows:
    """A chunk of output rows already formatted as text for a CSV, TSV or JSONL file.

    Formatting is the slow part of writing text files, so parallel workers
    encode their own chunks and the writer only appends the text
    (:func:`write_chunk`).
    """

    header: str
    body: str
    rows: int


def encode_rows(frame: pd.DataFrame, fmt: str | None) -> EncodedRows | pd.DataFrame:
    """*frame* as text for a *fmt* file (CSV, TSV, JSONL); for Parquet, or None, the frame itself.

    Examples
    --------
    >>> encode_rows(pd.DataFrame({"id": [1, 2], "text": ["a", "b, c"]}), "csv")
    EncodedRows(header='id,text\\n', body='1,a\\n2,"b, c"\\n', rows=2)
    """
    if fmt in ("csv", "tsv", "jsonl"):
        return EncodedRows(*format_rows(frame, fmt), len(frame))
    return frame


def write_chunk(writer, chunk: pd.DataFrame | EncodedRows) -> None:
    """Append an output chunk, a frame or :class:`EncodedRows`, to a :class:`toolkit.io.TableWriter` or
    :class:`toolkit.resume.ResumableWriter`."""
    if isinstance(chunk, EncodedRows):
        writer.write_formatted(chunk.header, chunk.body, chunk.rows)
    else:
        writer.write(chunk)


def available_cores() -> int:
    """The cores this process may run on (``os.process_cpu_count`` where Python has it)."""
    if hasattr(os, "process_cpu_count"):
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def check_jobs(jobs: int | None) -> int:
    """*jobs*, or all available cores when None; :class:`InputError` unless it is a whole number >= 1.

    Examples
    --------
    >>> check_jobs(3)
    3
    >>> check_jobs(0)
    Traceback (most recent call last):
    ...
    toolkit.errors.InputError: --jobs must be a whole number of at least 1, got 0; leave it out to use all cores
    """
    if jobs is None:
        return available_cores()
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise InputError(f"--jobs must be a whole number of at least 1, got {jobs!r}; leave it out to use all cores")
    return jobs


def classify_chunks(frames: Iterable[pd.DataFrame], model: BarrierModel, *, jobs: int | None = None,
                    encode_as: str | None = None, executor: str = "process", text_column: str = "text",
                    id_column: str | None = None, keep_columns: list[str] | None = None,
                    summary: ClassifySummary | None = None, progress: Callable[[int], None] | None = None,
                    source: str = "<DataFrame>",
                    max_text_chars: int | None = DEFAULT_MAX_TEXT_CHARS) -> Iterator[pd.DataFrame | EncodedRows]:
    """Classify chunks with *jobs* workers and yield the output chunks in input order.

    Parameters
    ----------
    frames : iterable of DataFrame
        Input chunks, read lazily: no more than ``2 * jobs`` are held at once.
    jobs : int, optional
        Worker count; all available cores when None. With 1, or when the
        input is a single chunk, everything runs in this process.
    encode_as : {"csv", "tsv", "jsonl"}, optional
        Yield chunks already formatted for this output format
        (:class:`EncodedRows`, which :func:`write_chunk` appends as is);
        other formats, or None, yield DataFrames.
    executor : {"process", "thread"}
        Worker processes (the default: the work holds the GIL, so threads
        barely overlap; see docs/performance.md) or threads.

    Errors raised while classifying a chunk (a missing column, say) are
    raised here, unchanged, and no later chunk is yielded.

    Examples
    --------
    >>> import toolkit
    >>> frames = [pd.DataFrame({"text": ["what if she laughs at me"]}), pd.DataFrame({"text": ["we had pizza"]})]
    >>> chunks = classify_chunks(frames, toolkit.load_model(), jobs=1)
    >>> [chunk["labels"].tolist() for chunk in chunks]
    [['fear_of_rejection'], ['']]
    """
    options = ChunkOptions(text_column=text_column, id_column=id_column,
                           keep_columns=None if keep_columns is None else tuple(keep_columns), source=source,
                           max_text_chars=max_text_chars)
    yield from tally(score_chunks(frames, model, options, jobs=jobs, encode_as=encode_as, executor=executor), model,
                     summary=summary, progress=progress)


def score_chunks(frames: Iterable[pd.DataFrame], model: BarrierModel, options: ChunkOptions, *,
                 jobs: int | None = None, encode_as: str | None = None,
                 executor: str = "process") -> Iterator[ChunkResult]:
    """Score chunks with *jobs* workers; yield a :class:`~toolkit.classification.ChunkResult` per chunk, in input order.

    What :func:`classify_chunks` does, without the summary and progress it adds.
    """
    jobs = check_jobs(jobs)
    if executor not in EXECUTORS:
        raise InputError(f"executor must be one of {', '.join(EXECUTORS)}, got '{executor}'")
    frames = iter(frames)
    first = next(frames, None)
    if first is None:
        return
    second = next(frames, None) if jobs > 1 else None
    if second is None:
        yield _classify(first, model, options, encode_as)
        for frame in frames:
            yield _classify(frame, model, options, encode_as)
        return
    pool = _make_pool(executor, jobs, model, options, encode_as)
    task = _classify_in_worker if executor == "process" else _ThreadTask(model, options, encode_as)
    pending: deque = deque()
    try:
        for frame in _slices(_chain(first, second, frames), WORKER_CHUNK_ROWS):
            try:
                pending.append(pool.submit(task, frame))
            except BrokenProcessPool:  # a worker died before this chunk could be handed out
                raise _worker_died() from None
            if len(pending) >= IN_FLIGHT_PER_JOB * jobs:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
        if executor == "process":
            gc.unfreeze()


def _chain(first, second, rest):
    yield first
    yield second
    yield from rest


def _slices(frames, rows: int):
    for frame in frames:
        if len(frame) <= rows:
            yield frame
        else:
            for start in range(0, len(frame), rows):
                yield frame.iloc[start : start + rows]


def _result(future):
    try:
        return future.result()
    except BrokenProcessPool:
        raise _worker_died() from None


def _worker_died() -> ToolkitError:
    return ToolkitError(
        "a worker process stopped unexpectedly (out of memory, or killed); no output was written. "
        "Try fewer --jobs or a smaller --batch-size"
    )


def _classify(frame: pd.DataFrame, model: BarrierModel, options: ChunkOptions, encode_as: str | None) -> ChunkResult:
    result = score_chunk(frame, model, options)
    if encode_as is None:
        return result
    return dataclasses.replace(result, out=encode_rows(result.out, encode_as))


class _ThreadTask:
    def __init__(self, model, options, encode_as):
        self.model, self.options, self.encode_as = model, options, encode_as

    def __call__(self, frame):
        return _classify(frame, self.model, self.options, self.encode_as)


# -- worker processes ----------------------------------------------------------
_worker_state: dict = {}


def _start_worker(payload: dict, options: ChunkOptions, encode_as: str | None) -> None:
    # Ctrl-C reaches every process of the terminal's group; the main process handles it (and stops
    # the pool), so a worker ignores it rather than print a traceback. SIGTERM ends a worker at once.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _watch_parent(os.getppid())
    _worker_state["model"] = model_from_payload(payload)
    _worker_state["options"] = options
    _worker_state["encode_as"] = encode_as


PARENT_CHECK_SECONDS = 0.5


def _watch_parent(parent: int) -> None:
    """End this worker when the process that started it is gone.

    A worker waits for tasks on a pipe it holds both ends of, so it never
    notices when the main process is killed (SIGKILL, the out-of-memory
    killer): without this it would live on, holding its memory, forever.
    """
    import threading

    def watch():
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="barriers-parent-watch", daemon=True).start()


def _classify_in_worker(frame: pd.DataFrame):
    return _classify(frame, _worker_state["model"], _worker_state["options"], _worker_state["encode_as"])


def _make_pool(executor: str, jobs: int, model: BarrierModel, options: ChunkOptions,
               encode_as: str | None) -> Executor:
    if executor == "thread":
        return ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="barriers")
    # Objects that exist now are never collected while the pool runs, so the
    # collector does not touch (and so copy) the pages forked workers share.
    gc.freeze()
    return ProcessPoolExecutor(max_workers=jobs, mp_context=_process_context(), initializer=_start_worker,
                               initargs=(model.to_payload(), options, encode_as))


def _process_context():
    # fork where it is safe (Linux): a worker starts at once, sharing the
    # already imported toolkit and model pages copy-on-write; forkserver took
    # 2-3x longer to start here, as its server imports the toolkit afresh
    # (docs/performance.md). Elsewhere spawn, the platform's safe default.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")
