"""barriers compare."""

from __future__ import annotations

import click

from ..compare import compare
from ..errors import InputError
from ..io import write_table
from ..models import MODEL_TYPES, model_types
from ..outputs import STDIO, output_target
from .common import grammar_options, taxonomy_option
from .progress import command_progress
from .train_cmd import parse_params


def _split_list(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def _params_by_type(values: tuple[str, ...]) -> dict[str, dict]:
    by_type: dict[str, dict] = {}
    for item in values:
        model_type, sep, assignment = item.partition(":")
        if not sep or model_type not in model_types():
            raise click.BadParameter(f"expected TYPE:KEY=VALUE with TYPE one of {', '.join(sorted(model_types()))}, got '{item}'",
                                     param_hint="--param")
        by_type.setdefault(model_type, {}).update(parse_params((assignment,)))
    return by_type


def format_table(table) -> str:
    """The comparison as an aligned plain-text table."""
    shown = table.copy()
    for column in shown.columns:
        if column.startswith(("macro", "micro", "f1_")):
            shown[column] = shown[column].map(lambda v: "" if v != v else f"{v:.3f}")
    shown["ms_per_1k_texts"] = shown["ms_per_1k_texts"].map(lambda v: f"{v:.0f}")
    shown["size_mb"] = shown["size_mb"].map(lambda v: f"{v:.1f}")
    return shown.to_string(index=False)


@click.command("compare")
@click.argument("data", type=click.Path(allow_dash=True))
@click.option("--model-types", default=None, metavar="TYPES",
              help=f"Comma-separated model types to cross-validate on DATA ({', '.join(sorted(MODEL_TYPES))}).")
@click.option("--models", default=None, metavar="DIRS",
              help="Comma-separated fitted model directories to score on DATA as held-out data.")
@click.option("--folds", default=5, show_default=True, type=click.IntRange(min=2), help="Number of cross-validation folds.")
@click.option("--seed", default=0, show_default=True, type=int, help="Seed of the fold assignment.")
@click.option("--param", "params", multiple=True, metavar="TYPE:KEY=VALUE",
              help="Hyper-parameter for one model type, e.g. --param semantic:C=16 (repeatable).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="Also write the table (CSV, TSV, JSONL or Parquet by extension; - for CSV on stdout).")
@taxonomy_option
@click.option("--text-column", default="text", show_default=True, help="Column that holds the texts.")
@grammar_options
def compare_cmd(data, model_types, models, folds, seed, params, output, taxonomy_path, text_column, quiet):
    """Compare model types (k-fold cross-validation) or fitted models (held-out) on DATA.

    The table has macro- and micro-F1, F1 per label, milliseconds per 1,000
    texts and the model's size on disk. In cross-validation every fold trains
    on the other folds minus 20% that tunes the thresholds.

    \b
    Example:
      barriers compare datasets/barriers/train.csv --model-types lexicon,linear,semantic
      barriers compare heldout.csv --models base_model,adapted_model
    """
    if not model_types and not models:
        raise InputError("nothing to compare: give --model-types (e.g. lexicon,linear,semantic) or --models DIR1,DIR2")
    if output:
        output_target(output)
    table = compare(data, model_types=_split_list(model_types), models=_split_list(models), folds=folds, seed=seed,
                    taxonomy=taxonomy_path, params=_params_by_type(params), text_column=text_column,
                    progress=command_progress("compare", unit="fits"))
    if output:
        write_table(table, output)
    if not (quiet and output):
        click.echo(format_table(table), err=output == STDIO)
