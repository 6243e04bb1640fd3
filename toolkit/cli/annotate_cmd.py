"""barriers annotate sample | import | agreement | merge | curve."""

from __future__ import annotations

import functools
import json

import click
import numpy as np
import pandas as pd

from ..annotate.curve import learning_curve
from ..annotate.sampling import DEFAULT_POOL_SIZE, STRATEGIES, UNCERTAINTY_MEASURES, sample_for_annotation, write_sheet
from ..annotate.sheets import compare_annotators, merge_annotations
from ..annotation_formats import read_annotations
from ..errors import InputError
from ..io import write_table
from ..models import load_model
from ..outputs import STDIO, output_target, write_output_text
from ..taxonomy import load_taxonomy
from .common import (
    ModelTypeChoice,
    ToolkitGroup,
    allow_duplicate_ids_option,
    check_inputs,
    check_outputs,
    grammar_options,
    labelled_input_options,
    model_option,
    taxonomy_option,
    text_input_options,
)
from .progress import command_progress
from .train_cmd import parse_params


def _silent(*args, **kwargs) -> None:
    """The echo of a command run with -q whose result went to a file."""


def _comma_list(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


@click.group("annotate", cls=ToolkitGroup)
def annotate_group():
    """Label your own texts: pick texts, import labels, measure agreement, plot a learning curve.

    The loop: 'annotate sample' writes a sheet to label, 'annotate import'
    reads Label Studio or doccano exports, 'annotate agreement' compares
    annotators, 'annotate merge' resolves them into one labelled file, 'train
    --base' adapts the model and 'annotate curve' shows whether more labels
    would help. Walkthrough: docs/annotation.md.
    """


@annotate_group.command("sample")
@click.argument("input_path", metavar="INPUT", type=click.Path(allow_dash=True))
@click.option("-n", "--n", "n", default=200, show_default=True, type=click.IntRange(min=1),
              help="How many texts to pick.")
@click.option("--strategy", type=click.Choice(STRATEGIES), default="uncertainty", show_default=True,
              help="uncertainty: closest to the thresholds (or highest entropy); diverse: one text per cluster of the "
                   "model's features; stratified: equal shares per predicted label; random.")
@click.option("--uncertainty", "measure", type=click.Choice(UNCERTAINTY_MEASURES), default="margin", show_default=True,
              help="For --strategy uncertainty: margin to the nearest threshold, or summed entropy over labels.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Sheet to write (.csv, .tsv, .jsonl, .parquet); the codebook goes beside it as NAME.codebook.md.")
@click.option("--seed", default=0, show_default=True, help="Seed: the same input, model and seed give the same sheet.")
@click.option("--id-column", default=None, help="Column with row ids (written as 'id'); default: row-N.")
@allow_duplicate_ids_option
@click.option("--keep-columns", default=None, help="Comma-separated input columns to copy into the sheet.")
@click.option("--exclude", multiple=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="Sheet or labelled file whose texts (by id or text) are not sampled again (repeatable).")
@click.option("--no-suggestions", is_flag=True, help="Leave out the model's suggestions (suggested_*, sampled_by).")
@click.option("--pool-size", default=DEFAULT_POOL_SIZE, show_default=True, type=click.IntRange(min=1),
              help="Texts drawn at random from INPUT to choose from (bounds memory and time).")
@model_option
@text_input_options
@grammar_options
def sample_cmd(input_path, n, strategy, measure, output, seed, id_column, allow_duplicate_ids, keep_columns, exclude,
               no_suggestions, pool_size, model_path, text_column, fmt, encoding, batch_size, quiet):
    """Pick N texts of INPUT to label next and write them as an annotation sheet.

    The sheet has id, text, one empty column per label, notes, and (unless
    --no-suggestions) the model's suggestions in suggested_* columns that
    annotators can hide. Rows come in a seeded random order. The codebook
    (definitions, what counts and what does not) is written beside it.
    --strategy random draws a simple random sample of INPUT's rows: labelled,
    it is the sample 'barriers prevalence --labelled' needs.

    \b
    Example:
      barriers annotate sample datasets/barriers/samples/journal.csv --id-column entry_id -n 20 -o batch.csv
      barriers annotate sample corpus.jsonl -n 200 --strategy diverse --exclude round1.csv -o round2.csv
      barriers annotate sample corpus.csv -n 200 --strategy random --id-column id -o prevalence_sample.csv
    """
    if output == STDIO:
        raise InputError("annotate sample writes two files, the sheet and its codebook beside it, so -o cannot be "
                         "stdout ('-'); pass a file path such as batch.csv")
    check_inputs({"INPUT": input_path, **{f"--exclude {path}": path for path in exclude}})
    output_target(output, what="sheet")
    model = load_model(model_path)
    sheet = sample_for_annotation(input_path, model, n=n, strategy=strategy, seed=seed, measure=measure,
                                  text_column=text_column, id_column=id_column, keep_columns=_comma_list(keep_columns),
                                  suggestions=not no_suggestions, exclude=exclude, pool_size=pool_size, fmt=fmt,
                                  encoding=encoding, allow_duplicate_ids=allow_duplicate_ids)
    codebook = write_sheet(sheet, output, model.taxonomy_)
    if quiet:
        return
    click.echo(f"wrote {len(sheet)} texts to label to {output} ({strategy} sampling, seed {seed}); "
               f"codebook: {codebook}")
    if "suggested_labels" in sheet.columns:
        counts = sheet["suggested_labels"].str.split(";").explode().value_counts()
        click.echo("model suggestions: " + ", ".join(f"{label} {count}" for label, count in counts.items()))
    if strategy == "random":
        click.echo(f"for prevalence: label every row, then 'barriers prevalence PREDICTIONS --labelled {output}' "
                   "(PREDICTIONS: 'barriers classify' on the same INPUT, with the same --id-column); "
                   "docs/prevalence.md" + ("; --exclude makes the sample no longer random over INPUT" if exclude
                                           else ""))


@annotate_group.command("import")
@click.argument("path", type=click.Path(allow_dash=True))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="Labelled file to write in the codebook format (.csv, .tsv, .jsonl, .parquet).")
@click.option("--annotator", default=None, help="Label Studio: whose annotations to read (completed_by id or e-mail).")
@click.option("--control", default=None, help="Label Studio: read only this choices control (from_name).")
@click.option("--keep-unlabelled", is_flag=True, help="Keep rows nobody labelled, with empty label columns.")
@taxonomy_option
@labelled_input_options
@grammar_options
def import_cmd(path, output, annotator, control, keep_unlabelled, taxonomy_path, text_column, fmt, encoding, quiet):
    """Convert a Label Studio JSON export, a doccano JSONL export or a filled-in sheet to a labelled file.

    Labels may be written as ids or names of the taxonomy's labels. A record
    that does not fit stops the import with an error naming it.

    \b
    Example:
      barriers annotate import project.json -o labelled.csv
      barriers annotate import doccano.jsonl --format doccano -o labelled.csv
    """
    taxonomy = load_taxonomy(taxonomy_path)
    imported = read_annotations(path, taxonomy, fmt=fmt, text_column=text_column, annotator=annotator,
                                control=control, encoding=encoding)
    frame = imported.frame if keep_unlabelled else imported.labelled
    if keep_unlabelled:
        labels = list(taxonomy.ids)
        frame = frame.assign(**{label: frame[label].map(lambda v: "" if pd.isna(v) else int(v)) for label in labels})
    write_table(frame, output)
    if quiet:
        return
    echo = functools.partial(click.echo, err=output == STDIO)
    done = len(imported.frame) - len(imported.unlabelled)
    echo(f"read {len(imported.frame)} records ({imported.fmt}): {done} labelled, {len(imported.unlabelled)} "
               f"not labelled{' (kept)' if keep_unlabelled else ' (left out)'}", err=True)
    for label in taxonomy.ids:
        click.echo(f"  {label:<24} {int(np.nansum(imported.frame[label])):>6}", err=True)


