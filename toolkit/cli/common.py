"""Shared pieces of the command line: error handling, options, progress."""

from __future__ import annotations

import logging
import sys

import click

from ..annotate.importers import ANNOTATION_FORMATS
from ..errors import ToolkitError
from ..io import INPUT_FORMATS, OUTPUT_FORMATS
from ..logs import log_event

_log = logging.getLogger("toolkit.cli")

INTERRUPTED_EXIT_CODE = 130


class ToolkitCommandError(click.ClickException):
    """A :class:`ToolkitError` shown as a one-line ``Error: ...`` with its exit code."""

    def __init__(self, error: ToolkitError):
        super().__init__(str(error))
        self.exit_code = error.exit_code


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


def text_input_options(func):
    """--text-column, --format, --encoding and --batch-size, shared by readers."""
    options = [
        click.option("--text-column", default="text", show_default=True, help="Column that holds the texts."),
        click.option("--format", "fmt", type=click.Choice(INPUT_FORMATS), default=None,
                     help="Input format; by default taken from the file extension."),
        click.option("--encoding", default="utf-8", show_default=True, help="Text encoding of the input file."),
        click.option("--batch-size", default=20_000, show_default=True, type=click.IntRange(min=1),
                     help="Rows read and classified per chunk (bounds memory)."),
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
