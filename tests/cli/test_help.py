import os
import subprocess
import sys

import click
import pytest

from toolkit.cli import cli


def all_commands(group=cli, prefix=()):
    ctx = click.Context(group)  # the root group imports its commands here, on first use
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


@pytest.mark.parametrize("path", [p for p, _ in all_commands()], ids=" ".join)
def test_every_command_has_help_with_an_example(run, path):
    result = run(*path, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ")
    assert "Example" in result.stdout or isinstance(dict(all_commands())[path], click.Group)


def test_every_command_is_documented_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for path, command in all_commands():
        if not isinstance(command, click.Group):
            assert f"barriers {' '.join(path)}" in readme, f"README does not show 'barriers {' '.join(path)}'"


def test_python_dash_m_runs_the_cli():
    result = subprocess.run([sys.executable, "-m", "toolkit", "--version"], capture_output=True, text=True, check=True)
    assert result.stdout.startswith("barriers, version ")


HEAVY = ("sklearn", "scipy", "pandas", "matplotlib", "pyarrow")


def test_importing_the_cli_loads_no_heavy_library():
    # A fresh interpreter: in this one, other tests have imported everything already.
    code = f"import sys, toolkit.cli; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == []


@pytest.mark.parametrize("argv", [["--help"], ["--version"]], ids=" ".join)
def test_top_level_help_and_completion_load_no_command_module(argv):
    # What `barriers --help` and `barriers <TAB>` run: no command module, so none of their heavy imports.
    code = ("import os, sys\n"
            "from toolkit.cli import cli\n"
            "try:\n"
            "    cli.main(sys.argv[1:], prog_name='barriers')\n"
            "except SystemExit:\n"
            "    pass\n"
            "loaded = [m for m in sys.modules if m.startswith('toolkit.cli.') and m.endswith('_cmd')]\n"
            f"print('LOADED', *loaded, *(m for m in {HEAVY!r} if m in sys.modules))")
    for env in ({}, {"_BARRIERS_COMPLETE": "bash_complete", "COMP_WORDS": "barriers ", "COMP_CWORD": "1"}):
        result = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True,
                                env={**os.environ, **env})
        assert result.stdout.splitlines()[-1].split() == ["LOADED"], (env, result.stdout, result.stderr)


def test_completion_lists_every_command():
    env = {**os.environ, "_BARRIERS_COMPLETE": "bash_complete", "COMP_WORDS": "barriers ", "COMP_CWORD": "1"}
    code = "from toolkit.cli import cli; cli.main(prog_name='barriers')"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    names = [line.split(",", 1)[1] for line in result.stdout.splitlines() if line.startswith("plain,")]
    assert names == sorted(cli.lazy_commands)


@pytest.mark.parametrize("name", sorted(cli.lazy_commands))
def test_registered_summary_is_the_commands_own(name):
    """`barriers --help` shows the summary kept in toolkit/cli/__init__.py; it must match the command."""
    from toolkit.cli.group import LazyGroup

    stand_in = LazyGroup(lazy_commands=cli.lazy_commands)._summary(name)
    command = cli.get_command(click.Context(cli), name)
    for limit in (45, 60, 80):
        assert stand_in.get_short_help_str(limit) == command.get_short_help_str(limit)
    assert not command.hidden
