import subprocess
import sys

import click
import pytest

from toolkit.cli import cli


def all_commands(group=cli, prefix=()):
    for name, command in group.commands.items():
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
