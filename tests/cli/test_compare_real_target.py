"""`make compare-real`: the real dev files join the comparison when their directory exists, and are skipped
(saying so) when not."""

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import REPO

VENV = Path(sys.executable).parent.parent
pytestmark = pytest.mark.skipif(shutil.which("make") is None or not (VENV / ".core-installed").exists(),
                                reason="needs make and an installed venv (make install)")


def _make(tmp_path, tiny_csv, shared):
    out = tmp_path / "out"
    command = ["make", "-s", "-C", str(REPO), "compare-real", f"VENV={VENV}", f"OUT={out}", f"SHARED_EVAL={shared}",
               f"COMPARE_TRAIN={tiny_csv}", f"COMPARE_DEV={tiny_csv}", f"COMPARE_EVAL={tiny_csv}", "COMPARE_FOLDS=0",
               "COMPARE_VARIANTS=linear", "COMPARE_PARAMS="]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return result, pd.read_csv(out / "compare-real.csv")


def test_without_the_shared_directory_it_says_so_and_compares_the_rest(tmp_path, tiny_csv):
    missing = tmp_path / "no_such_dir"
    result, table = _make(tmp_path, tiny_csv, missing)
    assert result.stdout.splitlines()[0] == f"{missing} not found: comparing without the real dev files"
    assert table["evaluation"].tolist() == ["tiny"]


def test_with_the_shared_directory_every_csv_in_it_is_an_evaluation(tmp_path, tiny_csv, tiny_frame):
    shared = tmp_path / "eval"
    shared.mkdir()
    tiny_frame.head(10).to_csv(shared / "real_a.csv", index=False)
    tiny_frame.tail(10).to_csv(shared / "real_b.csv", index=False)
    (shared / "README.md").write_text("not a table\n")
    result, table = _make(tmp_path, tiny_csv, shared)
    assert "not found" not in result.stdout
    assert table["evaluation"].tolist() == ["tiny", "real_a", "real_b"]
    assert table["texts"].tolist() == [len(tiny_frame), 10, 10]
