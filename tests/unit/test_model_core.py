"""The model core: scikit-learn parameters, checks in fit, the shared out-of-fold helper, the registry."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from sklearn.base import clone

from toolkit.errors import InputError
from toolkit.metrics import logit, sigmoid
from toolkit.models import (
    MODEL_TYPES,
    BarrierModel,
    LinearModel,
    default_model_path,
    heads,
    load_model,
    make_model,
    register_model_type,
)
from toolkit.models.ngram_hashing import NgramHasher
from toolkit.persist import load_model_dir

SMALL = {"n_features": 2**12}


def test_params_come_from_init_and_fit_changes_none(tiny_frame, taxonomy):
    model = LinearModel(**SMALL)
    before = model.get_params()
    assert before["taxonomy"] is None and before["n_features"] == 2**12 and before["C"] == 16.0
    model.fit(tiny_frame["text"], tiny_frame[list(taxonomy.ids)].to_numpy())
    assert model.get_params() == before
    assert model.taxonomy is None and model.taxonomy_.ids == taxonomy.ids
    # The card records the init parameters; linear leaves out ``turns`` and ``gate`` at their defaults so that
    # cards written before those parameters existed keep their ids.
    assert model.card_["hyperparameters"] == {k: v for k, v in before.items()
                                              if k not in ("taxonomy", "turns", "gate")}
    assert LinearModel(turns="seeker").hyperparameters()["turns"] == "seeker"


def test_set_params_and_sklearn_clone(tiny_frame, taxonomy):
    model = LinearModel(taxonomy=taxonomy, **SMALL).set_params(C=2.0, ngram_max=1)
    copy = clone(model)
    assert copy is not model and copy.get_params()["C"] == 2.0 and copy.get_params()["ngram_max"] == 1
    assert not hasattr(copy, "thresholds_")
    with pytest.raises(ValueError, match="Invalid parameter"):
        model.set_params(nonsense=1)


@pytest.mark.parametrize(("params", "message"), [
    ({"C": 0}, "parameter C=0 is not allowed for a linear model: C must be a number greater than 0, got 0"),
    ({"negation": 1}, "parameter negation=1 is not allowed for a linear model: negation must be true or false, got 1"),
    ({"class_weight": "equal"}, "class_weight must be one of balanced, none, got equal"),
])
def test_constraints_are_checked_in_fit(tiny_frame, taxonomy, params, message):
    model = LinearModel(taxonomy=taxonomy, **SMALL).set_params(**params)  # set_params itself does not check
    with pytest.raises(InputError, match=message):
        model.fit(tiny_frame["text"], tiny_frame[list(taxonomy.ids)].to_numpy())
    assert not hasattr(model, "thresholds_")


def test_make_model_coerces_and_refuses_before_building():
    assert make_model("linear", C=2).C == 2.0 and isinstance(make_model("linear", C=2).C, float)
    with pytest.raises(InputError, match="--param taxonomy is not a hyper-parameter of a linear model"):
        LinearModel.check_params({"taxonomy": 1})
    with pytest.raises(InputError, match="--param members=3 is not allowed for a ensemble model: members must be a "
                                         "comma-separated list or none, got 3"):
        make_model("ensemble", members=3)


def test_out_of_fold_tuning_fits_each_label_once_per_fold(tiny_frame, taxonomy, monkeypatch):
    calls = []

    class Counted(heads.LogisticRegression):
        def fit(self, *args, **kwargs):
            calls.append(1)
            return super().fit(*args, **kwargs)

    monkeypatch.setattr(heads, "LogisticRegression", Counted)
    y = tiny_frame[list(taxonomy.ids)].to_numpy()
    LinearModel(taxonomy=taxonomy, **SMALL).fit(tiny_frame["text"], y)
    folds = [min(heads.OUT_OF_FOLD_SPLITS, int(y[:, j].sum()), int(len(y) - y[:, j].sum())) for j in range(y.shape[1])]
    # 4 labels: one fit each on all rows, and one per fold of that label (4 positives each: 4 folds) = 20.
    assert len(calls) == y.shape[1] + sum(folds) == 20


@pytest.mark.parametrize("model_type", ["linear", "semantic", "sentence_linear"])
def test_out_of_fold_scores_leave_the_fitted_model_alone(model_type, tiny_frame, taxonomy):
    texts, y = tiny_frame["text"].tolist(), tiny_frame[list(taxonomy.ids)].to_numpy()
    params = SMALL if model_type.endswith("linear") else {}
    model = make_model(model_type, taxonomy=taxonomy, **params).fit(texts, y, dev_texts=texts, dev_y=y)
    before = model.predict_proba(texts)
    coef = model.coef_
    oof = model._out_of_fold_scores(texts, y)
    assert model.coef_ is coef
    np.testing.assert_array_equal(model.predict_proba(texts), before)
    assert oof.shape == y.shape and not np.allclose(oof, model._scores(texts))


def test_linear_out_of_fold_scores_match_a_model_fitted_without_the_fold(tiny_frame, taxonomy):
    texts, y = tiny_frame["text"].tolist(), tiny_frame[list(taxonomy.ids)].to_numpy()
    model = LinearModel(taxonomy=taxonomy, **SMALL)
    oof = model._out_of_fold_scores(texts, y)
    # Rebuild label 0's first fold by hand: a whole model fitted on the other rows scores the held-out ones.
    from sklearn.model_selection import StratifiedKFold

    train, test = next(StratifiedKFold(n_splits=4, shuffle=True, random_state=0).split(np.zeros(len(y)), y[:, 0]))
    alone = LinearModel(taxonomy=taxonomy, **SMALL)
    alone._fit_scores([texts[i] for i in train], y[train])
    np.testing.assert_allclose(oof[test, 0], alone._scores([texts[i] for i in test])[:, 0], rtol=1e-12)


def test_shipped_default_model_loads_unchanged_and_scores_from_its_arrays(tmp_path):
    """The card and arrays on disk, read without the model classes, give the loaded model's scores."""
    card, arrays = load_model_dir(default_model_path())
    model = load_model()
    assert model.card_["hyperparameters"] == card["hyperparameters"] and model.model_type == card["model_type"]
    texts = ["what if he laughs at me when I tell him", "in my family we never talked about feelings",
             "we went to the beach", "I'm not scared he'll judge me. Not at all.", ""]
    params = card["hyperparameters"]
    counts = NgramHasher(ngram_max=params["ngram_max"], n_features=params["n_features"], negation=params["negation"],
                         negation_window=params["negation_window"], stem=params["stem"]).counts(texts).toarray()
    tf = np.where(counts > 0, 1 + np.log(np.where(counts > 0, counts, 1)), 0) * arrays["idf"].astype(np.float64)
    tf /= np.maximum(np.linalg.norm(tf, axis=1, keepdims=True), 1e-300)
    raw = sigmoid(tf @ arrays["coef"].astype(np.float64).T + arrays["intercept"])
    slope, intercept = arrays["calibration"][:, 0], arrays["calibration"][:, 1]
    np.testing.assert_allclose(model.predict_proba(texts), sigmoid(logit(raw) * slope + intercept), atol=1e-9)
    np.testing.assert_array_equal(model.thresholds_, arrays["thresholds"])
    model.save(tmp_path / "again")
    again_card, again_arrays = load_model_dir(tmp_path / "again")
    assert load_model(tmp_path / "again").model_id == model.model_id
    for name, array in arrays.items():
        np.testing.assert_array_equal(again_arrays[name], array)


