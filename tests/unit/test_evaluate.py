import json

import numpy as np
import pandas as pd
import pytest
from sklearn import metrics as skm
from sklearn.calibration import calibration_curve

import toolkit
from toolkit.errors import InputError, TaxonomyError
from toolkit.evaluation import bootstrap_f1, calibration, score_predictions
from toolkit.report import render_html, render_markdown, render_text
from toolkit.taxonomy import taxonomy_from_dict

LABELS = ("a", "b", "c")


@pytest.fixture(scope="module")
def random_predictions():
    rng = np.random.default_rng(3)
    y = (rng.random((300, 3)) < [0.2, 0.35, 0.1]).astype(int)
    scores = np.clip(y * 0.45 + rng.random((300, 3)) * 0.6, 0, 1)
    p = (scores >= 0.5).astype(int)
    return y, p, scores


def test_metrics_agree_with_scikit_learn(random_predictions):
    y, p, scores = random_predictions
    report = score_predictions(y, p, scores, LABELS, n_bootstrap=0)
    precision, recall, f1, support = skm.precision_recall_fscore_support(y, p, zero_division=0)
    np.testing.assert_allclose(report.per_label["precision"], precision)
    np.testing.assert_allclose(report.per_label["recall"], recall)
    np.testing.assert_allclose(report.per_label["f1"], f1)
    np.testing.assert_array_equal(report.per_label["support"], support)
    for average in ("macro", "micro", "weighted"):
        assert report.overall[f"{average}_f1"] == pytest.approx(skm.f1_score(y, p, average=average))
    assert report.overall["subset_accuracy"] == pytest.approx(skm.accuracy_score(y, p))
    assert report.overall["hamming_loss"] == pytest.approx(skm.hamming_loss(y, p))
    for j in range(3):
        row = report.per_label.iloc[j]
        tn, fp, fn, tp = skm.confusion_matrix(y[:, j], p[:, j]).ravel()
        assert (row.tn, row.fp, row.fn, row.tp) == (tn, fp, fn, tp)
        assert row.roc_auc == pytest.approx(skm.roc_auc_score(y[:, j], scores[:, j]))
        assert row.average_precision == pytest.approx(skm.average_precision_score(y[:, j], scores[:, j]))
        assert row.brier == pytest.approx(skm.brier_score_loss(y[:, j], scores[:, j]))


def test_reliability_curve_matches_scikit_learn():
    rng = np.random.default_rng(0)
    scores = rng.random(500)
    y = (rng.random(500) < scores).astype(float)
    _, ece, curve = calibration(y, scores, bins=10)
    observed, predicted = calibration_curve(y, scores, n_bins=10, strategy="uniform")
    np.testing.assert_allclose([b["observed_rate"] for b in curve], observed)
    np.testing.assert_allclose([b["mean_score"] for b in curve], predicted)
    manual = sum(b["count"] / 500 * abs(b["mean_score"] - b["observed_rate"]) for b in curve)
    assert ece == pytest.approx(manual)


def test_bootstrap_is_reproducible_and_brackets_the_estimate(random_predictions):
    y, p, _ = random_predictions
    first, again, other = (
        bootstrap_f1(y, p, 300, seed=1),
        bootstrap_f1(y, p, 300, seed=1),
        bootstrap_f1(y, p, 300, seed=2),
    )
    assert first == again
    assert first != other
    macro = skm.f1_score(y, p, average="macro")
    assert first["macro_f1"][0] < macro < first["macro_f1"][1]
    assert 0.02 < first["macro_f1"][1] - first["macro_f1"][0] < 0.3


def test_groups_report_sizes_and_scores(random_predictions):
    y, p, scores = random_predictions
    groups = pd.Series(["x"] * 100 + ["y"] * 200)
    report = score_predictions(y, p, scores, LABELS, group_columns={"register": groups}, n_bootstrap=0)
    frame = report.groups["register"].set_index("register")
    assert frame.loc["x", "rows"] == 100 and frame.loc["y", "rows"] == 200
    assert frame.loc["y", "macro_f1"] == pytest.approx(skm.f1_score(y[100:], p[100:], average="macro"))


def make_report(random_predictions):
    y, p, scores = random_predictions
    return score_predictions(
        y,
        p,
        scores,
        LABELS,
        n_bootstrap=50,
        meta={"gold": "g.csv", "model_id": "m", "bootstrap": {"resamples": 50, "seed": 0, "level": 0.95}},
    )


def test_gates_pass_and_fail(random_predictions):
    report = make_report(random_predictions)
    macro = report.overall["macro_f1"]
    assert [g.passed for g in report.gates(min_macro_f1=macro - 0.01)] == [True]
    assert [g.passed for g in report.gates(min_macro_f1=macro + 0.01)] == [False]
    gates = report.gates(min_f1={"a": 0.0, "b": 1.0})
    assert [(g.name, g.passed) for g in gates] == [("f1:a", True), ("f1:b", False)]
    with pytest.raises(InputError, match="gate names label 'zzz'"):
        report.gates(min_f1={"zzz": 0.5})