@annotate_group.command("agreement")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--names", default=None, help="Comma-separated annotator names (default: the file names).")
@click.option("--key", default=None, help="Column to match items on (default: id when every file has it, else text).")
@click.option("--disagreements", "disagreements_path", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the items annotators disagree on, with empty label columns to adjudicate (- for stdout).")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the figures as JSON (- for stdout).")
@taxonomy_option
@labelled_input_options
@grammar_options
def agreement_cmd(paths, names, key, disagreements_path, json_path, taxonomy_path, text_column, fmt, encoding, quiet):
    """Agreement between annotators who labelled the same texts (two or more files).

    Per label: percent agreement, Cohen's kappa (two annotators; pairwise
    for more), Fleiss' kappa (items everyone rated) and Krippendorff's alpha
    (nominal; copes with missing ratings); then which labels one annotator
    gave where another gave a different one, and the disagreeing items.

    \b
    Example:
      barriers annotate agreement datasets/shift/annotations/ana.json datasets/shift/annotations/ben.jsonl
      barriers annotate agreement a.csv b.csv c.csv --disagreements to_adjudicate.csv
    """
    if len(paths) < 2:
        raise click.UsageError("pass at least two annotation files")
    check_inputs({f"PATH {number}": path for number, path in enumerate(paths, 1)})
    to_stdout = check_outputs({"--disagreements": disagreements_path, "--json": json_path})
    if quiet and (disagreements_path or json_path):
        echo = _silent
    else:
        echo = functools.partial(click.echo, err=to_stdout)
    taxonomy = load_taxonomy(taxonomy_path)
    report = compare_annotators(list(paths), taxonomy, names=_comma_list(names) or None, key=key,
                                text_column=text_column, fmt=fmt)
    o = report.overall
    echo(f"{o['annotators']} annotators, {o['items']} items, {o['items_shared']} labelled by two or more "
               f"(matched on {o['matched_on']}); all labels agree on {o['items_all_agree']:.1%} of them")
    table = report.per_label.copy()
    if o["annotators"] > 2:
        table = table.drop(columns="cohen_kappa")
    echo(table.to_string(index=False, float_format=lambda v: f"{v:.3f}", na_rep="n/a"))
    means = ", ".join(f"{stat} {o[f'mean_{stat}']:.3f}" for stat in ("percent_agreement", "cohen_kappa",
                                                                      "fleiss_kappa", "krippendorff_alpha")
                      if o.get(f"mean_{stat}") is not None)
    echo(f"means over labels: {means}")
    if o["annotators"] > 2:
        echo("\npairwise Cohen's kappa:")
        echo(report.pairwise.to_string(index=False, float_format=lambda v: f"{v:.3f}", na_rep="n/a"))
    echo("\ndisagreements (rows: labels only the first annotator gave; columns: what the other gave instead):")
    echo(report.confusion.to_string())
    echo(f"\n{len(report.disagreements)} item(s) with a disagreement")
    if disagreements_path:
        write_table(report.disagreements, disagreements_path)
        echo(f"wrote them to {disagreements_path}: fill in the label columns, then run "
                   f"'barriers annotate merge ... --adjudicated {disagreements_path}'")
    if json_path:
        payload = {"overall": o, "per_label": report.per_label.replace({np.nan: None}).to_dict(orient="records"),
                   "pairwise": report.pairwise.replace({np.nan: None}).to_dict(orient="records"),
                   "confusion": report.confusion.to_dict()}
        write_output_text(json_path, json.dumps(payload, indent=2) + "\n", what="--json output")


