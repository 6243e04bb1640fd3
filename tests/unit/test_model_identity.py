"""The model id changes with anything that changes predictions, and only with that."""

import json

import pytest

import toolkit
from toolkit.models import load_model
from toolkit.models.card import model_info
from toolkit.persist import CARD_NAME


@pytest.fixture(scope="module")
def trained(tiny_frame, taxonomy):
    def fit(calibration="platt", **params):
        return toolkit.train(tiny_frame, dev=tiny_frame, taxonomy=taxonomy, calibration=calibration,
                             **{"n_features": 2**12, **params})
    return fit


def test_same_training_gives_the_same_id(trained):
    assert trained().model_id == trained().model_id


@pytest.mark.parametrize("change", [{"C": 1}, {"ngram_max": 1}, {"negation": False}, {"calibration": "none"}])
def test_hyper_parameters_and_calibration_change_the_id(trained, change):
    assert trained(**change).model_id != trained().model_id


def test_model_type_and_training_data_change_the_id(trained, tiny_frame, taxonomy):
    lexicon = toolkit.train(tiny_frame, dev=tiny_frame, taxonomy=taxonomy, model_type="lexicon")
    assert lexicon.model_id.startswith("lexicon-")
    fewer = toolkit.train(tiny_frame.iloc[1:], dev=tiny_frame, taxonomy=taxonomy, n_features=2**12)
    assert fewer.model_id != trained().model_id


def test_thresholds_change_the_id(trained):
    model = trained()
    before = model.model_id
    model.thresholds_ = model.thresholds_ + 0.01
    assert model.model_id != before


def test_saved_loaded_and_model_info_agree(trained, tmp_path):
    model = trained()
    model.save(tmp_path / "m")
    card = json.loads((tmp_path / "m" / CARD_NAME).read_text())
    assert card["model_id"] == model.model_id == load_model(tmp_path / "m").model_id
    assert model_info(tmp_path / "m").model_id == model.model_id


def test_an_edited_card_gives_another_id(trained, tmp_path):
    model = trained()
    model.save(tmp_path / "m")
    card = json.loads((tmp_path / "m" / CARD_NAME).read_text())
    card["hyperparameters"]["negation_window"] = 5
    (tmp_path / "m" / CARD_NAME).write_text(json.dumps(card))
    assert load_model(tmp_path / "m").model_id != model.model_id

