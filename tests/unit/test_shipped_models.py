"""Shipped models by name: `default` and `fast` (toolkit.models.shipped)."""

import numpy as np
import pandas as pd
import pytest

import toolkit
from toolkit.errors import ModelError
from toolkit.labelled import load_labelled
from toolkit.models import SHIPPED_MODELS, default_model_path, load_model, resolve_model_path, shipped_model_path

from ..conftest import DATASET


def test_names_resolve_to_the_packaged_directories():
    assert list(SHIPPED_MODELS) == ["default", "fast"]
    assert resolve_model_path("default") == default_model_path() == resolve_model_path(None)
    assert resolve_model_path("fast") == shipped_model_path("fast")
    assert shipped_model_path("fast").parent == default_model_path().parent
    assert (shipped_model_path("fast") / "model.json").is_file()


def test_a_path_that_exists_wins_over_a_name(tmp_path, monkeypatch, tiny_model_dir, tiny_model):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "fast").symlink_to(tiny_model_dir, target_is_directory=True)
    assert resolve_model_path("fast") == tmp_path.joinpath("fast").relative_to(tmp_path)
    assert load_model("fast").model_id == tiny_model.model_id


def test_unknown_name_lists_the_names():
    with pytest.raises(ModelError) as error:
        resolve_model_path("fastest")
    assert str(error.value) == ("model 'fastest' not found: it is neither a directory nor a shipped model name; "
                                "pass a directory written by 'barriers train' or one of: default, fast")
    with pytest.raises(ModelError, match="'turbo' is not a shipped model; the shipped models are: default, fast"):
        shipped_model_path("turbo")


def test_fast_model_is_linear_on_unigrams_trained_on_the_current_splits(taxonomy):
    fast = load_model("fast")
    assert fast.model_type == "linear"
    assert fast.card_["hyperparameters"]["ngram_max"] == 1
    assert fast.card_["hyperparameters"]["n_features"] == 2**16
    train = load_labelled(DATASET / "train.csv", taxonomy)
    assert fast.card_["training_data"]["fingerprint"] == train.fingerprint, (
        "run `make model-fast` after changing the dataset"
    )
    assert fast.card_["dev_data"]["fingerprint"] == load_labelled(DATASET / "calibration.csv", taxonomy).fingerprint


def test_fast_model_classifies_and_is_reproducible():
    fast = load_model("fast")
    predicted = fast.predict(["in my family you just didn't talk about feelings", "we had pizza and watched a film"])
    assert predicted.shape == (2, 4) and predicted[1].sum() == 0
    retrained = toolkit.train(DATASET / "train.csv", dev=DATASET / "calibration.csv", model_type="linear",
                              **fast.card_["hyperparameters"])
    sample = pd.read_csv(DATASET / "test.csv")["text"].head(200).tolist()
    # 1e-4, not 1e-6: the solver's last digits depend on the CPU (see test_default_model.py).
    np.testing.assert_allclose(retrained.predict_proba(sample), fast.predict_proba(sample), atol=1e-4)
    np.testing.assert_array_equal(retrained.thresholds_, fast.thresholds_)
