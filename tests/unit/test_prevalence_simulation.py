"""benchmarks/prevalence_simulation.py: skips the real files cleanly when they are absent, and its simulator works."""

import numpy as np

from ..conftest import load_benchmark


def load():
    return load_benchmark("prevalence_simulation")


def test_the_real_part_skips_when_the_eval_folder_is_absent(tmp_path, capsys):
    simulation = load()
    assert simulation.real_text(10, 0, "scores", tmp_path / "missing") is None
    assert simulation.main(["--part", "real", "--eval-dir", str(tmp_path / "missing")]) == 0
    assert capsys.readouterr().out.startswith(f"Real text: skipped ({tmp_path / 'missing'} is absent).")


def test_the_simulator_measures_coverage_width_and_bias():
    simulation = load()
    rng = np.random.default_rng(0)
    y = (rng.random(3000) < 0.15).astype(float)
    scores = 1 / (1 + np.exp(-(-1.5 + 3 * y + rng.normal(0, 1, len(y)))))
    decisions = (scores >= 0.3).astype(float)
    result = simulation.simulate(y, scores, decisions, 150, 600, rng)
    assert result["ppi_wilson_coverage"] >= 0.9 and result["labelled_coverage"] >= 0.9
    assert result["ppi_wilson_width"] < result["labelled_width"] and result["gain"] > 1
    assert result["raw_bias"] == decisions.mean() - y.mean() and abs(result["ppi_bias"]) < 0.01
    table = simulation.synthetic(50, 0, "scores", total=800)
    assert table.startswith("Synthetic: corpus of 800 texts, 50 repetitions per row, predictor = scores.")
    assert table.count("\n| 0.") == 16
