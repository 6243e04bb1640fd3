"""Learning curves: reproducible, scored on the right texts."""

import numpy as np
import pandas as pd
import pytest

from toolkit.annotate.curve import learning_curve
from toolkit.errors import InputError
from toolkit.evaluation import summary_metrics

SMALL = {"n_features": 2**12}


@pytest.fixture(scope="module")
def doubled(tiny_frame):
    return pd.concat([tiny_frame, tiny_frame.assign(text=tiny_frame["text"] + " honestly")], ignore_index=True)


def test_curve_on_a_held_out_file_is_reproducible(doubled, tiny_frame, default_model):
    first = learning_curve(doubled, heldout=tiny_frame, sizes=[30, 44], repeats=2, params=SMALL, seed=3,
                           reference=default_model)
    again = learning_curve(doubled, heldout=tiny_frame, sizes=[30, 44], repeats=2, params=SMALL, seed=3,
                           reference=default_model)
    pd.testing.assert_frame_equal(first.points, again.points)
    assert first.points["size"].tolist() == [30, 44]
    assert first.points["runs"].sum() + first.points["skipped"].sum() == 4
    # All 44 texts in every repeat: the orderings differ but the training set does not.
    assert first.points["macro_f1_std"].iloc[1] == pytest.approx(0.0)
    y = tiny_frame.iloc[:, 2:].to_numpy()
    assert first.reference == pytest.approx(summary_metrics(y, default_model.predict(tiny_frame["text"]))["macro_f1"])


def test_curve_by_cross_validation(doubled):
    curve = learning_curve(doubled, sizes=[20, 33], folds=4, params=SMALL, tune_thresholds=False)
    assert curve.evaluated_on == "4-fold cross-validation" and curve.thresholds == "fixed at 0.5"
    assert len(curve.runs) == 8
    done = curve.runs.dropna(subset=["macro_f1"])
    assert ((done["macro_f1"] >= 0) & (done["macro_f1"] <= 1)).all()
    per_label = done[[c for c in done.columns if c.startswith("f1_")]].to_numpy()
    np.testing.assert_allclose(per_label.mean(axis=1), done["macro_f1"])


def test_curve_sizes_must_fit(doubled, tiny_frame):
    with pytest.raises(InputError, match="no training-set size fits the 44 texts available for training"):
        learning_curve(doubled, heldout=tiny_frame, sizes=[100], params=SMALL)
