"""barriers train."""

from __future__ import annotations

import click

from ..models import MODEL_TYPES
from ..train import train
from .common import taxonomy_option, text_input_options


def _parse_params(values: tuple[str, ...]) -> dict:
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
@click.argument("data", type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False), help="Model directory to write.")
@click.option("--dev", type=click.Path(), default=None,
              help="Labelled file to tune thresholds and report metrics on (default: out-of-fold on DATA).")
@click.option("--model-type", type=click.Choice(sorted(MODEL_TYPES)), default="linear", show_default=True)
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE",
              help="Hyper-parameter of the model type, e.g. --param C=4 (repeatable).")
@click.option("--calibration", type=click.Choice(["platt", "none"]), default="platt", show_default=True,
              help="Map scores to calibrated probabilities (Platt scaling on the threshold-tuning data).")
@taxonomy_option
@text_input_options
def train_cmd(data, output, dev, model_type, params, calibration, taxonomy_path, text_column, fmt, encoding, batch_size):
    """Train a model on DATA, a labelled file in the codebook format.

    DATA needs a text column and one 0/1 column per taxonomy label. The model
    directory holds plain arrays and a model card (model.json) with the
    taxonomy, the training data fingerprint, library versions,
    hyper-parameters, thresholds and metrics; loading it runs no code.

    \b
    Example:
      barriers train datasets/barriers/train.csv --dev datasets/barriers/dev.csv -o models/mine
    """
    try:
        model = train(data, dev=dev, model_type=model_type, taxonomy=taxonomy_path, text_column=text_column,
                      fmt=fmt, encoding=encoding, calibration=calibration, **_parse_params(params))
    except TypeError as exc:
        raise click.BadParameter(f"{exc}", param_hint="--param") from None
    path = model.save(output)
    metrics = model.card_["metrics"]
    tuned = next(iter(metrics))
    click.echo(f"wrote {model_type} model to {path} (trained on {model.card_['training_data']['rows']} rows)")
    click.echo(f"{tuned} macro-F1 {metrics[tuned]['macro_f1']:.3f}, micro-F1 {metrics[tuned]['micro_f1']:.3f}")
    for label, threshold, f1 in zip(model.taxonomy_.ids, model.thresholds_, metrics[tuned]["per_label_f1"]):
        click.echo(f"  {label:<24} threshold {threshold:.2f}  F1 {f1:.3f}")
