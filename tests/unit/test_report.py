"""Evaluation output: an undefined F1 is n/a and left out of the means, false flags are counted beside F1 0."""

import json

import numpy as np
import pandas as pd
import pytest

from toolkit.evaluation import score_predictions
from toolkit.report import render_html, render_markdown, render_text

LABELS = ("a", "b", "c")
# a: 2 gold, 1 found; b: no gold, 2 flagged (false flags); c: no gold, nothing flagged (F1 0/0)
Y = np.array([[1, 0, 0], [0, 0, 0], [1, 0, 0], [0, 0, 0]])
P = np.array([[1, 0, 0], [0, 1, 0], [0, 1, 0], [0, 0, 0]])
META = {"gold": "g.csv", "model_id": "m", "bootstrap": {"level": 0.95, "resamples": 0, "seed": 0}}


@pytest.fixture()
def report():
    return score_predictions(Y, P, None, LABELS, n_bootstrap=0, meta=META,
                             group_columns={"register": pd.Series(["chat", "chat", "forum", "forum"])})


def test_undefined_f1_is_nan_and_left_out_of_macro_f1(report):
    f1 = report.per_label.set_index("label")["f1"]
    assert f1["a"] == pytest.approx(2 / 3) and f1["b"] == 0.0 and np.isnan(f1["c"])
    assert report.overall["macro_f1"] == pytest.approx((2 / 3 + 0) / 2)


def test_text_report_shows_n_a_and_false_flags(report):
    assert render_text(report).splitlines()[:10] == [
        "g.csv: 4 rows, model m",
        "        label precision recall                    f1 support",
        "            a     1.000  0.500                 0.667       2",
        "            b     0.000    n/a 0.000 (2 false flags)       0",
        "            c       n/a    n/a                   n/a       0",
        "   (macro_f1)                                  0.333       2",
        "   (micro_f1)                                  0.400       2",
        "(weighted_f1)                                  0.667       2",
        "n/a: undefined (0/0); an F1 is undefined when a label has no gold positives and no predictions, and is left "
        "out of the means. A false flag is a text the model flagged for a label with no gold positives (F1 0).",
        "macro-F1 is the mean over 2 of 3 labels (F1 undefined for c).",
    ]


def test_group_tables_show_n_a_and_false_flags(report):
    text = render_text(report)
    by = text[text.index("by register:"):].splitlines()
    assert by[1].split() == ["register", "rows", "macro_f1", "micro_f1", "weighted_f1", "subset_accuracy",
                             "hamming_loss", "f1_a", "f1_b", "f1_c"]
    assert by[2].endswith("1.000 0.000 (1 false flag)  n/a")


def test_markdown_and_html_say_what_n_a_means(report):
    assert "| c | n/a | n/a | n/a | 0 |" in render_markdown(report)
    assert "n/a: undefined (0/0)" in render_markdown(report) and "n/a: undefined (0/0)" in render_html(report)


def test_json_writes_undefined_as_null(report):
    data = json.loads(report.to_json())
    assert data["per_label"][2]["f1"] is None and data["groups"]["register"][0]["f1_c"] is None
    assert data["groups"]["register"][0]["fp_b"] == 1


def test_nothing_undefined_means_no_note():
    y = np.array([[1, 0], [0, 1]])
    report = score_predictions(y, y, None, ("a", "b"), n_bootstrap=0, meta=META)
    assert "n/a" not in render_text(report)


def test_a_gate_on_an_undefined_f1_fails_and_says_why(report):
    (gate,) = report.gates(min_f1={"c": 0.5})
    assert not gate.passed
    assert gate.describe() == ("FAILED: f1:c = n/a (undefined: no gold positives and no predictions) "
                               "(required >= 0.5000)")


def test_bootstrap_intervals_leave_undefined_resamples_out():
    y = np.array([[1, 0]] * 5 + [[0, 1]] + [[0, 0]] * 4)
    report = score_predictions(y, y, None, ("a", "b"), n_bootstrap=200, meta=META)
    low, high = report.intervals["per_label_f1"][1]
    assert low == high == 1.0  # resamples without b's one positive are undefined, not 0
