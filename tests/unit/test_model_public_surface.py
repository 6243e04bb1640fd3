"""BarrierModel's public surface for other modules: fit_scores, decision_scores, tune."""

from __future__ import annotations

import numpy as np
import pytest

from toolkit.errors import InputError, ModelError
from toolkit.models import LinearModel
from toolkit.models.base import tune_thresholds
from toolkit.models.calibration import apply_platt, fit_platt

SMALL = {"n_features": 2**12}


@pytest.fixture(scope="module")
def data(tiny_frame, taxonomy):
    return tiny_frame["text"].tolist(), tiny_frame[list(taxonomy.ids)].to_numpy()


def test_fit_scores_fits_the_scorer_fit_would_and_nothing_else(data, taxonomy):
    texts, y = data
    scorer = LinearModel(taxonomy=taxonomy, **SMALL)
    assert scorer.fit_scores(texts, y) is scorer
    full = LinearModel(taxonomy=taxonomy, **SMALL).fit(texts, y, dev_texts=texts, dev_y=y)
    np.testing.assert_allclose(scorer.decision_scores(texts), full.decision_scores(texts), rtol=1e-12)
    assert not hasattr(scorer, "thresholds_") and not hasattr(scorer, "card_")
    with pytest.raises(ModelError, match="not fitted yet"):
        scorer.predict(texts)
    weighted = LinearModel(taxonomy=taxonomy, **SMALL).fit_scores(texts, y, sample_weight=np.linspace(0.2, 5, len(y)))
    assert not np.allclose(weighted.decision_scores(texts), scorer.decision_scores(texts))


def test_fit_scores_checks_its_data_as_fit_does(data, taxonomy):
    texts, y = data
    with pytest.raises(InputError, match="label matrix has shape"):
        LinearModel(taxonomy=taxonomy, **SMALL).fit_scores(texts, y[:, :2])
    with pytest.raises(InputError, match="sample_weight must hold one positive number per text"):
        LinearModel(taxonomy=taxonomy, **SMALL).fit_scores(texts, y, sample_weight=[1.0, 2.0])
    with pytest.raises(InputError, match="C"):
        LinearModel(taxonomy=taxonomy, C=-1.0).fit_scores(texts, y)


def test_decision_scores_are_predict_proba_before_calibration(default_model, data):
    texts, _ = data
    raw = default_model.decision_scores(texts)
    assert raw.shape == (len(texts), len(default_model.taxonomy_.ids))
    assert default_model.calibration_ is not None  # else the comparison below proves nothing
    np.testing.assert_allclose(apply_platt(raw, default_model.calibration_), default_model.predict_proba(texts))
    assert not np.allclose(raw, default_model.predict_proba(texts))
    with pytest.raises(ModelError, match="no fitted scorer"):
        LinearModel().decision_scores(texts)


def test_tune_is_the_tuning_fit_does_on_given_scores(data, taxonomy):
    texts, y = data
    scores = LinearModel(taxonomy=taxonomy, **SMALL).held_out_scores(texts, y, rows=np.arange(len(texts)))
    model = LinearModel(taxonomy=taxonomy, **SMALL).fit_scores(texts, y)
    before = model.decision_scores(texts)
    metrics = model.tune(y, scores, tuned_on="held out")
    np.testing.assert_array_equal(model.decision_scores(texts), before)  # the scorer stays
    np.testing.assert_allclose(model.calibration_, fit_platt(y, scores))
    np.testing.assert_array_equal(model.thresholds_, tune_thresholds(y, apply_platt(scores, model.calibration_)))
    reference = LinearModel(taxonomy=taxonomy, **SMALL).fit(texts, y, tuning_scores=(scores, y, "held out"))
    np.testing.assert_array_equal(model.thresholds_, reference.thresholds_)
    assert metrics == reference.card_["metrics"] and metrics["held_out"]["rows"] == len(y)
    model.tune(y, scores, calibration="none")
    assert model.calibration_ is None
    np.testing.assert_array_equal(model.thresholds_, tune_thresholds(y, scores))


def test_tune_refuses_mismatched_or_unfitted_input(data, taxonomy):
    texts, y = data
    model = LinearModel(taxonomy=taxonomy, **SMALL).fit_scores(texts, y)
    scores = model.decision_scores(texts)
    with pytest.raises(InputError, match="same shape"):
        model.tune(y, scores[:-1])
    with pytest.raises(InputError, match="only 0 and 1"):
        model.tune(y * 2, scores)
    with pytest.raises(InputError, match="calibration 'isotonic' is unknown"):
        model.tune(y, scores, calibration="isotonic")
    with pytest.raises(ModelError, match="no fitted scorer"):
        LinearModel(taxonomy=taxonomy).tune(y, scores)