def test_baseline_gate_uses_max_drop(random_predictions):
    report = make_report(random_predictions)
    baseline = json.loads(report.to_json())
    assert all(g.passed for g in report.gates(baseline=baseline, max_drop=0.0))
    baseline["overall"]["macro_f1"] += 0.05
    failed = [g for g in report.gates(baseline=baseline, max_drop=0.02) if not g.passed]
    assert [g.name.split(" ")[0] for g in failed] == ["macro_f1"]
    assert all(g.passed for g in report.gates(baseline=baseline, max_drop=0.06))
    with pytest.raises(InputError, match="a baseline needs --max-drop"):
        report.gates(baseline=baseline)


def test_json_is_strict_and_complete(random_predictions):
    data = json.loads(make_report(random_predictions).to_json())
    assert data["schema_version"] == 2
    assert set(data) == {"schema_version", "meta", "rows", "labels", "overall", "intervals", "per_label",
                         "calibration", "groups"}
    assert set(data["per_label"][0]) >= {"label", "precision", "recall", "f1", "f1_ci_low", "f1_ci_high", "support",
                                         "tp", "fp", "fn", "tn", "roc_auc", "average_precision", "brier", "ece"}


def test_renderers(random_predictions):
    report = make_report(random_predictions)
    gates = report.gates(min_macro_f1=0.99)
    text = render_text(report, gates)
    assert "FAILED: macro_f1" in text and "(macro_f1)" in text
    markdown = render_markdown(report, gates)
    assert markdown.startswith("## Model evaluation: g.csv (300 rows)")
    assert "❌ `macro_f1`" in markdown
    page = render_html(report, gates)
    assert page.count("<svg") == 4
    assert "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


def gold_frame(taxonomy, rows=None):
    rows = rows or [("what if she laughs at me when I say it", 1, 0, 0, 0), ("we booked the flights", 0, 0, 0, 0),
                    ("my ex used everything against me", 0, 1, 0, 0)]
    frame = pd.DataFrame(rows, columns=["text", *taxonomy.ids])
    frame.insert(0, "id", [f"g{i}" for i in range(len(frame))])
    return frame


def test_evaluate_a_model_and_a_predictions_file_agree(tiny_model, taxonomy):
    gold = gold_frame(taxonomy)
    from_model = toolkit.evaluate(gold, tiny_model, n_bootstrap=0)
    predictions = toolkit.classify(gold[["id", "text"]], tiny_model)
    from_file = toolkit.evaluate(gold, predictions=predictions.iloc[::-1], id_column="id", n_bootstrap=0)
    # Output files round scores, so Brier and ECE agree to rounding only.
    assert from_model.overall == pytest.approx(from_file.overall, abs=1e-6)
    assert from_model.meta["model_id"] == tiny_model.model_id
    assert len(from_model.meta["data_fingerprint"]) == 64


def test_evaluate_input_errors(tiny_model, taxonomy):
    gold = gold_frame(taxonomy)
    with pytest.raises(InputError, match="has no column 'self_doubt'"):
        toolkit.evaluate(gold.drop(columns=["self_doubt"]), tiny_model)
    predictions = toolkit.classify(gold[["id", "text"]], tiny_model)
    with pytest.raises(InputError, match="gold file '<DataFrame>' has 3 rows but predictions '<DataFrame>' have 2; "
                                         "rows are matched by position, so pass --id-column"):
        toolkit.evaluate(gold, predictions=predictions.iloc[:2])
    with pytest.raises(InputError, match="have no row for id 'g2'"):
        toolkit.evaluate(gold, predictions=predictions.iloc[:2], id_column="id")
    bad = gold.copy()
    bad["past_experiences"] = bad["past_experiences"].astype(str)
    bad.loc[0, "past_experiences"] = "yes"
    with pytest.raises(InputError, match="has the value 'yes' in data row 1; label columns must hold only 0 or 1"):
        toolkit.evaluate(bad, tiny_model)
    other = taxonomy_from_dict({"name": "mine", "labels": [{"id": "a", "name": "A", "definition": "d"}]})
    with pytest.raises(TaxonomyError):
        toolkit.evaluate(gold, tiny_model, taxonomy=other)
    with pytest.raises(InputError, match="has no column 'nope' to group by"):
        toolkit.evaluate(gold, tiny_model, group_by=("nope",))


def test_multi_valued_group_column_counts_a_row_in_each_tag(random_predictions):
    y, p, scores = random_predictions
    tags = pd.Series(["negation;sarcasm"] * 50 + ["negation"] * 50 + [""] * 200)
    frame = score_predictions(y, p, scores, LABELS, group_columns={"challenge": tags},
                              n_bootstrap=0).groups["challenge"]
    assert frame.set_index("challenge")["rows"].to_dict() == {"(none)": 200, "negation": 100, "sarcasm": 50}
    sarcasm = frame.set_index("challenge").loc["sarcasm", "macro_f1"]
    assert sarcasm == pytest.approx(skm.f1_score(y[:50], p[:50], average="macro"))


