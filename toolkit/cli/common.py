"""Shared pieces of the command line: error handling, options, progress."""

from __future__ import annotations

import logging
import sys

import click

from ..annotate.importers import ANNOTATION_FORMATS
from ..errors import ToolkitError
from ..io import DEFAULT_MAX_LINE_CHARS, INPUT_FORMATS, OUTPUT_FORMATS, max_line_chars
from ..logs import log_event
from ..outputs import STDIO, output_target

_log = logging.getLogger("toolkit.cli")

INTERRUPTED_EXIT_CODE = 130
INTERNAL_ERROR_EXIT_CODE = 3
BUG_NOTE = "this is a bug in barrier-toolkit, not a problem with your input"


class ToolkitCommandError(click.ClickException):
    """A :class:`ToolkitError` shown as a one-line ``Error: ...`` with its exit code."""

    def __init__(self, error: ToolkitError):
        super().__init__(str(error))
        self.exit_code = error.exit_code


class InternalError(click.ClickException):
    """An unexpected exception, shown as one line that says it is a bug (exit code 3)."""

    exit_code = INTERNAL_ERROR_EXIT_CODE

    def __init__(self, exc: Exception):
        super().__init__(f"unexpected {type(exc).__name__} ({exc}); {BUG_NOTE}: please report it with the "
                         "command you ran and barrier-toolkit's version (barriers --version)")


class ToolkitGroup(click.Group):
    """A Click group that turns toolkit errors into one-line messages, never tracebacks."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ToolkitError as exc:
            # The type only: messages may quote the input, and logs never hold text content.
            log_event(_log, logging.ERROR, "command failed", error=type(exc).__name__, exit_code=exc.exit_code)
            raise ToolkitCommandError(exc) from None
        except KeyboardInterrupt:
            log_event(_log, logging.WARNING, "command interrupted", exit_code=INTERRUPTED_EXIT_CODE)
            click.echo("Interrupted; no output file was written.", err=True)
            ctx.exit(INTERRUPTED_EXIT_CODE)
        except OSError as exc:
            if isinstance(exc, (BrokenPipeError,)):
                ctx.exit(1)
            where = f": '{exc.filename}'" if getattr(exc, "filename", None) else ""
            raise click.ClickException(f"{exc.strerror or exc}{where}") from None
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:
            # Bad input is reported as a ToolkitError by the code that finds it; anything else is a bug,
            # said as such in one line rather than a traceback (the test that walks every command checks
            # that no bad input ends here).
            log_event(_log, logging.ERROR, "command failed", error=type(exc).__name__, exit_code=INTERNAL_ERROR_EXIT_CODE)
            raise InternalError(exc) from None


def check_outputs(outputs: dict[str, str | None]) -> bool:
    """Check every file output of a command before any work; return whether one of them is stdout.

    At most one may be ``-``: two reports on stdout would run into each other.
    """
    named = {option: path for option, path in outputs.items() if path}
    on_stdout = [option for option, path in named.items() if path == STDIO]
    if len(on_stdout) > 1:
        raise click.UsageError(f"only one output can go to stdout ('-'), got {' and '.join(on_stdout)}; "
                               "write the others to files")
    for option, path in named.items():
        output_target(path, what=f"{option} output")
    return bool(on_stdout)


def _set_line_limit(ctx, param, value):
    if value is not None:
        ctx.with_resource(max_line_chars(value))


# Applies to every read in the command (the readers look the limit up), so it needs no parameter of its own.
max_line_chars_option = click.option(
    "--max-line-chars", type=click.IntRange(min=1), default=None, expose_value=False, callback=_set_line_limit,
    help=f"Longest input line accepted, in characters (default {DEFAULT_MAX_LINE_CHARS:,}); a longer one stops "
         "the run with an error instead of filling memory.")


def text_input_options(func):
    """--text-column, --format, --encoding, --batch-size and --max-line-chars, shared by readers."""
    options = [
        click.option("--text-column", default="text", show_default=True, help="Column that holds the texts."),
        click.option("--format", "fmt", type=click.Choice(INPUT_FORMATS), default=None,
                     help="Input format; by default taken from the file extension."),
        click.option("--encoding", default="utf-8", show_default=True, help="Text encoding of the input file."),
        click.option("--batch-size", default=20_000, show_default=True, type=click.IntRange(min=1),
                     help="Rows read and classified per chunk (bounds memory)."),
        max_line_chars_option,
    ]
    for option in reversed(options):
        func = option(func)
    return func


def labelled_input_options(func):
    """Like :func:`text_input_options`, with the annotation formats a labelled file may come in."""
    options = [
        click.option("--text-column", default="text", show_default=True, help="Column (or data field) that holds the texts."),
        click.option("--format", "fmt", type=click.Choice((*INPUT_FORMATS, *ANNOTATION_FORMATS)), default=None,
                     help="Input format; by default from the extension (.json: Label Studio export; .jsonl with "
                          "label lists: doccano export)."),
        click.option("--encoding", default="utf-8", show_default=True, help="Text encoding of the input file."),
        max_line_chars_option,
    ]
    for option in reversed(options):
        func = option(func)
    return func


def taxonomy_option(func):
    return click.option("--taxonomy", "taxonomy_path", type=click.Path(dir_okay=False), default=None,
                        help="Taxonomy TOML file; the shipped default (the codebook's four labels) when omitted.")(func)


def model_option(func):
    return click.option("--model", "model_path", type=click.Path(), default=None,
                        help="Model directory written by 'barriers train'; the shipped default model when omitted.")(func)


def output_format_option(func):
    return click.option("--output-format", type=click.Choice(OUTPUT_FORMATS), default=None,
                        help="Output format; by default taken from the output file extension (CSV for stdout).")(func)


class Progress:
    """A one-line row counter on stderr, shown only when stderr is a terminal."""

    def __init__(self, enabled: bool, verb: str = "classified"):
        self.enabled = enabled and sys.stderr.isatty()
        self.verb = verb
        self.rows = 0

    def __call__(self, rows: int) -> None:
        self.rows += rows
        if self.enabled:
            click.echo(f"\r{self.verb} {self.rows:,} rows", err=True, nl=False)

    def finish(self) -> None:
        if self.enabled and self.rows:
            click.echo("", err=True)
