import json
import pickle

import numpy as np
import pytest

import toolkit
from tests.conftest import copy_model, edited_card, reseal
from toolkit.errors import InputError, ModelError, TaxonomyError
from toolkit.models import LinearModel, load_model, make_model, tune_thresholds
from toolkit.persist import ARRAYS_NAME, CARD_NAME
from toolkit.taxonomy import taxonomy_from_dict


def test_save_load_round_trip_gives_identical_scores(tiny_model, tiny_model_dir, tiny_frame):
    loaded = load_model(tiny_model_dir)
    texts = tiny_frame["text"].tolist() + ["something new entirely", ""]
    np.testing.assert_array_equal(loaded.predict_proba(texts), tiny_model.predict_proba(texts))
    np.testing.assert_array_equal(loaded.thresholds_, tiny_model.thresholds_)
    assert loaded.taxonomy_.fingerprint == tiny_model.taxonomy_.fingerprint


def test_model_card_records_provenance(tiny_model_dir, taxonomy):
    card = json.loads((tiny_model_dir / CARD_NAME).read_text())
    assert card["taxonomy"]["ids"] == list(taxonomy.ids)
    assert card["taxonomy"]["fingerprint"] == taxonomy.fingerprint
    assert len(card["training_data"]["fingerprint"]) == 64
    assert {"scikit-learn", "numpy", "toolkit", "python"} <= set(card["library_versions"])
    assert set(card["thresholds"]) == set(taxonomy.ids)
    assert card["metrics"]["dev"]["rows"] == 22
    assert card["hyperparameters"]["C"] == LinearModel().C


def test_model_learns_the_tiny_set(tiny_model, tiny_frame, taxonomy):
    predicted = tiny_model.predict(tiny_frame["text"])
    assert (predicted == tiny_frame[list(taxonomy.ids)].to_numpy()).mean() > 0.95


def test_thresholds_maximise_f1():
    y = np.array([[1, 0], [1, 0], [0, 1], [0, 0]])
    s = np.array([[0.8, 0.1], [0.4, 0.2], [0.3, 0.9], [0.1, 0.95]])
    thresholds = tune_thresholds(y, s)
    assert 0.3 < thresholds[0] <= 0.4
    assert thresholds[1] > 0.05


def test_fit_refuses_a_label_without_positives(tiny_frame, taxonomy):
    y = tiny_frame[list(taxonomy.ids)].to_numpy().copy()
    y[:, 3] = 0
    with pytest.raises(InputError, match="label 'cultural_influences' has 0 positive rows out of 22"):
        make_model("linear").fit(tiny_frame["text"], y)


def test_out_of_fold_thresholds_when_no_dev(tiny_frame, taxonomy):
    model = toolkit.train(tiny_frame, taxonomy=taxonomy)
    assert model.card_["thresholds_tuned_on"] == "out-of-fold train"
    assert "out-of-fold_train" in model.card_["metrics"]


def test_unknown_model_type():
    with pytest.raises(
        InputError, match="model type 'bert' is unknown; expected one of: ensemble, lexicon, linear, semantic"
    ):
        make_model("bert")


def test_truncated_arrays_are_refused(tiny_model_dir, tmp_path):
    bad = copy_model(tiny_model_dir, tmp_path / "m")
    data = (bad / ARRAYS_NAME).read_bytes()
    (bad / ARRAYS_NAME).write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelError, match="does not match the checksum in model.json"):
        load_model(bad)


def test_pickled_arrays_are_never_unpickled(tiny_model_dir, tmp_path):
    bad = copy_model(tiny_model_dir, tmp_path / "m")
    np.savez(bad / ARRAYS_NAME, coef=np.array([object()], dtype=object))
    reseal(bad)
    with pytest.raises(ModelError, match="cannot be read safely"):
        load_model(bad)


def test_a_pickle_file_is_not_a_model(tmp_path):
    bad = tmp_path / "m"
    bad.mkdir()
    (bad / "model.pkl").write_bytes(pickle.dumps({"x": 1}))
    with pytest.raises(ModelError, match="is not a model directory: it has no model.json"):
        load_model(bad)


def test_card_pointing_outside_the_directory_is_refused(tiny_model_dir, tmp_path):
    bad = copy_model(tiny_model_dir, tmp_path / "m")
    with edited_card(bad) as card:
        card["files"]["../secret"] = "0" * 64
    with pytest.raises(ModelError, match="names the file '../secret' outside the model directory"):
        load_model(bad)


def test_newer_format_is_refused(tiny_model_dir, tmp_path):
    bad = copy_model(tiny_model_dir, tmp_path / "m")
    with edited_card(bad) as card:
        card["format_version"] = 99
    with pytest.raises(ModelError, match="uses model format 99.*upgrade barrier-toolkit"):
        load_model(bad)


def test_corrupt_card_is_refused(tiny_model_dir, tmp_path):
    bad = copy_model(tiny_model_dir, tmp_path / "m")
    (bad / CARD_NAME).write_text('{"format_version": 1, ')
    with pytest.raises(ModelError, match="is corrupt"):
        load_model(bad)


def test_taxonomy_mismatch_is_refused(tiny_model):
    other = taxonomy_from_dict(
        {"name": "mine", "labels": [{"id": "a", "name": "A", "definition": "d"}]}, source="mine.toml"
    )
    with pytest.raises(TaxonomyError, match="but taxonomy 'mine' from 'mine.toml' has labels a"):
        tiny_model.check_taxonomy(other)


def test_custom_taxonomy_trains(tiny_frame):
    taxonomy = taxonomy_from_dict({"labels": [{"id": "fear_of_rejection", "name": "F", "definition": "fear"},
                                              {"id": "self_doubt", "name": "S", "definition": "doubt"}]})
    model = toolkit.train(tiny_frame[["text", "fear_of_rejection", "self_doubt"]], taxonomy=taxonomy)
    assert model.predict_proba(["hello"]).shape == (1, 2)


def test_unfitted_model_says_so():
    with pytest.raises(ModelError, match="is not fitted yet"):
        LinearModel().predict(["x"])
