"""The ``barriers`` command line: a thin shell over the Python API."""

from __future__ import annotations

import click

from .._version import __version__
from .annotate_cmd import annotate_group
from .anonymize_cmd import anonymize_cmd
from .classify_cmd import classify_cmd
from .common import ToolkitGroup
from .compare_cmd import compare_cmd
from .data_cmd import data_group
from .evaluate_cmd import evaluate_cmd
from .explain_cmd import explain_cmd
from .summarize_cmd import summarize_cmd
from .train_cmd import train_cmd


@click.group(cls=ToolkitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="barriers")
def cli():
    """Find barriers to emotional openness in journal entries and chat messages.

    Labels follow the project codebook: fear_of_rejection, past_experiences,
    self_doubt, cultural_influences. A research aid, not a diagnostic tool.

    \b
    Example:
      barriers classify datasets/barriers/samples/journal.csv -o labelled.csv
      barriers COMMAND --help
    """


cli.add_command(classify_cmd)
cli.add_command(train_cmd)
cli.add_command(data_group)
cli.add_command(evaluate_cmd)
cli.add_command(compare_cmd)
cli.add_command(anonymize_cmd)
cli.add_command(explain_cmd)
cli.add_command(summarize_cmd)
cli.add_command(annotate_group)


def main() -> None:
    cli(prog_name="barriers")
