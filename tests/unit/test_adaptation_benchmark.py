"""benchmarks/adaptation_real.py: skips without the real files; its paired summary."""

import numpy as np
import pytest

from ..conftest import load_benchmark

LABELS = ["fear_of_rejection", "past_experiences", "self_doubt", "cultural_influences"]


@pytest.fixture(scope="module")
def bench():
    return load_benchmark("adaptation_real")


def test_skips_cleanly_without_the_real_files(bench, tmp_path, capsys):
    assert bench.main(["--eval-dir", str(tmp_path / "absent")]) == 0
    assert capsys.readouterr().out == f"skipped: {tmp_path / 'absent'} (the real development files) is absent\n"


def test_unknown_methods_are_refused(bench, tmp_path, capsys):
    assert bench.main(["--eval-dir", str(tmp_path), "--methods", "nope"]) == 2
    assert capsys.readouterr().err.startswith("error: unknown method or file nope; methods: model, calibration")


def test_summary_pairs_each_run_with_the_unadapted_model_on_the_same_half(bench):
    def run(seed, fold, method, tp, fp, fn, n=200):
        return {"file": "pooled", "seed": seed, "fold": fold, "n": 0 if method == "default" else n, "method": method,
                "seconds": 1.0, "tp": tp, "fp": fp, "fn": fn}

    results = []
    for seed, fold in [(0, 0), (0, 1), (1, 0)]:
        results.append(run(seed, fold, "default", [1, 1, 1, 0], [9, 9, 9, 1], [1, 1, 1, 0]))
        gain = seed + fold  # 0, 1, 1 more true positives (taken from the misses)
        results.append(run(seed, fold, "model", [1 + gain, 1, 1, 0], [1, 9, 9, 1], [1 - gain, 1, 1, 0]))
    (row,) = bench.summarise(results, LABELS)
    assert (row["file"], row["n"], row["method"], row["runs"]) == ("pooled", 200, "model", 3)
    micro = [bench.scores(r, LABELS)[0] for r in results if r["method"] == "model"]
    base = bench.scores(results[0], LABELS)
    assert base == pytest.approx((6 / 37, 2 / 12))  # micro: 2*3 / (2*3 + 28 + 3); macro3: F1 2/12 per label
    from scipy import stats

    deltas = np.array(micro) - base[0]
    half = stats.t.ppf(0.975, 2) * deltas.std(ddof=1) / np.sqrt(3)
    assert row["delta_micro"] == pytest.approx((deltas.mean(), deltas.mean() - half, deltas.mean() + half))
    assert row["flagged"]["fear_of_rejection"] == 2.7  # mean of 2, 3, 3 flagged, rounded to one decimal
    assert row["default_flagged"]["fear_of_rejection"] == 10 and row["annotated"]["fear_of_rejection"] == 2
