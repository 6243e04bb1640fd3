"""The README's shell-completion lines work: evaluated in a real shell, they complete commands and options."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def readme_line(shell: str) -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    lines = [line.split("  #")[0].strip() for line in text.splitlines() if f"_BARRIERS_COMPLETE={shell}_source" in line]
    assert lines, f"README has no {shell} completion line"
    return lines[0]


def shell_env(home: Path | None = None) -> dict:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    if home is not None:  # whatever the shell writes at start goes to the test's directory
        env.update(HOME=str(home), ZDOTDIR=str(home), XDG_CONFIG_HOME=str(home / "config"),
                   XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"))
    return env


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
@pytest.mark.parametrize(("words", "cword", "expected"), [
    ("barriers cla", 1, "classify"),
    ("barriers ann", 1, "annotate"),
    ("barriers classify --enc", 2, "--encoding"),
])
def test_bash_line_completes(words, cword, expected):
    line = readme_line("bash")
    assert line == 'eval "$(_BARRIERS_COMPLETE=bash_source barriers)"'
    script = (f"{line}\ncomplete -p barriers\nCOMP_WORDS=({words}); COMP_CWORD={cword}\n"
              "_barriers_completion barriers\necho \"${COMPREPLY[@]}\"")
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=shell_env(), timeout=60)
    assert result.returncode == 0, result.stderr
    registered, replies = result.stdout.splitlines()
    assert registered.endswith(" barriers") and "-F _barriers_completion" in registered
    assert replies.split() == [expected]


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_line_defines_the_completion(tmp_path):
    line = readme_line("zsh")
    assert line == 'eval "$(_BARRIERS_COMPLETE=zsh_source barriers)"'
    # -D: no dump file (compinit replaces its dump file by renaming a new one onto it, whatever it was).
    script = f"autoload -Uz compinit && compinit -u -D\n{line}\nprint -r -- $_comps[barriers]"
    result = subprocess.run(["zsh", "-f", "-c", script], capture_output=True, text=True, env=shell_env(tmp_path),
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "_barriers_completion"


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_line_completes(tmp_path):
    line = readme_line("fish")
    assert line == "_BARRIERS_COMPLETE=fish_source barriers | source"
    script = f"{line}; complete -C 'barriers cla'"
    result = subprocess.run(["fish", "--no-config", "-c", script], capture_output=True, text=True,
                            env=shell_env(tmp_path), timeout=60)
    assert result.returncode == 0, result.stderr
    assert re.match(r"classify\b", result.stdout)