@annotate_group.command("merge")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="Labelled file to write (.csv, .tsv, .jsonl, .parquet).")
@click.option("--adjudicated", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="The disagreements file from 'annotate agreement' with its label columns filled in.")
@click.option("--majority", is_flag=True, help="Settle remaining disagreements by each label's strict majority.")
@click.option("--key", default=None, help="Column to match items on (default: id when every file has it, else text).")
@taxonomy_option
@labelled_input_options
@grammar_options
def merge_cmd(paths, output, adjudicated, majority, key, taxonomy_path, text_column, fmt, encoding, quiet):
    """Merge several annotators' files into one labelled file.

    Agreed items keep their labels, disagreements take the adjudicated labels
    (or, with --majority, the majority), items only one annotator labelled keep
    that label. The 'resolution' column says which rule applied.

    \b
    Example:
      barriers annotate merge a.csv b.csv --adjudicated to_adjudicate.csv -o labelled.csv
    """
    check_inputs({**{f"PATH {number}": path for number, path in enumerate(paths, 1)}, "--adjudicated": adjudicated})
    taxonomy = load_taxonomy(taxonomy_path)
    merged = merge_annotations(list(paths), taxonomy, adjudicated=adjudicated, majority=majority, key=key,
                               text_column=text_column, fmt=fmt)
    write_table(merged, output)
    if quiet:
        return
    echo = functools.partial(click.echo, err=output == STDIO)
    counts = merged["resolution"].value_counts()
    echo(f"wrote {len(merged)} labelled texts to {output}: "
               + ", ".join(f"{count} {name}" for name, count in counts.items()), err=True)


