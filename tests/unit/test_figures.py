"""toolkit.figures: the per-label figures reported for real text."""

import itertools
import math

import numpy as np
import pytest

from toolkit.figures import MACRO3_LABELS, best_threshold_micro_f1, bootstrap_intervals, f1_from_counts, label_figures

LABELS = ["fear_of_rejection", "past_experiences", "self_doubt", "cultural_influences"]


def test_counts_f1_micro_and_macro3_by_hand():
    gold = np.array([[1, 0, 0, 0], [1, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 0]])
    pred = np.array([[1, 0, 1, 0], [0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0]])
    figures = label_figures(gold, pred, LABELS)
    fear = figures["labels"]["fear_of_rejection"]
    assert (fear["tp"], fear["fp"], fear["fn"], fear["annotated"], fear["flagged"]) == (1, 1, 1, 2, 2)
    assert fear["f1"] == pytest.approx(0.5)
    assert figures["labels"]["past_experiences"]["f1"] == 1.0
    assert figures["labels"]["self_doubt"]["f1"] == pytest.approx(2 / 3)
    # no gold and no flag: F1 undefined, left out of the means; the counts say why
    cultural = figures["labels"]["cultural_influences"]
    assert math.isnan(cultural.pop("f1")) and cultural == {"tp": 0, "fp": 0, "fn": 0, "annotated": 0, "flagged": 0}
    # micro: tp 3, fp 2, fn 1
    assert figures["micro_f1"] == pytest.approx(6 / 9)
    assert figures["macro3"] == pytest.approx((0.5 + 1.0 + 2 / 3) / 3)
    assert figures["macro_f1"] == pytest.approx((0.5 + 1.0 + 2 / 3) / 3)
    assert figures["texts"] == 4


def test_macro3_skips_labels_the_taxonomy_lacks_and_is_nan_without_any():
    gold = np.array([[1, 0], [0, 1]])
    assert label_figures(gold, gold, ["self_doubt", "other"])["macro3"] == 1.0
    assert math.isnan(label_figures(gold, gold, ["a", "b"])["macro3"])
    assert MACRO3_LABELS == ("fear_of_rejection", "past_experiences", "self_doubt")


def test_shape_mismatch_is_a_clear_error():
    with pytest.raises(
        ValueError, match=r"expected gold and predicted label matrices of shape \(texts, 2\); got \(2, 2\) and \(2, 1\)"
    ):
        label_figures(np.zeros((2, 2)), np.zeros((2, 1)), ["a", "b"])


def test_f1_from_counts_is_undefined_without_anything_to_score():
    values = f1_from_counts([0, 2, 0], [0, 1, 3], [0, 1, 0])
    assert math.isnan(values[0]) and values[1] == pytest.approx(2 / 3) and values[2] == 0.0


def test_bootstrap_intervals_bracket_the_figure_and_repeat_with_the_seed():
    rng = np.random.default_rng(1)
    gold = rng.random((200, 4)) < 0.2
    pred = gold ^ (rng.random((200, 4)) < 0.1)
    figures = label_figures(gold, pred, LABELS)
    first = bootstrap_intervals(gold, pred, LABELS, n_resamples=300, seed=3)
    assert first == bootstrap_intervals(gold, pred, LABELS, n_resamples=300, seed=3)
    low, high = first["micro_f1"]
    assert low < figures["micro_f1"] < high and high - low < 0.3
    assert first["macro3"][0] < figures["macro3"] < first["macro3"][1]
    assert set(first["labels"]) == set(LABELS)


def test_card_shows_real_text_figures_with_intervals():
    from toolkit.models.card import format_card

    section = {"measured": "2026-12-06", "bootstrap": 1000, "files": {"real_a": {
        "texts": 170, "micro_f1": 0.36, "micro_f1_ci": [0.26, 0.46], "macro3": 0.341, "macro3_ci": [0.24, 0.43],
        "labels": {"self_doubt": {"f1": 0.38, "f1_ci": [0.16, 0.57], "flagged": 19, "annotated": 18}}}}}
    lines = format_card({"model_type": "linear", "real_text_metrics": section}).splitlines()
    assert lines[-3:] == [
        "real text:        real_a, 170 texts: micro-F1 0.360 [0.26, 0.46], macro3 0.341 [0.24, 0.43]",
        "  F1 (flag/ann):  self_doubt 0.38 [0.16, 0.57] (19/18)",
        "  measured:       2026-12-06, 1000 bootstrap resamples, 95 % intervals; development data, never trained on",
    ]


def _brute_force_best_micro(y, scores):
    cuts = [list(np.unique(scores[:, j])) + [np.inf] for j in range(scores.shape[1])]
    best = 0.0
    for picked in itertools.product(*cuts):
        flags = scores >= np.array(picked)
        if flags.any():
            best = max(best, label_figures(y, flags, ["a", "b"])["micro_f1"])
    return best


@pytest.mark.parametrize("seed", range(8))
def test_best_threshold_micro_f1_is_the_best_over_every_pair_of_thresholds(seed):
    rng = np.random.default_rng(seed)
    y = rng.random((30, 2)) < 0.3
    scores = np.round(rng.random((30, 2)) + 0.4 * y, 1)  # rounded: ties, which must be flagged together
    out = best_threshold_micro_f1(y, scores, ["a", "b"])
    assert out["micro_f1"] == pytest.approx(_brute_force_best_micro(y, scores))
    flags = scores >= np.array([out["labels"][k]["threshold"] for k in ("a", "b")])
    assert label_figures(y, flags, ["a", "b"])["micro_f1"] == pytest.approx(out["micro_f1"])
    assert [out["labels"]["a"][k] for k in ("tp", "fp", "fn")] == [
        int((flags[:, 0] & y[:, 0]).sum()), int((flags[:, 0] & ~y[:, 0]).sum()), int((~flags[:, 0] & y[:, 0]).sum())]


def test_best_threshold_micro_f1_is_joint_not_label_by_label():
    # Label a is perfectly ranked (10 positives). Label b's one positive ranks third: alone, b is best
    # flagged at its third score (F1 0.5), but jointly flagging none of b is better (20/21 > 22/24).
    y = np.zeros((14, 2), dtype=bool)
    y[:10, 0] = True
    y[12, 1] = True
    scores = np.zeros((14, 2))
    scores[:, 0] = np.linspace(1.0, 0.35, 14)
    scores[10:, 1] = [0.9, 0.8, 0.7, 0.1]
    assert best_threshold_micro_f1(y[:, 1:], scores[:, 1:], ["b"])["labels"]["b"]["threshold"] == 0.7
    out = best_threshold_micro_f1(y, scores, ["a", "b"])
    assert out["micro_f1"] == pytest.approx(20 / 21)
    assert out["labels"]["b"]["threshold"] == math.inf and out["labels"]["a"]["tp"] == 10


def test_best_threshold_micro_f1_without_positives_flags_nothing_and_names_shapes():
    out = best_threshold_micro_f1(np.zeros((3, 1)), np.array([[0.2], [0.5], [0.9]]), ["a"])
    assert out["micro_f1"] == 0.0 and out["labels"]["a"]["threshold"] == math.inf
    with pytest.raises(ValueError, match=r"shape \(texts, 2\); got \(3, 1\)"):
        best_threshold_micro_f1(np.zeros((3, 1)), np.zeros((3, 1)), ["a", "b"])
