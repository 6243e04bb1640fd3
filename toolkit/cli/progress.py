"""Progress bars for long commands: a tqdm bar on stderr when it is a terminal, nothing otherwise or with --quiet.

Library functions take a ``progress(done, total)`` callback (total may be
None when unknown) and never import tqdm; commands get one from
:func:`progress_bar`. tqdm is imported only when a bar is shown, so
``barriers --help`` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click


def stderr_is_terminal() -> bool:
    """Whether stderr is a terminal, where a bar can redraw itself (not a pipe, a file or a CI log)."""
    return sys.stderr.isatty()


def command_progress(description: str, *, unit: str = "rows") -> Callable[[int, int | None], None] | None:
    """A callback for the running command's bar (see :func:`progress_bar`), closed when the command ends.

    The command's ``--quiet`` (when it has one) turns it off.
    """
    ctx = click.get_current_context()
    return ctx.with_resource(progress_bar(description, unit=unit, quiet=bool(ctx.params.get("quiet"))))


@contextmanager
def progress_bar(description: str, *, unit: str = "rows",
                 quiet: bool = False) -> Iterator[Callable[[int, int | None], None] | None]:
    """Yield a ``progress(done, total)`` callback that draws a bar on stderr, or None for no bar.

    *done* counts units so far; *total* (an estimate is fine) gives the
    percentage and the time left, and may change between calls. None is
    yielded with *quiet* or when stderr is not a terminal, so the library
    skips the calls altogether. The bar appears at the first call and closes (and stays on screen) when
    *done* reaches *total*, so what the command prints next starts on a line
    of its own.

    Examples
    --------
    >>> with progress_bar("classify", quiet=True) as progress:
    ...     progress is None
    True
    """
    if quiet or not stderr_is_terminal():
        yield None
        return
    bar = None

    def update(done: int, total: int | None = None) -> None:
        nonlocal bar
        if bar is None:
            # Drawn at the first report, so work that never reports (a bootstrap of 0 resamples) shows no bar.
            from tqdm import tqdm

            bar = tqdm(desc=description, unit=f" {unit}", total=total, file=sys.stderr, dynamic_ncols=True,
                       mininterval=0.2)
        if bar.disable:  # closed: the work reached its total
            return
        if total != bar.total:
            bar.total = total
        bar.update(done - bar.n)
        if total is not None and done >= total:
            bar.close()

    try:
        yield update
    finally:
        if bar is not None:
            bar.close()
