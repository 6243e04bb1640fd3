"""barriers classify."""

from __future__ import annotations

import click

from ..classification import DEFAULT_MAX_TEXT_CHARS, RAW_COUNTS_NOTE
from ..io import STDIO
from ..run import RunInterrupted, RunOptions, classify_file
from .common import (
    INTERRUPTED_EXIT_CODE,
    allow_duplicate_ids_option,
    by_option,
    grammar_options,
    model_option,
    output_format_option,
    taxonomy_option,
    text_input_options,
)
from .progress import progress_bar


@click.command("classify")
@click.argument("input_path", metavar="INPUT", type=click.Path(allow_dash=True))
@click.option("-o", "--output", default=STDIO, show_default=True, type=click.Path(allow_dash=True),
              help="Output file (.csv, .tsv, .jsonl, .parquet) or - for stdout. Written atomically.")
@model_option
@taxonomy_option
@text_input_options
@click.option("--id-column", default=None, help="Column with row ids; it is checked and moved to the front.")
@allow_duplicate_ids_option
@click.option("--keep-columns", default=None,
              help="Comma-separated input columns to carry over (default: all, in input order).")
@click.option("--anonymize", is_flag=True,
              help="Replace personal data in the text column with placeholders first; the output holds only the "
                   "anonymised text (other columns pass through unchanged).")
@by_option("With --anonymize: rows with the same value of this column (a client, a conversation) share placeholders.",
           dest="group_column", renamed="--group-column", single=True)
@output_format_option
@click.option("-j", "--jobs", type=int, default=None,
              help="Worker processes (default: all cores). Output rows keep the input order.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this machine's cores. dask: a Dask cluster (needs the [dask] extra); the same rows, "
                   "in one -o file or, with --output-parts, a directory of part files.")
@click.option("--output-parts", type=click.Path(file_okay=False), default=None, metavar="DIRECTORY",
              help="With --engine dask, instead of -o: write one file per partition (part.0.parquet, ...) into "
                   "this new or empty directory.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="With --engine dask: address of a running Dask scheduler (e.g. tcp://10.0.0.5:8786); "
                   "a local cluster of --jobs workers when omitted.")
@click.option("--max-text-chars", type=click.IntRange(min=0), default=DEFAULT_MAX_TEXT_CHARS, show_default=True,
              help="Score longer texts on their first this many characters, with a 'warning' on the row "
                   "(the text column is kept whole); 0 scores every text whole.")
@click.option("--resume", is_flag=True,
              help="Checkpoint as chunks complete (OUTPUT.partial and OUTPUT.checkpoint.json); run the same command "
                   "again after a crash or Ctrl-C and it continues where it stopped. CSV, TSV or JSONL output.")
@grammar_options
@click.pass_context
def classify_cmd(ctx, input_path, output, model_path, taxonomy_path, text_column, fmt, encoding, batch_size,
                 id_column, allow_duplicate_ids, keep_columns, anonymize, group_column, output_format, jobs, engine,
                 output_parts, scheduler, max_text_chars, resume, quiet):
    """Label each text of INPUT with the barriers it shows.

    INPUT is a CSV, TSV, JSONL, Parquet or .txt file (one text per line), a
    directory of .txt files, or - for stdin. Every input column passes through;
    for each label the output adds LABEL (0/1) and LABEL_score (0-1), then
    'labels' (positive ids joined by ';') and 'warning'.

    \b
    Example:
      barriers classify datasets/barriers/samples/journal.csv -o out.csv
      cat notes.txt | barriers classify - --format txt -o out.jsonl
      barriers classify datasets/barriers/samples/chat.csv --anonymize --by conversation_id -o out.csv
      barriers classify big.csv -o labelled.csv --jobs 4
      barriers classify big.csv -o labelled.csv --resume    # again after a crash: continues
      barriers classify 'corpus/*.csv' --engine dask --scheduler tcp://10.0.0.5:8786 -o labelled.parquet
      barriers classify 'corpus/*.csv' --engine dask --output-parts labelled/
    """
    if group_column is not None and not anonymize:
        raise click.UsageError("--by goes with --anonymize")
    given = {name: ctx.get_parameter_source(name) != click.core.ParameterSource.DEFAULT
             for name in ("output", "batch_size")}
    keep = [c.strip() for c in keep_columns.split(",") if c.strip()] if keep_columns else None
    options = RunOptions(
        text_column=text_column, fmt=fmt, encoding=encoding, batch_size=batch_size if given["batch_size"] else None,
        id_column=id_column, allow_duplicate_ids=allow_duplicate_ids, keep_columns=keep, anonymize=anonymize,
        group_column=group_column, output_format=output_format, jobs=jobs, engine=engine, output_parts=output_parts,
        scheduler=scheduler, max_text_chars=max_text_chars, resume=resume, taxonomy=taxonomy_path)
    # With --output-parts, -o is the destination only when given as well (which the run refuses).
    dest = output if output_parts is None or given["output"] else None
    try:
        with progress_bar("classify", quiet=quiet) as progress:
            summary = classify_file(input_path, dest, model=model_path, options=options, progress=progress)
    except RunInterrupted as stopped:
        click.echo(str(stopped), err=True)
        raise click.exceptions.Exit(INTERRUPTED_EXIT_CODE) from None
    if not quiet:
        where = f" -> {output_parts}" if output_parts else "" if output == STDIO else f" -> {output}"
        if summary.resumed_rows:
            where += f" (resumed after {summary.resumed_rows:,} rows done before)"
        click.echo(summary.one_line() + where, err=True)
        click.echo(summary.to_frame().rename(columns={"texts": "flagged", "share": "share_flagged"})
                   .to_string(index=False), err=True)
        click.echo(RAW_COUNTS_NOTE, err=True)
        if summary.anonymization is not None:
            click.echo(summary.anonymization, err=True)