def test_capabilities_replace_class_checks(default_model):
    assert default_model.supports("term_contributions") and default_model.supports("fine_tune")
    assert not default_model.supports("evidence")
    assert MODEL_TYPES["sentence_linear"].capabilities >= {"evidence", "sentence_scores"}
    assert not MODEL_TYPES["semantic"].capabilities
    texts = ["what if he laughs", "we had pizza"]
    assert (default_model.diversity_features(texts) != default_model.transform(texts)).nnz == 0


def test_register_model_type_refuses_a_taken_name():
    class Impostor(BarrierModel):
        model_type = "linear"

    with pytest.raises(
        ValueError, match="model type 'linear' is already registered by toolkit.models.linear.LinearModel"
    ):
        register_model_type(Impostor)
    with pytest.raises(TypeError, match="only subclasses of BarrierModel"):
        register_model_type(dict)
    assert MODEL_TYPES["linear"] is LinearModel


def test_importing_any_model_module_first_works():
    """No import cycle: the modules that once formed one import cleanly first, each in a fresh interpreter."""
    for module in ("ensemble", "registry"):
        done = subprocess.run([sys.executable, "-c", f"import toolkit.models.{module}"], capture_output=True, text=True,
                              check=False)
        assert done.returncode == 0, done.stderr


def test_no_model_module_imports_the_models_package_itself():
    """``from . import NAME`` inside toolkit/models would need __init__, which imports every model module: a cycle."""
    import ast
    from pathlib import Path

    import toolkit.models

    package = Path(toolkit.models.__file__).parent
    submodules = {path.stem for path in package.glob("*.py")}
    for path in package.glob("*.py"):
        if path.name == "__init__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and ((node.level == 1 and node.module is None)
                                                     or node.module == "toolkit.models"):
                outside = [alias.name for alias in node.names if alias.name not in submodules]
                assert not outside, f"{path.name} imports {', '.join(outside)} from the toolkit.models package"

