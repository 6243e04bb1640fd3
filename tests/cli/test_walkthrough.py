"""docs/annotation.md: every documented command runs as written, and so does its Python block."""

import re
import shlex

import pytest

from ..conftest import REPO

DOC = REPO / "docs" / "annotation.md"


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC.read_text(), flags=re.S)


def documented_commands() -> list[list[str]]:
    return [shlex.split(line)[1:] for block in blocks("bash") for line in block.splitlines()
            if line.startswith("barriers ")]


def test_the_walkthrough_shows_the_whole_loop():
    steps = [" ".join(c[:2]) for c in documented_commands()]
    for step in (
        "annotate sample",
        "annotate import",
        "annotate agreement",
        "annotate merge",
        "evaluate datasets/shift/heldout.csv",
        "train --base",
        "annotate curve",
    ):
        assert any(s.startswith(step) for s in steps) or any(step in " ".join(c) for c in documented_commands()), step


@pytest.mark.slow
def test_the_walkthrough_runs(run, tmp_path, monkeypatch):
    (tmp_path / "datasets").symlink_to(REPO / "datasets")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "work").mkdir()
    for command in documented_commands():
        result = run(*command)
        assert result.exit_code == 0, f"barriers {' '.join(command)}\n{result.output}"
    assert (tmp_path / "work" / "adapted" / "model.json").is_file()
    namespace = {}
    exec(compile(blocks("python")[0], str(DOC), "exec"), namespace)  # noqa: S102 - the project's own documentation
    assert namespace["after"] > namespace["before"]
