"""Where an output goes: the one set of rules every command that writes follows.

* A new path or a regular file is replaced atomically: the output is written
  to a hidden temporary file beside it (mode 0600) and renamed into place only
  when complete, so a failed run leaves the old file (or nothing) behind.
* A character or block device (``/dev/null``), a FIFO or a socket is never
  replaced: it is opened and written to directly, as it arrives, like stdout.
* A symbolic link is never replaced either: the output goes to the file it
  points to, which is replaced atomically in its own directory and keeps its
  permission bits (as ``sort -o`` and ``cp`` do). A dangling link, or a link
  to a directory, is an error.
* An existing directory at a file output path is an error.
* ``-`` is stdout for every table and report output; a directory output
  (``train -o``) and the pseudonym mapping (always a new 0600 regular file)
  refuse it.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .logs import log_event

STDIO = "-"
PRIVATE_MODE = 0o600
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OutputTarget:
    """What writing to a path means: ``kind`` is ``"stdout"``, ``"stream"`` or ``"atomic"``.

    ``path`` is the file actually written (a link's target for a symbolic
    link; None for stdout); ``mode`` the permission bits an atomically written
    file gets.
    """

    requested: str
    kind: str
    path: str | None
    mode: int = PRIVATE_MODE


def output_target(dest: str | os.PathLike, *, what: str = "output", stdout: bool = True,
                  private: bool = False) -> OutputTarget:
    """Decide how to write *dest*, following the rules of this module.

    Parameters
    ----------
    what : str
        How the error messages name the output (``"--json output"``).
    stdout : bool
        Whether ``-`` means stdout (else it is refused).
    private : bool
        A secret (the pseudonym mapping): only a regular file, always 0600.

    Examples
    --------
    >>> output_target("-").kind
    'stdout'
    >>> output_target("/dev/null").kind
    'stream'
    """
    name = os.fspath(dest)
    if name == STDIO:
        if not stdout or private:
            raise InputError(f"{what} cannot go to stdout ('-'); pass a file path")
        return OutputTarget(name, "stdout", None)
    path = name
    if os.path.islink(name):
        path = os.path.realpath(name)
        if not os.path.lexists(path):
            raise InputError(f"{what} '{name}' is a symbolic link to '{path}', which does not exist; create the "
                             "file it points to, or pass another path")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        parent = Path(path).resolve().parent
        if not parent.is_dir():
            raise InputError(f"output directory '{parent}' does not exist; create it first") from None
        return OutputTarget(name, "atomic", path)
    if stat.S_ISDIR(info.st_mode):
        shown = f"'{name}' (a link to '{path}')" if path != name else f"'{name}'"
        raise InputError(f"{what} {shown} is a directory; pass a file path inside it, such as '{Path(name) / 'out'}'")
    if stat.S_ISREG(info.st_mode):
        keep = PRIVATE_MODE if private or path == name else stat.S_IMODE(info.st_mode)
        return OutputTarget(name, "atomic", path, keep)
    if private:
        raise InputError(f"{what} '{name}' is not a regular file (a device, pipe or socket); the mapping is a "
                         "re-identification key and is only written to an owner-only file: pass a file path")
    return OutputTarget(name, "stream", path)


def output_exists(dest: str | os.PathLike) -> bool:
    """Whether *dest* already names something (a file, device, link or directory)."""
    return os.fspath(dest) != STDIO and os.path.lexists(dest)


class OutputFile:
    """A file handle that follows :func:`output_target`: use :meth:`handle`, then :meth:`commit` or :meth:`discard`.

    The handle opens lazily (a FIFO blocks until a reader comes), as text
    (UTF-8, no newline translation) or *binary*. As a context manager, an
    exception discards: the temporary file of an atomic output is removed and
    nothing at the destination changes.

    Examples
    --------
    >>> import tempfile
    >>> dest = Path(tempfile.mkdtemp()) / "report.md"
    >>> with OutputFile(dest) as out:
    ...     _ = out.handle().write("# Report\\n")
    >>> dest.read_text()
    '# Report\\n'
    """

    def __init__(self, dest: str | os.PathLike, *, binary: bool = False, what: str = "output", stdout: bool = True,
                 private: bool = False):
        self.target = output_target(dest, what=what, stdout=stdout, private=private)
        self.binary = binary
        self._fh = None
        self._tmp: str | None = None
        self._done = False
        if self.target.kind == "atomic":
            final = Path(self.target.path)
            try:
                fd, self._tmp = tempfile.mkstemp(dir=final.parent, prefix=f".{final.name}.", suffix=".partial")
            except PermissionError:
                raise InputError(f"cannot write {what} '{dest}': the directory '{final.parent}' is not writable; "
                                 "pass a path in a directory you may write to") from None
            os.close(fd)

    @property
    def dest(self) -> str:
        return self.target.requested

    def handle(self):
        """The open stream to write to."""
        if self._fh is None:
            kind = self.target.kind
            if kind == "stdout":
                self._fh = sys.stdout.buffer if self.binary else sys.stdout
            else:
                path = self._tmp if kind == "atomic" else self.target.path
                # A device or FIFO is opened as it is: never created, never truncated away.
                flags = os.O_WRONLY | (os.O_TRUNC if kind == "atomic" else 0)
                fd = os.open(path, flags)
                self._fh = os.fdopen(fd, "wb") if self.binary else os.fdopen(fd, "w", encoding="utf-8", newline="")
        return self._fh

    def commit(self) -> None:
        """Flush and publish: rename an atomic output into place; close a stream."""
        if self._done:
            return
        self._done = True
        if self.target.kind == "stream" and self._fh is None:
            self.handle()  # an empty output still reaches a pipe's reader as end-of-file
        if self._fh is not None:
            if self.target.kind == "stdout":
                self._fh.flush()
            else:
                self._fh.close()
        if self._tmp is not None:
            if self.target.mode != PRIVATE_MODE:
                os.chmod(self._tmp, self.target.mode)
            os.replace(self._tmp, self.target.path)
            self._tmp = None
        log_event(_log, logging.INFO, "output written", path=self.dest, kind=self.target.kind)

    def discard(self) -> None:
        """Drop everything written (an atomic output's temporary file); a stream keeps what it was sent."""
        if self._done:
            return
        self._done = True
        try:
            if self._fh is not None and self.target.kind != "stdout":
                self._fh.close()
        finally:
            if self._tmp is not None and os.path.exists(self._tmp):
                os.unlink(self._tmp)
            self._tmp = None
            log_event(_log, logging.WARNING, "output discarded", path=self.dest)

    def __enter__(self) -> OutputFile:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()


def write_output_text(dest: str | os.PathLike, text: str, *, what: str = "output", stdout: bool = True,
                      private: bool = False) -> None:
    """Write *text* (JSON, HTML, Markdown) to *dest* following the output rules."""
    with OutputFile(dest, what=what, stdout=stdout, private=private) as out:
        out.handle().write(text)


def output_directory(dest: str | os.PathLike, *, what: str = "output directory") -> Path:
    """The directory to build or replace for *dest* (a model, a Dask ``--output-parts``).

    ``-`` and anything that exists and is not a directory are refused; a
    symbolic link to a directory stands for that directory (the link stays).
    """
    name = os.fspath(dest)
    if name == STDIO:
        raise InputError(f"{what} cannot be stdout ('-'); pass a directory path")
    path = Path(os.path.realpath(name)) if os.path.islink(name) else Path(name)
    if os.path.islink(name) and not path.exists():
        raise InputError(f"{what} '{name}' is a symbolic link to '{path}', which does not exist; create the "
                         "directory it points to, or pass another path")
    if path.exists() and not path.is_dir():
        raise InputError(f"{what} '{name}' exists and is not a directory; pass a new path or a directory")
    return path
