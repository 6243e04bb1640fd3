"""Outputs hold texts about emotional struggles: every file the toolkit writes with them is owner-only."""

import os
import stat

import pytest

from tests.conftest import REPO

JOURNAL = REPO / "datasets" / "barriers" / "samples" / "journal.csv"


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("name", ["out.csv", "out.jsonl", "out.parquet"])
def test_classify_output_is_owner_only(run, tmp_path, name):
    assert run("classify", JOURNAL, "-o", tmp_path / name, "-q", "-j", 1).exit_code == 0
    assert mode(tmp_path / name) == 0o600


def test_resume_files_are_owner_only(run, tmp_path, interrupt_after_first_chunk):
    monkeypatch = interrupt_after_first_chunk
    assert (
        run("classify", JOURNAL, "-o", tmp_path / "out.csv", "-q", "-j", 1, "--batch-size", 20, "--resume").exit_code
        == 130
    )
    assert mode(tmp_path / "out.csv.partial") == 0o600
    assert mode(tmp_path / "out.csv.checkpoint.json") == 0o600
    monkeypatch.undo()
    assert (
        run("classify", JOURNAL, "-o", tmp_path / "out.csv", "-q", "-j", 1, "--batch-size", 20, "--resume").exit_code
        == 0
    )
    assert mode(tmp_path / "out.csv") == 0o600


@pytest.mark.slow
def test_dask_output_file_parts_directory_and_parts_are_owner_only(run, tmp_path):
    pytest.importorskip("distributed", reason="the [dask] extra is not installed")
    result = run("classify", JOURNAL, "--engine", "dask", "-j", 1, "-o", tmp_path / "out.csv", "-q")
    assert result.exit_code == 0, result.stderr
    assert mode(tmp_path / "out.csv") == 0o600
    result = run("classify", JOURNAL, "--engine", "dask", "-j", 1, "--output-parts", tmp_path / "parts", "-q")
    assert result.exit_code == 0, result.stderr
    assert mode(tmp_path / "parts") == 0o700
    parts = list((tmp_path / "parts").iterdir())
    assert parts and all(mode(part) == 0o600 for part in parts)
