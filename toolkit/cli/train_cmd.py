"""barriers train."""

from __future__ import annotations

import click

from ..adaptation import SCOPES, adapt
from ..outputs import output_directory
from ..training import train
from .common import ModelTypeChoice, check_inputs, grammar_options, labelled_input_options, taxonomy_option
from .progress import command_progress


def parse_params(values: tuple[str, ...]) -> dict:
    """``--param KEY=VALUE`` options as a dict; values become int, float, true/false/none where they read as one."""
    params = {}
    for item in values:
        key, sep, raw = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"expected KEY=VALUE, got '{item}'", param_hint="--param")
        for cast in (int, float):
            try:
                params[key] = cast(raw)
                break
            except ValueError:
                continue
        else:
            params[key] = {"true": True, "false": False, "none": None}.get(raw.lower(), raw)
    return params


@click.command("train")
@click.argument("data", type=click.Path(allow_dash=True))
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False), help="Model directory to write.")
@click.option("--dev", type=click.Path(allow_dash=True), default=None,
              help="Labelled file to tune thresholds and report metrics on (default: out-of-fold on DATA).")
@click.option("--model-type", type=ModelTypeChoice(), default="linear", show_default=True)
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE",
              help="Hyper-parameter of the model type, e.g. --param C=4 (repeatable).")
@click.option("--base", "base", default=None, metavar="MODEL",
              help="Adapt this model directory (or shipped model: 'default', 'fast') to DATA instead of training "
                   "afresh.")
@click.option("--base-data", "base_data", multiple=True, type=click.Path(allow_dash=True),
              help="With --base: the data the base model was trained on (repeatable; the shipped model's "
                   "training split is inside the package).")
@click.option("--base-weight", type=float, default=None,
              help="With --base: weight of each old row (new rows weigh 1; default 0.3).")
@click.option("--weight", "weights", multiple=True, metavar="COLUMN=PATTERN:WEIGHT",
              help="Weight training rows whose COLUMN matches the glob PATTERN, e.g. "
                   "--weight 'source=authored:natural_*:3' (repeatable; the last matching rule wins; others weigh 1).")
@click.option("--scope", type=click.Choice(SCOPES), default=None,
              help="With --base: 'model' (the default) refits the weights on the base data and DATA; 'calibration' "
                   "keeps the base model's weights and refits only its calibration and thresholds on DATA; 'fine-tune' "
                   "(linear models) corrects the base weights on DATA alone. See docs/adaptation.md.")
@click.option("--calibration", type=click.Choice(["platt", "none"]), default="platt", show_default=True,
              help="Map scores to calibrated probabilities (Platt scaling on the threshold-tuning data).")
@taxonomy_option
@labelled_input_options
@grammar_options
def train_cmd(data, output, dev, model_type, params, base, base_data, base_weight, weights, scope, calibration,
              taxonomy_path, text_column, fmt, encoding, quiet):
    """Train a model on DATA, a labelled file in the codebook format.

    DATA needs a text column and one 0/1 column per taxonomy label; Label
    Studio JSON and doccano JSONL exports are read too. The model directory
    holds plain arrays and a model card (model.json) with the taxonomy, the
    training data fingerprint, library versions, hyper-parameters,
    thresholds and metrics; loading it runs no code.

    With --base, adapts an existing model: refits it on the union of its own
    training data (--base-data, down-weighted by --base-weight) and DATA,
    with thresholds tuned on DATA (out-of-fold) or --dev; with another
    --taxonomy, refits on DATA alone. --scope calibration keeps the base
    model's weights and refits only its calibration and thresholds on DATA;
    --scope fine-tune corrects the base weights on DATA alone. The card's
    provenance lists every step.

    \b
    Example:
      barriers train datasets/barriers/train.csv --dev datasets/barriers/dev.csv -o models/mine
      barriers train --base default datasets/shift/train.csv -o models/adapted
    """
    check_inputs({"DATA": data, "--dev": dev, **{f"--base-data {path}": path for path in base_data}})
    output_directory(output, what="model directory")  # before training, not after
    if base is not None:
        if params or model_type != "linear" or weights:
            raise click.UsageError("--base keeps the base model's type and hyper-parameters; drop --model-type, "
                                   "--param and --weight")
        if scope == "calibration" and (base_data or base_weight is not None):
            raise click.UsageError("--scope calibration keeps the base model's weights, so --base-data and "
                                   "--base-weight have no role; drop them or use --scope model")
        model = adapt(data, None if base == "default" else base, base_data=list(base_data) or None,
                      base_weight=base_weight, dev=dev, taxonomy=taxonomy_path, text_column=text_column, fmt=fmt,
                      encoding=encoding, scope=scope or "model")
    else:
        if base_data or base_weight is not None or scope is not None:
            raise click.UsageError("--base-data, --base-weight and --scope need --base MODEL")
        try:
            model = train(data, dev=dev, model_type=model_type, taxonomy=taxonomy_path, text_column=text_column,
                          fmt=fmt, encoding=encoding, calibration=calibration, weight_rules=weights,
                          progress=command_progress("train", unit="steps"), **parse_params(params))
        except TypeError as exc:
            raise click.BadParameter(f"{exc}", param_hint="--param") from None
    path = model.save(output)
    if quiet:
        return
    metrics = model.card_["metrics"]
    tuned = next(iter(metrics))
    click.echo(f"wrote {model.model_type} model to {path} (trained on {model.card_['training_data']['rows']} rows)")
    if base is not None:
        step = model.card_["provenance"][-1]
        click.echo(f"adapted {step['base_model']['model_id']}: {step['method']}")
        for part in step["data"]:
            role = part.get("role") or f"weight {part['weight']:g}"
            click.echo(f"  {part['source']}: {part['rows']} rows, {role}")
        if step.get("base_data_matches_card") is False:
            click.echo("  note: the base data's fingerprint differs from the one in the base model's card", err=True)
    click.echo(f"{tuned} macro-F1 {metrics[tuned]['macro_f1']:.3f}, micro-F1 {metrics[tuned]['micro_f1']:.3f}")
    for label, threshold, f1 in zip(model.taxonomy_.ids, model.thresholds_, metrics[tuned]["per_label_f1"]):
        click.echo(f"  {label:<24} threshold {threshold:.2f}  F1 {f1:.3f}")
