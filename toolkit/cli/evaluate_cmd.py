"""barriers evaluate."""

from __future__ import annotations

import sys

import click

from ..evaluation import DEFAULT_BOOTSTRAP, FLAG_RATIO_MIN_SUPPORT, evaluate, read_gate_file
from ..io import write_table
from ..outputs import write_output_text
from ..report import render_html, render_markdown, render_text
from ..taxonomy import load_taxonomy
from .common import (
    allow_duplicate_ids_option,
    by_option,
    check_inputs,
    check_outputs,
    grammar_options,
    model_option,
    taxonomy_option,
)
from .progress import command_progress

GATE_FAILED_EXIT_CODE = 1


def _parse_min_f1(values) -> dict[str, float]:
    out = {}
    for item in values:
        label, sep, raw = item.partition("=")
        try:
            out[label] = float(raw)
        except ValueError:
            sep = ""
        if not sep or not label:
            raise click.BadParameter(f"expected LABEL=NUMBER such as self_doubt=0.8, got '{item}'",
                                     param_hint="--min-f1")
    return out




@click.command("evaluate")
@click.argument("gold", type=click.Path(allow_dash=True))
@model_option
@click.option("--predictions", type=click.Path(allow_dash=True), default=None,
              help="Score an existing predictions file (same label columns) instead of running a model.")
@taxonomy_option
@click.option("--text-column", default="text", show_default=True, help="Column that holds the texts.")
@click.option("--id-column", default=None, help="Match gold and prediction rows by this column instead of by position.")
@allow_duplicate_ids_option
@by_option("Report metrics per value of these gold columns (repeatable or comma-separated).", renamed="--group-by")
@click.option("--bootstrap", "n_bootstrap", default=DEFAULT_BOOTSTRAP, show_default=True, type=click.IntRange(min=0),
              help="Bootstrap resamples for the F1 intervals (0 to skip).")
@click.option("--seed", default=0, show_default=True, help="Seed of the bootstrap.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the metrics as JSON (documented schema); - for stdout.")
@click.option("--report", "html_path", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write a self-contained HTML report; - for stdout.")
@click.option("--markdown", "markdown_path", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write a Markdown summary (for CI job summaries); - for stdout.")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the misclassified rows (gold, predicted, scores), most confident first; - for stdout.")
@click.option("--gates", "gates_path", type=click.Path(dir_okay=False),
              help="TOML file of gate settings; options below override it.")
@click.option("--min-macro-f1", type=float, default=None, help="Fail (exit 1) when macro-F1 is below this.")
@click.option("--min-f1", multiple=True, metavar="LABEL=X", help="Fail when LABEL's F1 is below X (repeatable).")
@click.option("--baseline", type=click.Path(dir_okay=False), default=None, help="Evaluation JSON to compare against.")
@click.option("--max-drop", type=float, default=None,
              help="Fail when a metric falls more than this below the baseline.")
@grammar_options
def evaluate_cmd(gold, model_path, predictions, taxonomy_path, text_column, id_column, allow_duplicate_ids, by,
                 n_bootstrap, seed, json_path, html_path, markdown_path, errors_path, gates_path, min_macro_f1, min_f1,
                 baseline, max_drop, quiet):
    """Score a model (or a predictions file) against GOLD, a labelled file.

    Prints per-label precision, recall, F1 with bootstrap intervals, support,
    ROC-AUC and average precision, then macro/micro/weighted F1, subset
    accuracy, Hamming loss and calibration. An F1 that is undefined (no gold
    positives and no predictions) shows as n/a and is left out of the means.
    GOLD or --predictions may be - for stdin. With -q the readable report is
    printed only when no file output is asked for. Exit code 0 when every
    gate passes, 1 when a gate fails, 2 for bad input.

    \b
    Example:
      barriers evaluate datasets/barriers/test.csv --by register --report report.html
      barriers evaluate gold.csv --predictions pred.csv --id-column id --min-macro-f1 0.8
      barriers evaluate datasets/barriers/test.csv --gates quality-gates.toml --markdown summary.md
    """
    if model_path and predictions:
        raise click.UsageError("pass either --model or --predictions, not both")
    outputs = {"--json": json_path, "--markdown": markdown_path, "--report": html_path, "--errors": errors_path}
    to_stdout = check_outputs(outputs)
    settings = read_gate_file(gates_path) if gates_path else {}
    min_f1_map = {**settings.get("min_f1", {}), **_parse_min_f1(min_f1)}
    min_macro_f1 = min_macro_f1 if min_macro_f1 is not None else settings.get("min_macro_f1")
    baseline = baseline or settings.get("baseline")
    max_drop = max_drop if max_drop is not None else settings.get("max_drop")
    taxonomy = load_taxonomy(taxonomy_path) if taxonomy_path or predictions else None
    check_inputs({"GOLD": gold, "--predictions": predictions})
    report = evaluate(gold, model_path, predictions=predictions, taxonomy=taxonomy, text_column=text_column,
                      id_column=id_column, group_by=by, n_bootstrap=n_bootstrap, seed=seed,
                      allow_duplicate_ids=allow_duplicate_ids, progress=command_progress("bootstrap", unit="resamples"))
    gates = report.gates(min_macro_f1=min_macro_f1, min_f1=min_f1_map, baseline=baseline, max_drop=max_drop,
                         flag_ratio=settings.get("flag_ratio"),
                         flag_ratio_min_support=settings.get("flag_ratio_min_support", FLAG_RATIO_MIN_SUPPORT))
    # With one report on stdout, the readable one moves to stderr so the two do not mix.
    if not (quiet and any(outputs.values())):
        click.echo(render_text(report, gates), err=to_stdout)
    if json_path:
        write_output_text(json_path, report.to_json() + "\n", what="--json output")
    if markdown_path:
        write_output_text(markdown_path, render_markdown(report, gates), what="--markdown output")
    if html_path:
        write_output_text(html_path, render_html(report, gates), what="--report output")
    if errors_path:
        write_table(report.errors, errors_path)
    failed = [gate for gate in gates if not gate.passed]
    if failed:
        click.echo(f"{len(failed)} of {len(gates)} quality gate(s) failed:", err=True)
        for gate in failed:
            shortfall = "< required" if gate.maximum is None else "outside required range"
            click.echo(f"  {gate.name}: {gate.shown} {shortfall} {gate.requirement.removeprefix('>= ')}", err=True)
        sys.exit(GATE_FAILED_EXIT_CODE)
