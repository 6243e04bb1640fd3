"""barriers summarize."""

from __future__ import annotations

from pathlib import Path

import click

from .._version import __version__
from ..classification import RAW_COUNTS_NOTE
from ..io import STDIO, detect_format, write_table
from ..models import load_model
from ..outputs import output_target, write_output_text
from ..provenance import input_fingerprint, provenance, wants_sidecar, write_sidecar
from ..report import render_summary_json
from ..summary import summarize
from ..taxonomy import load_taxonomy, with_current_notes
from .common import (
    allow_duplicate_ids_option,
    by_option,
    grammar_options,
    model_option,
    output_format_option,
    taxonomy_option,
    text_input_options,
)
from .progress import command_progress


@click.command("summarize")
@click.argument("input_path", metavar="INPUT", type=click.Path(allow_dash=True))
@by_option("Group column(s), comma-separated or repeated. Default: client_id for a journal "
           "(client_id, date, text), conversation_id,speaker for a chat.")
@click.option("--freq", default=None, help="Period to count by: D, W (weeks from Monday), M, Q or Y. Default: none.")
@click.option("--time-column", default=None, help="Date or timestamp column; default 'date' or 'timestamp'.")
@click.option("--id-column", default=None,
              help="Column that names the example entries; default 'id' or the first '*_id' column not grouped by.")
@allow_duplicate_ids_option
@click.option("-o", "--output", default=STDIO, show_default=True, type=click.Path(allow_dash=True),
              help="Output file (.csv, .tsv, .jsonl, .parquet, .json) or - for stdout. Written atomically.")
@output_format_option(extra=("json",))
@click.option("--no-example-text", is_flag=True, help="Leave the example texts out (keep only their ids and scores).")
@model_option
@taxonomy_option
@text_input_options
@grammar_options
def summarize_cmd(input_path, by, freq, time_column, id_column, allow_duplicate_ids, output, output_format,
                  no_example_text, model_path, taxonomy_path, text_column, fmt, encoding, batch_size, quiet):
    """Summarise the barriers in a journal or chat corpus per group and period.

    For each group, period and label: texts ('entries'), how many the model
    flags ('count') and their 'share', the 'mean_score', when it was first and
    last seen, and the strongest example. Counts and shares are raw classifier
    counts, not prevalence estimates: to correct them with a small labelled
    random sample, see 'barriers prevalence' and docs/prevalence.md. INPUT is any table the classifier
    reads; a plain '[time] Name: message' chat transcript needs --format
    transcript. JSON output adds the strategy notes of the barriers found
    (general psycho-education, not advice for a specific person).

    \b
    Example:
      barriers summarize datasets/barriers/samples/journal.csv --by client_id --freq W -o weekly.csv
      barriers summarize datasets/barriers/samples/chat.csv --by conversation_id,speaker -o chat.json
      barriers summarize datasets/barriers/samples/chat_transcript.txt --format transcript
    """
    if output_format is None and output != STDIO and Path(output).suffix.lower() == ".json":
        output_format = "json"
    if output_format != "json":
        detect_format(output, output_format, output=True)  # a bad extension fails before any work
    output_target(output)
    model = load_model(model_path)
    source = input_fingerprint(input_path) if wants_sidecar(output) else None
    if taxonomy_path is not None:
        model.check_taxonomy(load_taxonomy(taxonomy_path))
    table = summarize(input_path, model, by=by or None, freq=freq, time_column=time_column, id_column=id_column,
                      text_column=text_column, fmt=fmt, batch_size=batch_size, encoding=encoding,
                      allow_duplicate_ids=allow_duplicate_ids, progress=command_progress("summarize"))
    if no_example_text:
        table = table.drop(columns=["example_text"])
    if output_format == "json":
        meta = {"input": str(input_path), "model_id": model.model_id, "freq": freq, "toolkit_version": __version__,
                "shares": RAW_COUNTS_NOTE}
        rendered = render_summary_json(table, with_current_notes(model.taxonomy_), meta)
        write_output_text(output, rendered)
    else:
        write_table(table, output, output_format)
    if source is not None:
        options = {"by": list(by), "freq": freq, "time_column": time_column, "id_column": id_column,
                   "text_column": text_column, "format": fmt, "encoding": encoding,
                   "example_text": not no_example_text, "model": str(model_path) if model_path else "shipped default"}
        write_sidecar(output, provenance("summarize", source=source, options=options, rows=len(table), model=model))
    if not quiet and len(table):
        first = table["label"].iloc[0]
        texts = int(table.loc[table["label"] == first, "entries"].sum())
        found = table.groupby("label", sort=False)["count"].sum()
        where = "" if output == STDIO else f" -> {output}"
        click.echo(f"summarised {texts} texts in {len(table) // len(found)} group/period row(s); texts flagged per "
                   "label: "
                   + ", ".join(f"{label} {int(n)}" for label, n in found.items()) + where, err=True)
        click.echo(RAW_COUNTS_NOTE, err=True)
