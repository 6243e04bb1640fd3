"""barriers explain."""

from __future__ import annotations

import os
import sys

import click

from ..errors import InputError
from ..explanation import explain, text_from_file
from ..io import INPUT_FORMATS, STDIO
from ..models import load_model
from ..outputs import output_target, write_output_text
from ..taxonomy import load_taxonomy
from .common import grammar_options, model_option, taxonomy_option


@click.command("explain")
@click.argument("text_or_file", metavar="[TEXT | FILE]", required=False)
@click.option("--row", type=click.IntRange(min=1), default=None,
              help="Explain this row of FILE (1 = the first row after the header).")
@click.option("--id", "row_id", default=None, help="Explain the row of FILE with this id.")
@click.option("--id-column", default=None,
              help="Column to look --id up in; by default 'id', else every column ending in '_id'.")
@click.option("--text-column", default="text", show_default=True, help="Column of FILE that holds the texts.")
@click.option("--format", "fmt", type=click.Choice(INPUT_FORMATS), default=None,
              help="Format of FILE; by default taken from its extension.")
@click.option("--encoding", default="utf-8", show_default=True, help="Text encoding of FILE or stdin.")
@model_option
@taxonomy_option
@click.option("--html", "html_path", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="Also write a highlighted, self-contained HTML view to this file.")
@click.option("--json", "as_json", is_flag=True, help="Print the explanation as JSON instead of text.")
@click.option("--top", default=5, show_default=True, type=click.IntRange(min=1),
              help="Words shown per label and direction.")
@grammar_options
def explain_cmd(text_or_file, row, row_id, id_column, text_column, fmt, encoding, model_path, taxonomy_path,
                html_path, as_json, top, quiet):
    """Show why the model scores a text as it does.

    For each label: the score and decision, the sentences that carry it (with
    their own scores), and the words and phrases that pushed the score up or
    down. The text comes from the TEXT argument, from stdin (no argument or
    -), or from one row of FILE picked with --row or --id.

    \b
    Example:
      barriers explain "what if he thinks less of me once he knows"
      barriers explain datasets/barriers/samples/journal.csv --id J004 --html j004.html
      echo "in my family we never talked about feelings" | barriers explain
    """
    if row is not None or row_id is not None:
        if text_or_file in (None, STDIO):
            raise click.UsageError("--row and --id pick a row of a file; pass the file path as the argument")
        text, source = text_from_file(text_or_file, row=row, id=row_id, id_column=id_column, text_column=text_column,
                                      fmt=fmt, encoding=encoding)
    elif text_or_file in (None, STDIO):
        if text_or_file is None and sys.stdin.isatty():
            raise click.UsageError("pass a text, pipe one on stdin, or pick a row of a file with --row or --id")
        try:
            text = sys.stdin.buffer.read().decode(encoding)
        except UnicodeDecodeError:
            raise InputError(f"stdin is not valid {encoding}; pass its encoding with --encoding") from None
        source = {"file": "stdin"}
    elif os.path.isfile(text_or_file):
        raise InputError(f"'{text_or_file}' is a file; pick the row to explain with --row N or --id ID")
    else:
        text, source = text_or_file, {}
    if html_path:
        output_target(html_path, what="--html output")
    model = load_model(model_path)
    taxonomy = load_taxonomy(taxonomy_path) if taxonomy_path else None
    explanation = explain(text, model, taxonomy=taxonomy, source=source)
    click.echo(explanation.to_json() if as_json else explanation.to_text(color=True, top_terms=top),
               err=html_path == STDIO)
    if html_path:
        write_output_text(html_path, explanation.to_html(top_terms=max(top, 8)), what="--html output")
