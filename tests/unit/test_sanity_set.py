"""The sanity set (datasets/sanity/): short texts whose labels no reader would dispute.

The shipping rule (issue #14): every codebook example right and at least
SANITY_MIN_PASS of the rest. No model of the project meets it yet, so that
test is a strict expected failure that turns into an error the day a model
meets it (then drop the mark). Until then, a regression gate holds the
shipped model at least at its measured pass rates (SANITY_FLOOR, re-measure
with `make sanity` when the default model changes). A cell left blank means
"either is fine".
"""

from pathlib import Path

import pandas as pd
import pytest

from toolkit.models import load_model

SANITY = Path(__file__).resolve().parents[2] / "datasets" / "sanity"
LABELS = ["fear_of_rejection", "past_experiences", "self_doubt", "cultural_influences"]
SANITY_MIN_PASS = 0.95
# Measured for the shipped default (make sanity): codebook examples passed, share of the rest passed.
SANITY_FLOOR = {"codebook": 16, "rest": 0.75}


def sanity_set() -> pd.DataFrame:
    return pd.concat([pd.read_csv(path, dtype=str, keep_default_na=False) for path in sorted(SANITY.glob("*.csv"))],
                     ignore_index=True)


def passes(frame: pd.DataFrame, predicted) -> pd.Series:
    ok = pd.Series(True, index=frame.index)
    for j, label in enumerate(LABELS):
        expected = frame[label].str.strip()
        checked = expected != ""
        ok &= ~checked | (expected.where(checked, "0").astype(int) == predicted[:, j])
    return ok


def test_the_sanity_set_is_well_formed():
    frame = sanity_set()
    assert set(LABELS + ["text", "kind"]) <= set(frame.columns)
    assert frame["text"].str.strip().ne("").all()
    assert not frame["text"].duplicated().any()
    for label in LABELS:
        assert frame[label].isin(["", "0", "1"]).all(), label
    assert (frame["kind"] == "codebook_in").sum() >= 8


def test_pass_rule_reads_blank_as_either():
    frame = pd.DataFrame({"text": ["a", "b"], "fear_of_rejection": ["1", ""], "past_experiences": ["", "0"],
                          "self_doubt": ["", ""], "cultural_influences": ["", ""]})
    import numpy as np

    assert passes(frame, np.array([[1, 1, 0, 0], [1, 1, 0, 0]])).tolist() == [True, False]


def sanity_results():
    frame = sanity_set()
    ok = passes(frame, load_model().predict(frame["text"].tolist()))
    codebook = frame["kind"].str.startswith("codebook")
    return frame, ok, codebook


def test_default_model_does_not_fall_below_its_sanity_floor():
    frame, ok, codebook = sanity_results()
    failing = frame.loc[~ok, ["kind", "text"]].to_string()
    assert ok[codebook].sum() >= SANITY_FLOOR["codebook"], failing
    assert ok[~codebook].mean() >= SANITY_FLOOR["rest"], failing


@pytest.mark.xfail(strict=True, reason="shipping rule not met yet: 16 of 17 codebook examples, 0.76 of the rest")
def test_default_model_meets_the_shipping_rule():
    frame, ok, codebook = sanity_results()
    assert ok[codebook].all() and ok[~codebook].mean() >= SANITY_MIN_PASS