def test_compare_models_has_a_row_per_model_and_label_plus_macro(default_model, tiny_frame, tiny_model):
    from toolkit.evaluation import compare_models

    reports = {"default": toolkit.evaluate(tiny_frame, default_model, n_bootstrap=20),
               "tiny": toolkit.evaluate(tiny_frame, tiny_model, n_bootstrap=0)}
    table = compare_models(reports)
    assert table["model"].tolist() == ["default"] * 5 + ["tiny"] * 5
    assert table["label"].tolist()[:5] == [*default_model.taxonomy_.ids, "(macro)"]
    macro = table[table["label"] == "(macro)"].set_index("model")
    assert macro.loc["default", "f1"] == pytest.approx(reports["default"].overall["macro_f1"])
    assert not np.isnan(macro.loc["default", "f1_ci_low"]) and np.isnan(macro.loc["tiny", "f1_ci_low"])


def test_most_confident_mistake_comes_from_the_wrong_labels_only():
    from toolkit.evaluation import _error_rows

    frame = pd.DataFrame({"text": ["a", "b"]})
    y = np.array([[1, 0], [1, 0]])
    p = np.array([[0, 0], [1, 1]])
    # row a: label 0 missed at 0.45 (close call), label 1 correct at 0.01 (confident, but not a mistake)
    # row b: label 1 wrongly flagged at 0.9
    scores = np.array([[0.45, 0.01], [0.95, 0.9]])
    errors = _error_rows(frame, y, p, scores, ("x", "z"), "text", None)
    assert errors["text"].tolist() == ["b", "a"]
    assert errors["mistake"].tolist() == ["z false flag", "x missed"]
    assert errors["score"].tolist() == [0.9, 0.45]
    assert errors["threshold"].isna().all()  # a predictions file carries no thresholds


def test_confident_mistakes_show_the_score_and_the_threshold_they_missed():
    from toolkit.evaluation import _error_rows

    frame = pd.DataFrame({"text": ["a", "b", "c"]})
    y = np.array([[1, 0], [0, 0], [0, 0]])
    p = np.array([[0, 0], [0, 1], [1, 0]])
    # thresholds 0.3 and 0.8: a missed x at 0.1 (0.2 below), b flagged z at 0.85 (0.05 above),
    # c flagged x at 0.7 (0.4 above): |score - 0.5| would rank b first, the thresholds rank c first.
    scores = np.array([[0.1, 0.2], [0.2, 0.85], [0.7, 0.1]])
    errors = _error_rows(frame, y, p, scores, ("x", "z"), "text", None, thresholds=[0.3, 0.8])
    assert errors[["text", "mistake", "score", "threshold"]].to_dict("list") == {
        "text": ["c", "a", "b"], "mistake": ["x false flag", "x missed", "z false flag"],
        "score": [0.7, 0.1, 0.85], "threshold": [0.3, 0.3, 0.8]}


def test_flag_ratio_gate_checks_flagged_against_annotated_for_labels_with_enough_positives():
    from toolkit.evaluation import score_predictions

    labels = ("a", "b")
    y = np.zeros((40, 2), dtype=np.int8)
    y[:10, 0] = 1            # a: 10 annotated
    y[:3, 1] = 1             # b: 3 annotated, below the support floor
    p = np.zeros_like(y)
    p[:20, 0] = 1            # a: 20 flagged -> ratio 2.0
    p[:30, 1] = 1            # b: over-flagged but ignored
    report = score_predictions(y, p, None, labels, n_bootstrap=0)
    gates = report.gates(flag_ratio=(0.5, 1.5))
    assert [(g.name, g.actual, g.passed) for g in gates] == [("flagged/annotated:a", 2.0, False)]
    assert gates[0].describe() == "FAILED: flagged/annotated:a = 2.0000 (required between 0.5000 and 1.5000)"
    assert report.gates(flag_ratio=(0.5, 2.0))[0].passed
    assert len(report.gates(flag_ratio=(0.5, 1.5), flag_ratio_min_support=3)) == 2


@pytest.mark.parametrize("bad", [(1.5, 0.5), ("x", 1), 3])
def test_flag_ratio_gate_refuses_bad_bounds(bad):
    from toolkit.evaluation import score_predictions

    report = score_predictions(
        np.ones((4, 1), dtype=np.int8), np.ones((4, 1), dtype=np.int8), None, ("a",), n_bootstrap=0
    )
    with pytest.raises(InputError, match="flag_ratio must"):
        report.gates(flag_ratio=bad)


@pytest.mark.parametrize("bad", ["10", -1, 2.5, True])
def test_flag_ratio_min_support_must_be_a_whole_number(bad):
    from toolkit.evaluation import score_predictions

    report = score_predictions(
        np.ones((4, 1), dtype=np.int8), np.ones((4, 1), dtype=np.int8), None, ("a",), n_bootstrap=0
    )
    with pytest.raises(InputError, match="flag_ratio_min_support must be a whole number >= 0"):
        report.gates(flag_ratio=(0.5, 1.5), flag_ratio_min_support=bad)
