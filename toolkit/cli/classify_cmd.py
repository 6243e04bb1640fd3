"""barriers classify."""

from __future__ import annotations

import functools
import glob
import os
import sys
from pathlib import Path

import click

from ..anonymize import Anonymizer, anonymized_frames
from ..classify import DEFAULT_MAX_TEXT_CHARS, RAW_COUNTS_NOTE, ClassifySummary
from ..engine import check_jobs, classify_chunks
from ..errors import InputError
from ..ids import checked_ids
from ..io import DEFAULT_MAX_LINE_CHARS, STDIO, TableWriter, current_line_limit, read_table
from ..models import load_model
from ..provenance import input_fingerprint, parquet_metadata, provenance, wants_sidecar, write_sidecar
from ..resume import ResumableWriter, skip_rows
from ..resume import input_fingerprint as resume_fingerprint
from ..taxonomy import load_taxonomy
from .common import (
    INTERRUPTED_EXIT_CODE,
    Progress,
    allow_duplicate_ids_option,
    by_option,
    grammar_options,
    model_option,
    output_format_option,
    taxonomy_option,
    text_input_options,
)


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
    model = load_model(model_path)
    if taxonomy_path is not None:
        model.check_taxonomy(load_taxonomy(taxonomy_path))
    keep = [c.strip() for c in keep_columns.split(",") if c.strip()] if keep_columns else None
    options = {"model": str(model_path) if model_path else "shipped default", "text_column": text_column,
               "format": fmt, "encoding": encoding, "id_column": id_column, "keep_columns": keep,
               "anonymize": anonymize, "group_column": group_column, "max_text_chars": max_text_chars or None,
               "taxonomy": taxonomy_path, "engine": engine}
    # Fingerprinted before reading, so the record describes the bytes that were classified.
    source = None
    if output_parts is None and wants_sidecar(output):
        if engine == "local":
            source = input_fingerprint(input_path)
        elif files := [m for m in sorted(glob.glob(input_path)) if os.path.isfile(m)]:
            source = input_fingerprint(files)  # else the engine names what is wrong with the input
    summary = ClassifySummary(labels=model.taxonomy_.ids)
    progress = Progress(enabled=not quiet)
    jobs = check_jobs(jobs)
    anonymizer = None
    max_text_chars = max_text_chars or None
    if output_parts is not None and engine != "dask":
        raise InputError("--output-parts writes the partitions of --engine dask; add --engine dask, or use -o FILE")
    if engine == "dask":
        explicit = ctx.get_parameter_source("output") != click.core.ParameterSource.DEFAULT
        if output_parts is not None and explicit:
            raise InputError("pass either -o FILE (one output file) or --output-parts DIRECTORY, not both")
        if ctx.get_parameter_source("batch_size") != click.core.ParameterSource.DEFAULT:
            raise InputError("--batch-size sets the chunks of the local engine; --engine dask sizes its partitions "
                             "by bytes (about four per worker): drop --batch-size")
        if current_line_limit() != DEFAULT_MAX_LINE_CHARS:
            raise InputError("--max-line-chars is not enforced by --engine dask's CSV reader; drop it, or use the "
                             "local engine")
        if resume:
            raise InputError("--resume works with the local engine; drop --resume or --engine dask")
        if anonymize:
            raise InputError("--anonymize keeps pseudonyms consistent across all rows, which the dask engine cannot do "
                             "across partitions; run 'barriers anonymize' first, then classify its output with --engine dask")
        from ..dask_engine import classify_with_dask

        summary = classify_with_dask(input_path, None if output_parts else output, model, fmt=fmt,
                                     output_format=output_format, text_column=text_column, id_column=id_column,
                                     keep_columns=keep, scheduler=scheduler, jobs=jobs, encoding=encoding,
                                     max_text_chars=max_text_chars, output_parts=output_parts,
                                     progress=not quiet and sys.stderr.isatty(),
                                     file_metadata=None if source is None else lambda rows: parquet_metadata(
                                         provenance("classify", source=source, options=options, rows=rows,
                                                    model=model)))
        if source is not None:
            write_sidecar(output, provenance("classify", source=source, options=options, rows=summary.rows,
                                             model=model))
    else:
        if scheduler is not None:
            raise InputError("--scheduler needs --engine dask; add --engine dask or drop --scheduler")
        def open_frames():
            return checked_ids(read_table(input_path, fmt, batch_size=batch_size, encoding=encoding, allow_empty=True),
                               id_column, input_path, allow_duplicates=allow_duplicate_ids)

        if anonymize:
            # Pseudonym numbers depend on every row of a group, so anonymising (two
            # passes over a file) runs here, in input order, before chunks go to the workers.
            anonymizer = Anonymizer([text_column], group_column=group_column)
            frames = anonymized_frames(open_frames, anonymizer, source=input_path, two_pass=input_path != STDIO)
        else:
            frames = open_frames()
        if resume:
            run = {"input": resume_fingerprint(input_path), "model": model_fingerprint(model, model_path),
                   "options": {"text_column": text_column, "format": fmt, "encoding": encoding,
                               "batch_size": batch_size, "id_column": id_column, "keep_columns": keep,
                               "anonymize": anonymize, "group_column": group_column,
                               "max_text_chars": max_text_chars, "taxonomy": taxonomy_path}}
            writer = ResumableWriter(output, output_format, run=run)
        else:
            writer = TableWriter(output, output_format)
        try:
            record = None if source is None else functools.partial(provenance, "classify", source=source,
                                                                   options=options, model=model)
            _write(writer, resume, frames, model, jobs, text_column, id_column, keep, summary, progress, input_path,
                   max_text_chars, record)
        except KeyboardInterrupt:
            if not resume:
                raise
            click.echo(f"Interrupted; {writer.rows_done:,} rows are saved in {writer.partial} "
                       f"({writer.checkpoint}): run the same command again to continue.", err=True)
            raise click.exceptions.Exit(INTERRUPTED_EXIT_CODE) from None
    progress.finish()
    if not quiet:
        where = f" -> {output_parts}" if output_parts else "" if output == STDIO else f" -> {output}"
        if resume and writer.resumed_rows:
            where += f" (resumed after {writer.resumed_rows:,} rows done before)"
        click.echo(summary.one_line() + where, err=True)
        click.echo(summary.to_frame().rename(columns={"texts": "flagged", "share": "share_flagged"})
                   .to_string(index=False), err=True)
        click.echo(RAW_COUNTS_NOTE, err=True)
        if anonymizer is not None:
            click.echo(anonymizer.summary(), err=True)


def _write(writer, resume, frames, model, jobs, text_column, id_column, keep, summary, progress, source,
           max_text_chars, record=None):
    with writer:
        if resume:
            # Rows already done are read again (and anonymised, which numbers pseudonyms) but not classified.
            frames = skip_rows(frames, writer.start())
        for chunk in classify_chunks(frames, model, jobs=jobs, encode_as=writer.fmt, text_column=text_column,
                                     id_column=id_column, keep_columns=keep, summary=summary, progress=progress,
                                     source=source, max_text_chars=max_text_chars):
            writer.write(chunk)
        if record is not None and hasattr(writer, "metadata"):
            writer.metadata = parquet_metadata(record(rows=summary.rows))
    if record is not None:
        write_sidecar(writer.dest, record(rows=summary.rows))


def model_fingerprint(model, model_path) -> dict:
    """What identifies the model of a resumable run: its id and the checksums of its files."""
    return {"id": model.model_id, "path": str(Path(model_path).resolve()) if model_path else "shipped default",
            "files": model.card_.get("files")}
