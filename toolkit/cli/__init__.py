"""The ``barriers`` command line: a thin shell over the Python API."""

from __future__ import annotations

import logging
import signal

import click

from .._version import __version__
from ..logs import configure_logging, log_event
from .annotate_cmd import annotate_group
from .anonymize_cmd import anonymize_cmd
from .classify_cmd import classify_cmd
from .common import ToolkitGroup
from .compare_cmd import compare_cmd
from .data_cmd import data_group
from .evaluate_cmd import evaluate_cmd
from .explain_cmd import explain_cmd
from .model_cmd import model_group
from .prevalence_cmd import prevalence_cmd
from .summarize_cmd import summarize_cmd
from .train_cmd import train_cmd

_log = logging.getLogger("toolkit.cli")


@click.group(cls=ToolkitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="barriers")
@click.option("-v", "--verbose", count=True,
              help="Log what the command does to stderr (key=value lines): -v for steps, -vv for every chunk. "
                   "Logs hold counts, timings, paths and ids, never text content.")
@click.option("--log-file", type=click.Path(dir_okay=False), default=None,
              help="Also append the log as JSON lines to this file (created readable by its owner only).")
@click.pass_context
def cli(ctx, verbose, log_file):
    """Find barriers to emotional openness in journal entries and chat messages.

    Labels follow the project codebook: fear_of_rejection, past_experiences,
    self_doubt, cultural_influences. A research aid, not a diagnostic tool.

    \b
    Example:
      barriers classify datasets/barriers/samples/journal.csv -o labelled.csv
      barriers -v --log-file run.log classify big.csv -o labelled.csv
      barriers COMMAND --help
    """
    configure_logging(verbose, log_file)
    log_event(_log, logging.INFO, "command started", command=ctx.invoked_subcommand, toolkit_version=__version__)


cli.add_command(classify_cmd)
cli.add_command(train_cmd)
cli.add_command(data_group)
cli.add_command(evaluate_cmd)
cli.add_command(compare_cmd)
cli.add_command(anonymize_cmd)
cli.add_command(explain_cmd)
cli.add_command(summarize_cmd)
cli.add_command(prevalence_cmd)
cli.add_command(annotate_group)
cli.add_command(model_group)


def _stop(signum, frame):
    raise KeyboardInterrupt


def main() -> None:
    # SIGTERM (kill, a cancelled batch job) stops a run as Ctrl-C does: the temporary output is
    # removed, and a --resume checkpoint is kept.
    signal.signal(signal.SIGTERM, _stop)
    cli(prog_name="barriers")
