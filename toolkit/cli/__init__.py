"""The ``barriers`` command line: a thin shell over the Python API."""

from __future__ import annotations

import logging
import signal

import click

from .._version import __version__
from ..logs import configure_logging, log_event
from .group import LazyGroup

# name: (module, command object in it, first paragraph of its help). The modules import scikit-learn
# and pandas, so they load only when their command runs; tests/cli/test_help.py checks the summaries.
COMMANDS = {
    "annotate": (".annotate_cmd", "annotate_group",
                 "Label your own texts: pick texts, import labels, measure agreement, plot a learning curve."),
    "anonymize": (".anonymize_cmd", "anonymize_cmd",
                  "Replace personal data in INPUT's text columns with typed placeholders."),
    "classify": (".classify_cmd", "classify_cmd", "Label each text of INPUT with the barriers it shows."),
    "compare": (".compare_cmd", "compare_cmd",
                "Compare model variants (cross-validation) or fitted models on DATA and on evaluation files."),
    "data": (".data_cmd", "data_group", "Check and describe labelled files in the codebook format."),
    "evaluate": (".evaluate_cmd", "evaluate_cmd",
                 "Score a model (or a predictions file) against GOLD, a labelled file."),
    "explain": (".explain_cmd", "explain_cmd", "Show why the model scores a text as it does."),
    "model": (".model_cmd", "model_group", "Inspect model directories written by 'barriers train'."),
    "prevalence": (".prevalence_cmd", "prevalence_cmd",
                   "How common each barrier is in a classified corpus, with intervals you can publish."),
    "summarize": (".summarize_cmd", "summarize_cmd",
                  "Summarise the barriers in a journal or chat corpus per group and period."),
    "train": (".train_cmd", "train_cmd", "Train a model on DATA, a labelled file in the codebook format."),
}

_log = logging.getLogger("toolkit.cli")


@click.group(cls=LazyGroup, lazy_commands=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
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


def _stop(signum, frame):
    raise KeyboardInterrupt


def main() -> None:
    # SIGTERM (kill, a cancelled batch job) stops a run as Ctrl-C does: the temporary output is
    # removed, and a --resume checkpoint is kept.
    signal.signal(signal.SIGTERM, _stop)
    cli(prog_name="barriers")
