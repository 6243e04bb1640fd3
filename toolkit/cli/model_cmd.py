"""barriers model info."""

from __future__ import annotations

import json

import click

from ..errors import ModelError
from ..models import resolve_model_path
from ..models.card import model_info
from .common import ToolkitGroup, grammar_options


@click.group("model", cls=ToolkitGroup)
def model_group():
    """Inspect model directories written by 'barriers train'."""


@model_group.command("info")
@click.argument("model_dir", metavar="DIR", required=False, type=click.Path(file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the raw model card (model.json) instead.")
@grammar_options
def info_cmd(model_dir, as_json, quiet):
    """Print the model card of DIR: type, taxonomy, training data, thresholds, metrics, versions.

    Checks every file against the checksum in the card (without loading the
    arrays) and exits 2 when one does not match, as loading would fail. DIR
    is a model directory or a shipped model's name ('default', 'fast'); the
    shipped default when omitted.

    \b
    Example:
      barriers model info models/mine
      barriers model info fast
      barriers model info --json > card.json
    """
    info = model_info(resolve_model_path(model_dir))
    if as_json:
        click.echo(json.dumps(info.card, indent=2, ensure_ascii=False))
    else:
        click.echo(info.to_text())
    if info.problem is not None:
        raise ModelError(info.problem)
