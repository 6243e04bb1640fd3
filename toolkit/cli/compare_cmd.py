"""barriers compare."""

from __future__ import annotations

import json
import math

import click

from ..compare import compare, parse_variant
from ..errors import InputError
from ..io import write_table, write_text_atomic
from ..models import MODEL_TYPES
from ..outputs import STDIO, output_target
from .common import grammar_options, taxonomy_option
from .progress import command_progress
from .train_cmd import parse_params


def _split_list(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def _params_by_variant(values: tuple[str, ...], variants: list[str]) -> dict[str, dict]:
    names = [parse_variant(spec)[0] for spec in variants]
    by_name: dict[str, dict] = {}
    for item in values:
        name, sep, assignment = item.partition(":")
        if not sep or name not in names:
            raise click.BadParameter(f"expected NAME:KEY=VALUE with NAME one of the variants in --model-types "
                                     f"({', '.join(names) or 'none given'}), got '{item}'", param_hint="--param")
        by_name.setdefault(name, {}).update(parse_params((assignment,)))
    return by_name


def _label_cell(f1: float, flagged, annotated) -> str:
    return f"{'n/a' if f1 != f1 else format(f1, '.2f')} {int(flagged)}/{int(annotated)}"


def format_table(table) -> str:
    """The comparison as an aligned plain-text table; a label's cell is 'F1 flagged/annotated' (n/a: undefined, 0/0)."""
    labels = [column.removeprefix("f1_") for column in table.columns if column.startswith("f1_")]
    shown = table[["model", "evaluation", "texts"]].copy()
    for column in ("micro_f1", "macro3", "macro_f1"):
        shown[column] = table[column].map(lambda v: "" if v != v else f"{v:.3f}")
    shown["sd"] = table["macro_f1_std"].map(lambda v: "" if v != v else f"{v:.3f}")
    for label in labels:
        shown[label] = [_label_cell(*cells) for cells in
                        zip(table[f"f1_{label}"], table[f"flagged_{label}"], table[f"annotated_{label}"], strict=True)]
    shown["texts/s"] = table["texts_per_s"].map(lambda v: "" if v != v else f"{v:,.0f}")
    shown["MB"] = table["size_mb"].map(lambda v: f"{v:.1f}")
    return shown.to_string(index=False)


def _json_rows(table) -> str:
    rows = [{key: (None if isinstance(value, float) and math.isnan(value) else value) for key, value in row.items()}
            for row in table.to_dict("records")]
    return json.dumps(rows, indent=1, default=lambda v: v.item()) + "\n"


@click.command("compare")
@click.argument("data", type=click.Path(allow_dash=True))
@click.option("--model-types", default=None, metavar="VARIANTS",
              help="Comma-separated model types to cross-validate on DATA, each optionally named NAME=TYPE "
                   f"(types: {', '.join(sorted(MODEL_TYPES))}).")
@click.option("--models", default=None, metavar="MODELS",
              help="Comma-separated fitted model directories or shipped models ('default', 'fast') to score on DATA "
                   "as held-out data.")
@click.option("--eval-file", "eval_files", multiple=True, type=click.Path(allow_dash=True), metavar="PATH",
              help="Labelled file to score every variant on, named by its stem (repeatable). Variants from "
                   "--model-types are trained on all of DATA first.")
@click.option("--dev", type=click.Path(allow_dash=True), default=None,
              help="With --eval-file: labelled file that tunes the thresholds and calibration of the variants "
                   "trained on DATA (default: out-of-fold on DATA).")
@click.option("--folds", default=5, show_default=True, type=click.IntRange(min=0),
              help="Number of cross-validation folds (0: no cross-validation; needs --eval-file).")
@click.option("--seed", default=0, show_default=True, type=int, help="Seed of the fold assignment.")
@click.option("--param", "params", multiple=True, metavar="NAME:KEY=VALUE",
              help="Hyper-parameter for one variant, e.g. --param semantic:C=16 (repeatable).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="Also write the table (CSV, TSV, JSONL or Parquet by extension; - for CSV on stdout).")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="Also write the rows as a JSON list (- for stdout).")
@taxonomy_option
@click.option("--text-column", default="text", show_default=True, help="Column that holds the texts.")
@grammar_options
def compare_cmd(data, model_types, models, eval_files, dev, folds, seed, params, output, json_path, taxonomy_path,
                text_column, quiet):
    """Compare model variants (cross-validation) or fitted models on DATA and on evaluation files.

    One row per variant and evaluation: texts, micro-F1, macro3 (mean F1 of
    fear_of_rejection, past_experiences and self_doubt), macro-F1, F1 per
    label with texts flagged/annotated, texts per second of the model's
    predictions, and its size on disk. In cross-validation every fold trains
    on the other folds minus 20% that tunes the thresholds.

    \b
    Example:
      barriers compare datasets/barriers/train.csv --model-types lexicon,linear,semantic
      barriers compare datasets/barriers/train.csv --model-types linear,unigrams=linear \\
          --param unigrams:ngram_max=1 --dev datasets/barriers/calibration.csv \\
          --eval-file datasets/barriers/test.csv --eval-file datasets/barriers/calibration.csv
      barriers compare heldout.csv --models default,fast,models/adapted
    """
    if not model_types and not models:
        raise InputError("nothing to compare: give --model-types (e.g. lexicon,linear,semantic) or --models DIR1,DIR2")
    if folds == 1:
        raise click.BadParameter("expected 0 (no cross-validation) or at least 2 folds, got 1", param_hint="--folds")
    if output:
        output_target(output)
    if json_path:
        output_target(json_path, what="--json output")
    variants = _split_list(model_types)
    table = compare(data, model_types=variants, models=_split_list(models), folds=folds or None, seed=seed,
                    taxonomy=taxonomy_path, params=_params_by_variant(params, variants), text_column=text_column,
                    eval_files=list(eval_files), dev=dev, progress=command_progress("compare", unit="models"))
    if output:
        write_table(table, output)
    if json_path:
        write_text_atomic(json_path, _json_rows(table), what="--json output", stdout=True)
    if not (quiet and (output or json_path)):
        click.echo(format_table(table), err=STDIO in (output, json_path))
