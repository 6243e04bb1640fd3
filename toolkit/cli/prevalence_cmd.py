"""barriers prevalence."""

from __future__ import annotations

import functools

import click
import numpy as np

from ..io import STDIO, detect_format, write_table
from ..models import load_model
from ..prevalence import ASSUMPTIONS, DEFAULT_MIN_LABELLED, INTERVALS, PREDICTORS, TARGETS, estimate_prevalence
from .common import (
    by_option,
    check_inputs,
    grammar_options,
    model_option,
    output_format_option,
)

DOCS = "docs/prevalence.md"


def _share(value) -> str:
    return "n/a" if value is None or np.isnan(value) else f"{value:.3f}"


def _interval(estimate, low, high) -> str:
    if np.isnan(low):
        return _share(estimate)
    return f"{estimate:.3f} [{low:.3f}, {high:.3f}]"


def _group_name(row, by) -> str:
    return ", ".join(f"{column}={row[column]}" for column in by)


def _print_labelled(table, by, confidence, predictor, target, echo=click.echo) -> None:
    first = table[table["label"] == table["label"].iloc[0]]
    texts, labelled = int(first["texts"].sum()), int(first["labelled"].sum())
    where = "the share in this corpus" if target == "corpus" else "the share in the population the corpus comes from"
    echo(f"prevalence in {texts} texts, {labelled} of them labelled at random; predictor: model {predictor}; "
               f"{confidence:.0%} intervals for {where}")
    width = max(len(label) for label in table["label"])
    header = f"  {'label':<{width}}  {'raw':>5}  {'labelled only (Wilson)':<24}  {'prediction-powered':<24}  gain"
    groups = [((), table)] if not by else table.groupby(by, sort=False)
    for _, part in groups:
        if by:
            echo(_group_name(part.iloc[0], by) + f" ({int(part['texts'].iloc[0])} texts, "
                       f"{int(part['labelled'].iloc[0])} labelled)")
        echo(header)
        for row in part.itertuples(index=False):
            gain = "" if np.isnan(row.gain) else f"{row.gain:.2f} (labelled only would need {int(row.labelled_needed)})"
            echo(f"  {row.label:<{width}}  {row.raw_share:>5.3f}  "
                       f"{_interval(row.labelled_share, row.labelled_low, row.labelled_high):<24}  "
                       f"{_interval(row.estimate, row.low, row.high):<24}  {gain}".rstrip())
            if row.note:
                echo(f"  {'':<{width}}  note: {row.note}")
    echo(f"raw = share the model flags: a raw classifier count, not a prevalence estimate. Publish the "
               f"prediction-powered estimate with its interval (method and when to trust which number: {DOCS}).")


def _print_label_free(table, by, echo=click.echo) -> None:
    echo("no labelled sample: raw classifier counts and label-free corrections, each resting on an assumption "
               f"that nothing here checks; label a random sample for estimates with valid intervals ({DOCS})")
    columns = [*by, "label", "texts", *ASSUMPTIONS]
    echo(table[columns].to_string(index=False, float_format=lambda v: f"{v:.3f}", na_rep="n/a"))
    echo("assumptions:")
    for column, assumption in ASSUMPTIONS.items():
        echo(f"  {column}: {assumption}")
    for note in dict.fromkeys(n for text in table["note"] if text for n in text.split("; ")):
        echo(f"note: {note}")


@click.command("prevalence")
@click.argument("predictions", metavar="PREDICTIONS", type=click.Path(allow_dash=True))
@click.option("--labelled", "labelled", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="A random sample of the same corpus with its label columns filled in (from 'barriers annotate "
                   "sample --strategy random'); without it, raw shares and label-free corrections.")
@by_option("Group column(s) of PREDICTIONS, comma-separated or repeated.")
@click.option("--confidence", default=0.95, show_default=True,
              type=click.FloatRange(0, 1, min_open=True, max_open=True),
              help="Confidence level of the intervals.")
@click.option("--predictor", type=click.Choice(PREDICTORS), default="scores", show_default=True,
              help="What the model contributes: its calibrated scores or its 0/1 decisions.")
@click.option("--target", type=click.Choice(TARGETS), default="corpus", show_default=True,
              help="corpus: the share in PREDICTIONS (labelled texts included); population: the share in the "
                   "population the corpus is a random sample of.")
@click.option("--interval", type=click.Choice(INTERVALS), default="wilson", show_default=True,
              help="wilson: score interval on the effective sample size (keeps coverage for rare labels); clt: "
                   "PPI++'s normal interval.")
@click.option("--min-labelled", default=DEFAULT_MIN_LABELLED, show_default=True, type=click.IntRange(min=2),
              help="Groups with fewer labelled texts get a note instead of an interval.")
@click.option("--id-column", default=None,
              help="Column of PREDICTIONS with the ids the sample uses (default: 'id', else the row number).")
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False, allow_dash=True),
              help="Also write the full table (.csv, .tsv, .jsonl, .parquet; - for CSV on stdout). Written atomically.")
@output_format_option
@model_option
@grammar_options
def prevalence_cmd(predictions, labelled, by, confidence, predictor, target, interval, min_labelled, id_column,
                   output, output_format, model_path, quiet):
    """How common each barrier is in a classified corpus, with intervals you can publish.

    PREDICTIONS is the output of 'barriers classify' on the whole corpus. With
    --labelled, a random sample of it that a person labelled, each label gets
    the raw share flagged, the labelled sample's share (Wilson interval) and
    the prediction-powered estimate (PPI++), which uses the model on every text
    and stays unbiased whatever its errors, with its interval and how many
    labelled texts the labelled share alone would need for the same width.
    Without --labelled: the raw share and label-free corrections, each named
    for its assumption. Method and simulations: docs/prevalence.md.

    \b
    Example:
      barriers classify corpus.csv --id-column id -o predictions.csv
      barriers annotate sample corpus.csv --strategy random -n 200 --id-column id -o sample.csv
      (label the texts of sample.csv, then)
      barriers prevalence predictions.csv --labelled sample.csv --by community -o prevalence.csv
    """
    check_inputs({"PREDICTIONS": predictions, "--labelled": labelled})
    if output is not None:
        detect_format(output, output_format, output=True)  # a bad extension fails before any work
    by = list(by)
    model = load_model(model_path) if labelled is None else None
    table = estimate_prevalence(predictions, labelled, by=by, confidence=confidence, predictor=predictor,
                                id_column=id_column, interval=interval, target=target, min_labelled=min_labelled,
                                model=model)
    # The table on stdout moves the readable report to stderr; with -q and an output, the report is left out.
    echo = functools.partial(click.echo, err=output == STDIO)
    if not (quiet and output):
        if labelled is None:
            _print_label_free(table, by, echo)
        else:
            _print_labelled(table, by, confidence, predictor, target, echo)
    if output is not None:
        write_table(table, output, output_format)
        if not quiet and output != STDIO:
            click.echo(f"wrote {len(table)} rows to {output}", err=True)
