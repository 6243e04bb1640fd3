"""Ensemble members given with their parameters, evidence passed on, and the calibrated combination."""

import numpy as np
import pandas as pd
import pytest

from toolkit.errors import InputError, ModelError
from toolkit.evidence import format_evidence
from toolkit.models import load_model, make_model
from toolkit.models.calibration import apply_platt
from toolkit.models.ensemble import parse_member
from toolkit.persist import load_model_dir, save_model_dir
from toolkit.training import train

from .test_linear_gate import CALM, DISTRESS, FEAR, PAST, TAX, distress_corpus

MEMBERS = "linear:n_features=4096,sentence_linear:aggregation=mean_max:C=4:n_features=4096"


def fitted(combine, members=MEMBERS):
    texts, y, evidence = distress_corpus()
    return make_model("ensemble", taxonomy=TAX, members=members, combine=combine).fit(
        texts, y, evidence=evidence, dev_texts=texts, dev_y=y)


def test_members_take_parameters_after_colons():
    assert parse_member(" linear ") == {"model_type": "linear", "params": {}}
    assert parse_member("sentence_linear:aggregation=mean_max:C=4:stem=false") == {
        "model_type": "sentence_linear", "params": {"aggregation": "mean_max", "C": 4, "stem": False}}
    model = fitted("scores")
    linear, sentence = model.members_
    assert linear.n_features == sentence.n_features == 4096
    assert sentence.aggregation == "mean_max" and sentence.C == 4.0 and isinstance(sentence.C, float)


def test_bad_member_parameters_are_clear_errors():
    texts, y, _ = distress_corpus()
    with pytest.raises(InputError, match="ensemble member 'linear:C' has 'C' where KEY=VALUE was expected"):
        make_model("ensemble", taxonomy=TAX, members="linear:C,lexicon").fit(texts, y)
    with pytest.raises(InputError, match="aggregation=mean is not allowed for a sentence_linear model"):
        make_model("ensemble", taxonomy=TAX, members="linear,sentence_linear:aggregation=mean").fit(texts, y)
    with pytest.raises(InputError, match="combine must be one of scores, calibrated, got mean"):
        make_model("ensemble", taxonomy=TAX, members="linear,lexicon", combine="mean").fit(texts, y)


def test_combine_scores_is_the_old_weighted_mean_and_leaves_the_card_alone():
    model = fitted("scores")
    texts, _, _ = distress_corpus()
    linear, sentence = model.members_
    np.testing.assert_array_equal(model._scores(texts), 0.5 * linear._scores(texts) + 0.5 * sentence._scores(texts))
    assert "combine" not in model.card_["hyperparameters"] and "member_calibration" not in model._arrays()


def test_combine_calibrated_averages_each_members_platt_probabilities():
    model = fitted("calibrated")
    texts, _, _ = distress_corpus()
    assert model.member_calibration_.shape == (2, 2, 2)
    expected = sum(0.5 * apply_platt(member._scores(texts), calibration)
                   for member, calibration in zip(model.members_, model.member_calibration_))
    np.testing.assert_array_equal(model._scores(texts), expected)
    assert model.card_["hyperparameters"]["combine"] == "calibrated"


@pytest.mark.parametrize("combine", ["scores", "calibrated"])
def test_the_sentence_member_changes_the_decision_on_distress_alone(combine):
    texts, y, evidence = distress_corpus()
    linear = make_model("linear", taxonomy=TAX, n_features=4096).fit(texts, y, dev_texts=texts, dev_y=y)
    model = fitted(combine)
    assert model.supports("evidence") and model.members_[1].sentence_level_
    probe = [f"{DISTRESS} {CALM[0]}", f"{CALM[2]} {FEAR}", f"{CALM[1]} {PAST}"]
    assert linear.predict(probe)[0].tolist() == [0, 1]
    assert model.predict(probe).tolist() == [[0, 0], [1, 0], [0, 1]]


@pytest.mark.parametrize("combine", ["scores", "calibrated"])
def test_round_trip_keeps_scores_and_id(tmp_path, combine):
    model = fitted(combine)
    model.save(tmp_path / "m")
    loaded = load_model(tmp_path / "m")
    texts, _, _ = distress_corpus()
    np.testing.assert_array_equal(loaded.predict_proba(texts), model.predict_proba(texts))
    assert loaded.model_id == model.model_id and loaded.combine == combine


def test_a_calibrated_ensemble_without_its_member_calibration_is_refused(tmp_path):
    fitted("calibrated").save(tmp_path / "m")
    card, arrays = load_model_dir(tmp_path / "m")
    arrays["member_calibration"] = arrays["member_calibration"][:1]
    save_model_dir(tmp_path / "broken", card, arrays)
    with pytest.raises(ModelError, match="member calibration of shape"):
        load_model(tmp_path / "broken")


def test_calibrated_members_from_out_of_fold_scores_and_through_train():
    texts, y, evidence = distress_corpus()
    model = make_model("ensemble", taxonomy=TAX, members=MEMBERS, combine="calibrated").fit(texts, y,
                                                                                            evidence=evidence)
    assert model.card_["thresholds_tuned_on"] == "out-of-fold train" and model.member_calibration_.shape == (2, 2, 2)
    frame = pd.DataFrame({"text": texts, "fear": y[:, 0], "past": y[:, 1],
                          "evidence": [format_evidence(e) for e in evidence]})
    trained = train(frame, dev=frame, model_type="ensemble", taxonomy=TAX, members=MEMBERS, combine="calibrated")
    assert trained.members_[1].sentence_level_
    assert trained.predict([f"{DISTRESS} {CALM[0]}"]).tolist() == [[0, 0]]


def test_calibrated_needs_the_tuning_texts():
    texts, y, evidence = distress_corpus()
    model = make_model("ensemble", taxonomy=TAX, members=MEMBERS, combine="calibrated")
    with pytest.raises(InputError, match="combine=calibrated calibrates each member on the scores of the tuning texts"):
        model.fit(texts, y, evidence=evidence, tuning_scores=(np.full(y.shape, 0.5), y, "given"))


def test_calibrated_through_the_public_surface_and_tuned_anew():
    texts, y, evidence = distress_corpus()
    model = make_model("ensemble", taxonomy=TAX, members=MEMBERS, combine="calibrated").fit_scores(
        texts, y, evidence=evidence)
    scores = model.decision_scores(texts)
    model.decision_scores(texts[:3])   # the scores of other texts come last: not the ones tuned on below
    with pytest.raises(InputError, match="did not compute itself"):
        model.tune(y, scores)
    scores = model.decision_scores(texts)
    model.tune(y, scores)
    member_calibration = model.member_calibration_.copy()
    fitted_once = model.predict(texts)
    # A fitted ensemble tuned on its own decision scores keeps its member calibration.
    model.tune(y, model.decision_scores(texts))
    np.testing.assert_array_equal(model.member_calibration_, member_calibration)
    np.testing.assert_array_equal(model.predict(texts), fitted_once)
