"""Progress callbacks of long library functions.

A function that may run for long takes ``progress=None`` or a callable
``progress(done, total)``: units done so far (monotone) and the expected
total (None when unknown; it may be an estimate that changes). The library
never draws anything; ``barriers`` commands pass a callback that draws a bar
(toolkit/cli/progress.py).
"""

from __future__ import annotations

from collections.abc import Callable

ProgressCallback = Callable[[int, "int | None"], None]


class Steps:
    """Counts units of work and reports them to an optional *progress* callback.

    When an estimated total turns out low, the total is reported as None
    (unknown) from then on; :meth:`finish` reports ``done == total`` at the end.

    Examples
    --------
    >>> calls = []
    >>> steps = Steps(lambda done, total: calls.append((done, total)), total=3)
    >>> steps(); steps(2); steps(); steps.finish()
    >>> calls
    [(1, 3), (3, 3), (4, None), (4, 4)]
    """

    def __init__(self, progress: ProgressCallback | None, total: int | None = None, done: int = 0):
        self.progress, self.total, self.done = progress, total, done

    def start(self, done: int = 0) -> None:
        """Report the start, at *done* units (work done before, e.g. by a resumed run)."""
        self.done = done
        if self.progress is not None:
            self.progress(self.done, self.total)

    def __call__(self, units: int = 1) -> None:
        self.done += units
        if self.progress is not None:
            if self.total is not None and self.done > self.total:
                self.total = None
            self.progress(self.done, self.total)

    def finish(self) -> None:
        """Report the end: the total is what was done."""
        if self.progress is not None:
            self.total = self.done
            self.progress(self.done, self.total)
