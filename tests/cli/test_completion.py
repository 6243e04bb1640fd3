"""Completing options answers from the option table, imports no command module, and matches the commands."""

import json
import os
import subprocess
import sys

import pytest
from click.shell_completion import BashComplete

from toolkit.cli import cli, completion
from toolkit.cli.completion import TABLE_PATH, build_table
from toolkit.cli.group import LazyGroup

from .test_help import HEAVY

COMPLETE = ("import sys\n"
            "from toolkit.cli import cli\n"
            "try:\n"
            "    cli.main([], prog_name='barriers')\n"
            "except SystemExit:\n"
            "    pass\n"
            "loaded = [m for m in sys.modules if m.startswith('toolkit.cli.') and m.endswith('_cmd')]\n"
            f"print('LOADED', *loaded, *(m for m in {HEAVY!r} if m in sys.modules))")


def complete(words: str) -> tuple[list[str], list[str]]:
    """Bash completion items for the command line *words* (the last word is being completed), and what loaded."""
    env = {**os.environ, "_BARRIERS_COMPLETE": "bash_complete", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split(" ")) - 1)}
    result = subprocess.run([sys.executable, "-c", COMPLETE], capture_output=True, text=True, env=env, check=True)
    *items, loaded = result.stdout.splitlines()
    return items, loaded.split()[1:]


def test_the_option_table_matches_the_commands():
    stale = json.loads(TABLE_PATH.read_text(encoding="utf-8")) != build_table(cli)
    assert not stale, "toolkit/cli/completion_table.json is stale: run 'python -m toolkit.cli.completion'"


WORDS = [
    "barriers classify --",
    "barriers classify --engine ",
    "barriers classify data.csv --anonymize --output-format ",
    "barriers classify data.csv -q --model ",
    "barriers annotate ",
    "barriers annotate sample --strategy ",
    "barriers data stats -",
    "barriers train --model-type ",
    "barriers evaluate --gr",
]


def in_process(group, words: str) -> list[tuple[str, str, str | None]]:
    args = words.split(" ")[1:]
    items = BashComplete(group, {}, "barriers", "_BARRIERS_COMPLETE").get_completions(args[:-1], args[-1])
    return [(item.value, item.type, item.help) for item in items]


@pytest.mark.parametrize("words", WORDS)
def test_completion_from_the_table_is_the_completion_of_the_command(words, monkeypatch):
    # A fresh group has loaded no command, so it answers from the table; the real one imports them.
    fresh = LazyGroup(name="barriers", lazy_commands=cli.lazy_commands, params=cli.params,
                      context_settings=cli.context_settings)
    from_table = in_process(fresh, words)
    assert not fresh.commands
    monkeypatch.setattr(completion, "stand_in_for", lambda name: None)
    real = in_process(cli, words)
    assert from_table == real and (real or words.endswith("--gr"))  # hidden old names are not offered


@pytest.mark.parametrize("words", WORDS[:3])
def test_completing_options_imports_no_command_module_and_no_heavy_library(words):
    items, loaded = complete(words)
    assert items and loaded == []


def test_options_complete_with_their_help_for_zsh():
    env = {**os.environ, "_BARRIERS_COMPLETE": "zsh_complete", "COMP_WORDS": "barriers evaluate --b",
           "COMP_CWORD": "2"}
    result = subprocess.run([sys.executable, "-m", "toolkit"], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.splitlines()[:3] == ["plain", "--by", "Report metrics per value of these gold columns "
                                              "(repeatable or comma-separated)."]