@annotate_group.command("curve")
@click.argument("data", type=click.Path(allow_dash=True))
@click.option("--heldout", type=click.Path(allow_dash=True), default=None,
              help="Labelled file to score every point on (default: k-fold cross-validation of DATA).")
@click.option("--sizes", default=None, help="Comma-separated training-set sizes (default: 25, 50, 100, ... and all).")
@click.option("--repeats", default=3, show_default=True, type=click.IntRange(min=1),
              help="Random orderings per point when --heldout is given.")
@click.option("--folds", default=5, show_default=True, type=click.IntRange(min=2), help="Folds without --heldout.")
@click.option("--model-type", type=ModelTypeChoice(), default="linear", show_default=True)
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="Hyper-parameter (repeatable).")
@click.option("--reference", "reference", default="default", show_default=True, metavar="MODEL",
              help="Model scored on the same texts for comparison ('default': the shipped model; 'none': skip).")
@click.option("--fixed-thresholds", is_flag=True,
              help="Cut every label at 0.5 instead of tuning thresholds per point (4x faster, understates small sets).")
@click.option("--seed", default=0, show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="Write the points as a table (- for CSV on stdout).")
@taxonomy_option
@labelled_input_options
@grammar_options
def curve_cmd(data, heldout, sizes, repeats, folds, model_type, params, reference, fixed_thresholds, seed, output,
              taxonomy_path, text_column, fmt, encoding, quiet):
    """Macro-F1 against the number of labelled texts: is more labelling worth it?

    Trains fresh models on growing random subsets of DATA (thresholds tuned
    out-of-fold on each subset) and scores them on --heldout or by
    cross-validation; the reference model is scored on the same texts.

    \b
    Example:
      barriers annotate curve datasets/shift/train.csv --heldout datasets/shift/heldout.csv --sizes 20,40,80,160
    """
    try:
        size_list = [int(s) for s in _comma_list(sizes)]
    except ValueError:
        raise click.BadParameter(f"expected whole numbers separated by commas, got '{sizes}'",
                                 param_hint="--sizes") from None
    check_inputs({"DATA": data, "--heldout": heldout})
    to_stdout = check_outputs({"-o": output})
    echo = _silent if quiet and output else functools.partial(click.echo, err=to_stdout)
    reference_model = None if reference == "none" else load_model(None if reference == "default" else reference)
    curve = learning_curve(data, heldout=heldout, sizes=size_list or None, repeats=repeats, folds=folds,
                           model_type=model_type, params=parse_params(params), seed=seed, reference=reference_model,
                           taxonomy=taxonomy_path, tune_thresholds=not fixed_thresholds, text_column=text_column,
                           fmt=fmt,
                           progress=command_progress("annotate curve", unit="fits"))
    echo(f"macro-F1 by number of labelled texts ({curve.evaluated_on}, {model_type} model trained afresh, "
               f"thresholds {curve.thresholds}):")
    best = np.nanmax(curve.points["macro_f1"].to_numpy()) if curve.points["macro_f1"].notna().any() else 0
    for row in curve.points.itertuples():
        if np.isnan(row.macro_f1):
            echo(f"  {row.size:>6}  n/a (too few positives in {row.skipped} run(s))")
            continue
        bar = "#" * int(round(40 * row.macro_f1 / max(best, 1e-9)))
        skipped = f", {row.skipped} run(s) skipped" if row.skipped else ""
        echo(f"  {row.size:>6}  {row.macro_f1:.3f} ± {row.macro_f1_std:.3f}  {bar}{skipped}")
    if curve.reference is not None:
        echo(f"  reference {curve.reference_model}: {curve.reference:.3f} on the same texts")
    gain = curve.last_gain()
    if gain is not None:
        echo(f"last step added {gain:+.3f} macro-F1")
    if output:
        write_table(curve.points, output)
