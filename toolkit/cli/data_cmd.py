"""barriers data validate | stats."""

from __future__ import annotations

import sys

import click

from ..io import read_all
from ..labelled import NEAR_DUPLICATE_JACCARD, label_stats, validate_labelled
from ..taxonomy import load_taxonomy
from .common import (
    ToolkitGroup,
    allow_duplicate_ids_option,
    by_option,
    grammar_options,
    taxonomy_option,
    text_input_options,
)

VALIDATION_FAILED_EXIT_CODE = 1


@click.group("data", cls=ToolkitGroup)
def data_group():
    """Check and describe labelled files in the codebook format."""


@data_group.command("validate")
@click.argument("path", type=click.Path(allow_dash=True))
@taxonomy_option
@text_input_options
@click.option("--id-column", default="id", show_default=True, help="Column whose values must be unique.")
@allow_duplicate_ids_option
@click.option("--near-duplicate-threshold", default=NEAR_DUPLICATE_JACCARD, show_default=True,
              type=click.FloatRange(0, 1), help="Character 5-gram Jaccard at which two texts count as near-duplicates.")
@grammar_options
def validate_cmd(path, taxonomy_path, text_column, fmt, encoding, batch_size, id_column, allow_duplicate_ids,
                 near_duplicate_threshold, quiet):
    """Check PATH against the codebook format and print label counts.

    Checks the text and label columns, 0/1 values, empty texts, repeated or
    empty ids (unless --allow-duplicate-ids) and near-duplicate texts, and, when there is an `evidence` column, that
    every span lies inside its text and belongs to a positive label and that
    every positive label of an annotated row has a span (the format is in
    datasets/barriers/DATASHEET.md). Exits 1 when any check fails; with -q it
    prints only the problems.

    \b
    Example:
      barriers data validate datasets/barriers/train.csv
    """
    taxonomy = load_taxonomy(taxonomy_path)
    frame = read_all(path, fmt, encoding=encoding, batch_size=batch_size)
    # Repeated and empty ids are problems unless allowed; the column is then not checked at all.
    report = validate_labelled(frame, taxonomy, source=path, text_column=text_column,
                               id_column=None if allow_duplicate_ids else id_column,
                               near_duplicate_threshold=near_duplicate_threshold)
    if not quiet:
        click.echo(f"{path}: {report.rows} rows, {report.no_label} with no label")
        for label, count in report.label_counts.items():
            click.echo(f"  {label:<24} {count:>6}")
        click.echo("co-occurrence (texts with both labels):")
        click.echo(report.cooccurrence.to_string())
        if report.evidence is not None:
            check = report.evidence
            click.echo(f"evidence spans: {check.labels_with_spans} of {check.positive_labels} positive labels "
                       f"({check.coverage:.1%}); {check.annotated_rows} of {report.rows} rows annotated")
    if report.problems:
        for problem in report.problems:
            click.echo(f"Error: {problem}", err=True)
        sys.exit(VALIDATION_FAILED_EXIT_CODE)
    if not quiet:
        click.echo("OK: the file follows the codebook format")


@data_group.command("stats")
@click.argument("path", type=click.Path(allow_dash=True))
@taxonomy_option
@text_input_options
@by_option("Columns to count labels by (repeatable or comma-separated).", default=("register",))
@grammar_options
def stats_cmd(path, taxonomy_path, text_column, fmt, encoding, batch_size, by, quiet):
    """Print label counts per label, per group column and per length bucket.

    \b
    Example:
      barriers data stats datasets/barriers/train.csv --by register,source
    """
    taxonomy = load_taxonomy(taxonomy_path)
    frame = read_all(path, fmt, encoding=encoding, batch_size=batch_size)
    tables = label_stats(frame, taxonomy, source=path, text_column=text_column, by=by)
    click.echo(f"{path}: {len(frame)} rows")
    for name, table in tables.items():
        click.echo(f"\n{name}:")
        click.echo(table.to_string(index=False))
