"""Shared pieces of the command line: error handling and options (progress bars: :mod:`.progress`)."""

from __future__ import annotations

import logging

import click

from ..annotation_formats import ANNOTATION_FORMATS
from ..io import DEFAULT_MAX_LINE_CHARS, INPUT_FORMATS, OUTPUT_FORMATS, max_line_chars
from ..outputs import STDIO, output_target
from .group import (  # noqa: F401 (re-exported: the command modules import them from here)
    BUG_NOTE,
    INTERNAL_ERROR_EXIT_CODE,
    INTERRUPTED_EXIT_CODE,
    InternalError,
    ToolkitCommandError,
    ToolkitGroup,
)

_log = logging.getLogger("toolkit.cli")


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
