"""Shared pieces of the command line: error handling and options (progress bars: :mod:`.progress`).

Every command takes the same spelling for the same idea (tests/cli/test_grammar.py checks it): ``-q/--quiet``,
``-v/--verbose``, ``--by`` for grouping, ``-`` for stdin or stdout, ``--output-format`` for the output.
"""

from __future__ import annotations

import functools
import logging

import click

from ..annotation_formats import ANNOTATION_FORMATS
from ..io import DEFAULT_MAX_LINE_CHARS, INPUT_FORMATS, OUTPUT_FORMATS, max_line_chars
from ..logs import configure_logging
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


class ModelTypeChoice(click.Choice):
    """``--model-type``: the registered model types, read when the option is used, so plug-ins are included."""

    def __init__(self):
        super().__init__((), case_sensitive=True)

    @property
    def choices(self):
        from ..models import model_types

        return tuple(sorted(model_types()))

    @choices.setter
    def choices(self, value):  # click.Choice.__init__ assigns it; the registry is the source instead
        pass


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


def check_inputs(inputs: dict[str, str | None]) -> None:
    """At most one input of a command may be stdin (``-``): it can be read only once."""
    on_stdin = [option for option, path in inputs.items() if path == STDIO]
    if len(on_stdin) > 1:
        raise click.UsageError(f"only one input can come from stdin ('-'), got {' and '.join(on_stdin)}; "
                               "read the others from files")


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
        click.option("--text-column", default="text", show_default=True,
                     help="Column (or data field) that holds the texts."),
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
                        help="Model directory written by 'barriers train', or a shipped model: 'default' (used when "
                             "omitted) or 'fast' (for very large corpora).")(func)


def output_format_option(func=None, *, extra: tuple[str, ...] = ()):
    """``--output-format``, the one name of the output's format (``--format`` is the input's)."""
    option = click.option("--output-format", type=click.Choice((*OUTPUT_FORMATS, *extra)), default=None,
                          help="Output format; by default taken from the output file extension (CSV for stdout).")
    return option if func is None else option(func)


# -- one grammar across commands ----------------------------------------------------------------------------

def quiet_option(func):
    """``-q/--quiet``: no progress, notes or summaries on stderr (errors still are)."""
    return click.option("-q", "--quiet", is_flag=True,
                        help="No progress, notes or summaries; a result printed instead of written "
                             "to a file stays.")(func)


def _raise_verbosity(ctx, param, value):
    if value:
        root = ctx.find_root()
        configure_logging(max(value, root.params.get("verbose") or 0), root.params.get("log_file"))


def verbose_option(func):
    """``-v/--verbose`` after the command name: the same as ``barriers -v COMMAND``."""
    return click.option("-v", "--verbose", count=True, expose_value=False, callback=_raise_verbosity,
                        help="Log what the command does to stderr: -v for steps, -vv for every chunk "
                             "(as 'barriers -v COMMAND').")(func)


def grammar_options(func):
    """``-q/--quiet`` and ``-v/--verbose``, which every command takes."""
    return quiet_option(verbose_option(func))


def split_columns(values) -> tuple[str, ...]:
    """Column names from repeated and comma-separated option values, in order, without repeats."""
    if isinstance(values, str):
        values = (values,)
    return tuple(dict.fromkeys(c.strip() for item in values or () for c in item.split(",") if c.strip()))


def renamed_option(old: str, new: str, *, dest: str, **attrs):
    """A hidden option under an old name, for one release: it warns and hands its value to *new*."""
    def decorator(func):
        hidden = f"_renamed_{dest}"

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            value = kwargs.pop(hidden)
            if value not in (None, ()):
                ctx = click.get_current_context()
                if ctx.get_parameter_source(dest) not in (click.core.ParameterSource.DEFAULT, None):
                    raise click.UsageError(f"{old} is the old name of {new}; pass {new} only")
                click.echo(f"Warning: {old} is now {new}; the old name goes in the next release.", err=True)
                kwargs[dest] = value
            return func(*args, **kwargs)

        return click.option(old, hidden, hidden=True, **attrs)(wrapper)
    return decorator


def by_option(help: str, *, dest: str = "by", renamed: str | None = None, single: bool = False,
              default: tuple[str, ...] = ()):
    """``--by COLUMN``, the one grouping option (repeatable or comma-separated).

    The command receives a tuple of column names, or with *single* one name or None (an error names the
    option when more are given). *renamed* is the option's old name, kept hidden for one release.
    """
    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            columns = split_columns(kwargs[dest])
            if single:
                if len(columns) > 1:
                    raise click.BadParameter(f"expected one column, got {len(columns)} ({', '.join(columns)}); "
                                             "pass a single column", param_hint="--by")
                columns = columns[0] if columns else None
            kwargs[dest] = columns
            return func(*args, **kwargs)

        if renamed is not None:
            wrapper = renamed_option(renamed, "--by", dest=dest, multiple=True)(wrapper)
        return click.option("--by", dest, multiple=True, default=default, metavar="COLUMN",
                            show_default=",".join(default) if default else False, help=help)(wrapper)
    return decorator


def allow_duplicate_ids_option(func):
    """``--allow-duplicate-ids``: let --id-column hold repeated or empty ids, which are an error by default."""
    return click.option("--allow-duplicate-ids", is_flag=True,
                        help="Accept repeated or empty values in --id-column (an error by default).")(func)
