"""Adapting a model to new labelled data: sample weights, thresholds, provenance."""

import json

import numpy as np
import pandas as pd
import pytest

import toolkit
from toolkit.adaptation import adapt
from toolkit.errors import InputError
from toolkit.evaluation import summary_metrics
from toolkit.models import LexiconModel, LinearModel, load_model, tune_thresholds
from toolkit.taxonomy import taxonomy_from_dict

from ..conftest import REPO

SMALL = {"n_features": 2**12}
SHIFT = REPO / "datasets" / "shift"


@pytest.fixture(scope="module")
def small_base(tiny_frame, taxonomy):
    return toolkit.train(tiny_frame, dev=tiny_frame, taxonomy=taxonomy, **SMALL)


@pytest.fixture(scope="module")
def new_data(tiny_frame):
    # The same barriers in other words: what a new community might write.
    rows = [
        ("if i say it in vc the squad will flame me", 1, 0, 0, 0),
        ("scared my duo unadds me if i open up", 1, 0, 0, 0),
        ("my old clan leaked my dms", 0, 1, 0, 0),
        ("last guild clipped me crying", 0, 1, 0, 0),
        ("skill issue, not a real problem", 0, 0, 1, 0),
        ("who wants an npc's lore dump", 0, 0, 1, 0),
        ("gamers dont cry, server rule", 0, 0, 0, 1),
        ("in our clan no sad posting", 0, 0, 0, 1),
        ("gg that raid was insane", 0, 0, 0, 0),
        ("whos up for ranked", 0, 0, 0, 0),
    ]
    return pd.DataFrame(rows, columns=["text", *tiny_frame.columns[2:]])


def test_weighted_rows_fit_like_repeated_rows(tiny_frame, taxonomy):
    texts, y = tiny_frame["text"].tolist(), tiny_frame[list(taxonomy.ids)].to_numpy()
    weights = np.ones(len(texts))
    weights[:6] = 2.0
    for model_type, params in (("linear", SMALL), ("lexicon", {})):
        weighted = toolkit.models.make_model(model_type, taxonomy=taxonomy, **params)
        weighted._fit_scores(texts, y, weights)
        repeated = toolkit.models.make_model(model_type, taxonomy=taxonomy, **params)
        repeated._fit_scores(texts + texts[:6], np.vstack([y, y[:6]]))
        plain = toolkit.models.make_model(model_type, taxonomy=taxonomy, **params)
        plain._fit_scores(texts, y)
        probe = ["what if he laughs", "my ex lied", "we had pizza"]
        if model_type == "lexicon":
            np.testing.assert_allclose(weighted._scores(probe), repeated._scores(probe), atol=1e-3)
        else:
            # Repeated rows also change the idf; the classifiers' weighting matches when idf is shared.
            repeated.idf_ = weighted.idf_
            assert not np.allclose(weighted._scores(probe), plain._scores(probe))
        assert weighted._scores(probe).shape == (3, 4)


def test_weighted_threshold_tuning():
    y = np.array([[1], [1], [0], [0]])
    scores = np.array([[0.9], [0.3], [0.35], [0.1]])
    # Unweighted, any threshold in 0.11-0.30 gives F1 0.8 (the best); 0.30 is nearest 0.5.
    assert tune_thresholds(y, scores).tolist() == [0.3]
    # Weighting the negative at 0.35 five times makes that false positive cost F1 4/9, so the
    # best is to keep only 0.9 (F1 2/3), anywhere in 0.36-0.90: 0.5.
    assert tune_thresholds(y, scores, sample_weight=np.array([1, 1, 5, 1])).tolist() == [0.5]


def test_fit_rejects_bad_sample_weights(tiny_frame, taxonomy):
    texts, y = tiny_frame["text"], tiny_frame[list(taxonomy.ids)]
    with pytest.raises(
        InputError, match="sample_weight must hold one positive number per text \\(22\\); got shape \\(1,\\)"
    ):
        LinearModel(taxonomy=taxonomy, **SMALL).fit(texts, y, sample_weight=[1.0])
    with pytest.raises(InputError, match="sample_weight must hold only positive, finite numbers; got -1.0"):
        LinearModel(taxonomy=taxonomy, **SMALL).fit(texts, y, sample_weight=[1.0] * 21 + [-1.0])


def test_adapt_refits_on_the_weighted_union_and_records_provenance(tmp_path, small_base, tiny_frame, new_data):
    model = adapt(new_data, small_base, base_data=tiny_frame, base_weight=0.25)
    card = model.card_
    assert card["training_data"]["rows"] == len(tiny_frame) + len(new_data)
    assert [p["weight"] for p in card["training_data"]["parts"]] == [0.25, 1.0]
    assert card["thresholds_tuned_on"] == "out-of-fold new data"
    assert card["hyperparameters"] == small_base.card_["hyperparameters"]
    train_step, step = card["provenance"]
    assert train_step["step"] == "train" and train_step["model_id"] == small_base.model_id
    assert step["step"] == "adapt" and step["base_model"]["model_id"] == small_base.model_id
    assert step["base_data_matches_card"] is True and step["taxonomy_changed"] is False
    assert step["model_id"] == model.model_id != small_base.model_id
    model.save(tmp_path / "adapted")
    reloaded = load_model(tmp_path / "adapted")
    assert json.loads((tmp_path / "adapted" / "model.json").read_text())["provenance"] == card["provenance"]
    # A second adaptation extends the chain; its base data are both earlier files.
    again = adapt(new_data.iloc[::-1], reloaded, base_data=[tiny_frame, new_data], base_weight=0.5)
    assert [s["step"] for s in again.card_["provenance"]] == ["train", "adapt", "adapt"]
    assert again.card_["provenance"][-1]["base_data_matches_card"] is True


def test_adapt_with_a_new_taxonomy_refits_on_the_new_data(small_base, new_data):
    taxonomy = taxonomy_from_dict({"name": "gaming", "labels": [
        {"id": "fear_of_rejection", "name": "Fear", "definition": "Fear of a bad reaction to opening up."},
        {"id": "community_norms", "name": "Norms", "definition": "Server rules against showing feelings."}]})
    data = pd.concat([new_data] * 3, ignore_index=True).rename(columns={"cultural_influences": "community_norms"})
    model = adapt(data, small_base, taxonomy=taxonomy)
    assert model.taxonomy_.ids == ("fear_of_rejection", "community_norms")
    step = model.card_["provenance"][-1]
    assert step["taxonomy_changed"] is True and step["method"].startswith("refit on the new data alone")
    assert model.card_["training_data"]["rows"] == len(data)


def test_adapt_needs_the_base_data_of_a_custom_model(small_base, new_data):
    with pytest.raises(InputError) as error:
        adapt(new_data, small_base)
    assert str(error.value) == (
        f"adapting model '{small_base.model_id}' needs the data it was trained on (<DataFrame>); "
        "a model card keeps only its fingerprint. Pass the file with --base-data FILE "
        "(repeat it for a chain of adaptations)")


def test_adapting_the_untrained_lexicon_fits_it(new_data, taxonomy):
    base = LexiconModel(taxonomy=taxonomy).fit_unsupervised()
    model = adapt(pd.concat([new_data] * 2, ignore_index=True), base)
    assert not np.isnan(model.slope_).any()
    assert model.card_["provenance"][-1]["data"][0]["rows"] == 20


@pytest.mark.slow
def test_adapting_to_a_shifted_vocabulary_improves_held_out_macro_f1(default_model, taxonomy):
    heldout = pd.read_csv(SHIFT / "heldout.csv")
    y = heldout[list(taxonomy.ids)].to_numpy()
    before = summary_metrics(y, default_model.predict(heldout["text"]))["macro_f1"]
    adapted = adapt(SHIFT / "train.csv")
    after = summary_metrics(y, adapted.predict(heldout["text"]))["macro_f1"]
    assert after > before, f"macro-F1 before {before:.3f}, after {after:.3f}"


def test_adapting_on_data_without_a_positive_of_some_label(small_base, tiny_frame, new_data):
    # A researcher's sample may hold no cultural_influences at all: that label keeps raw scores
    # (no calibration can be fitted on one class) instead of the adaptation failing.
    data = pd.concat([new_data] * 2, ignore_index=True)
    data = data[data["cultural_influences"] == 0].reset_index(drop=True)
    model = adapt(data, small_base, base_data=tiny_frame)
    assert model.calibration_[3].tolist() == [1.0, 0.0]
    assert not np.array_equal(model.calibration_[0], [1.0, 0.0])
    assert model.predict(["gg"]).shape == (1, 4)


@pytest.fixture(scope="module")
def underflagged(tiny_frame):
    # New-domain texts whose fear_of_rejection the small base model scores just below its threshold: a score scale
    # unlike the base data's, the situation calibration-only adaptation is for.
    texts = [
        f"what if she laughs at me about the {thing}" for thing in ("bus", "rain", "game", "paper", "beach", "pizza")
    ]
    texts += ["we went to the lake", "the train was on time", "growing up, crying got me sent to my room",
              "my ex used everything against me", "I'd only be a burden if I brought it up",
              "it's stupid, who would want to hear this", "where I'm from therapy is for crazy people",
              "we don't air dirty laundry, my mother said"]
    y = np.zeros((len(texts), 4), dtype=int)
    y[:6, 0] = 1
    y[8:10, 1] = 1
    y[10:12, 2] = 1
    y[12:14, 3] = 1
    return pd.DataFrame({"text": texts, **{label: y[:, j] for j, label in enumerate(tiny_frame.columns[2:])}})


def test_calibration_scope_keeps_the_weights_and_refits_calibration_and_thresholds(small_base, underflagged):
    model = adapt(underflagged, small_base, scope="calibration")
    np.testing.assert_array_equal(model.coef_, small_base.coef_)
    np.testing.assert_array_equal(model.idf_, small_base.idf_)
    raw = small_base._scores(underflagged["text"].tolist())
    y = underflagged.iloc[:, 1:].to_numpy()
    # The mechanism: Platt scaling and F1-optimal thresholds fitted on the base model's own scores of the new texts.
    np.testing.assert_allclose(model.calibration_, toolkit.models.calibration.fit_platt(y, raw))
    np.testing.assert_array_equal(model.thresholds_, tune_thresholds(y, model.predict_proba(underflagged["text"])))
    # ... which lets the model flag the new domain's way of saying it.
    before = summary_metrics(y, small_base.predict(underflagged["text"]))
    after = summary_metrics(y, model.predict(underflagged["text"]))
    assert (
        small_base.predict(underflagged["text"])[:6, 0].sum() == 0 and model.predict(underflagged["text"])[:6, 0].all()
    )
    assert after["micro_f1"] > before["micro_f1"]
    card = model.card_
    assert card["thresholds_tuned_on"] == "new data"
    assert card["training_data"]["weights_fingerprint"] == small_base.card_["training_data"]["fingerprint"]
    assert card["training_data"]["parts"][-1]["role"] == "calibration and thresholds only"
    step = card["provenance"][-1]
    assert step["method"].startswith("kept the base model's weights") and step["model_id"] == model.model_id
    assert model.model_id != small_base.model_id
    # The base model is untouched.
    assert small_base.card_.get("provenance") is None and not np.array_equal(
        small_base.calibration_, model.calibration_
    )


def test_calibration_scope_refuses_what_it_cannot_use(small_base, tiny_frame, underflagged):
    with pytest.raises(InputError, match="adaptation scope 'layers' is unknown; expected one of: model, calibration"):
        adapt(underflagged, small_base, scope="layers")
    with pytest.raises(InputError, match="drop --dev"):
        adapt(underflagged, small_base, scope="calibration", dev=underflagged)
    with pytest.raises(InputError, match="drop --base-data and --base-weight"):
        adapt(underflagged, small_base, scope="calibration", base_data=tiny_frame)
    other = taxonomy_from_dict({"name": "other", "labels": [{"id": "fear_of_rejection", "name": "F", "definition": "d"},
                                                           {"id": "self_doubt", "name": "S", "definition": "d"}]})
    with pytest.raises(InputError, match="DATA must follow its taxonomy"):
        adapt(underflagged.drop(columns=["past_experiences", "cultural_influences"]), small_base, taxonomy=other,
              scope="calibration")


def test_fine_tuning_corrects_the_base_weights_on_the_new_texts(small_base, underflagged):
    texts, y = underflagged["text"].tolist(), underflagged.iloc[:, 1:].to_numpy().copy()
    y[14:, 3] = 0
    y[12, 3], y[13, 3] = 1, 0  # one positive only: that label cannot be corrected and keeps its weights
    model, scores = small_base.fine_tuned(texts, y, C=1.0, folds=3, seed=0)
    assert scores.shape == (len(texts), 4)
    np.testing.assert_array_equal(model.coef_[3], small_base.coef_[3])
    np.testing.assert_array_equal(model.idf_, small_base.idf_)
    assert not np.allclose(model.coef_[0], small_base.coef_[0])
    # The corrected logit separates the new way of writing fear_of_rejection better than the base logit did.
    before, after = small_base._scores(texts)[:, 0], model._scores(texts)[:, 0]
    assert after[:6].min() > after[6:].max()
    assert (after[:6].mean() - after[6:].mean()) > (before[:6].mean() - before[6:].mean())
    # A weaker penalty lets the correction move further from the base weights.
    loose, _ = small_base.fine_tuned(texts, y, C=16.0, folds=3, seed=0)
    assert (np.abs(loose.coef_[0] - small_base.coef_[0]).sum() > np.abs(model.coef_[0] - small_base.coef_[0]).sum())


def test_fine_tune_scope_records_its_step_and_needs_a_linear_model(small_base, underflagged, taxonomy):
    model = adapt(underflagged, small_base, scope="fine-tune", fine_tune_c=2.0)
    assert model.card_["thresholds_tuned_on"] == "out-of-fold new data"
    assert model.card_["provenance"][-1]["method"].startswith("corrected the base model's weights on the new data")
    assert model.card_["training_data"]["parts"][-1]["role"] == "weight correction (C=2), calibration, thresholds"
    assert model.model_id not in (small_base.model_id, adapt(underflagged, small_base, scope="calibration").model_id)
    with pytest.raises(InputError, match="the fine-tuning strength must be above 0, got -1"):
        adapt(underflagged, small_base, scope="fine-tune", fine_tune_c=-1)
    lexicon = LexiconModel(taxonomy=taxonomy).fit_unsupervised()
    refusal = (r"--scope fine-tune needs a base model that can be fine-tuned \(a `linear` model without a gate, "
               r"such as --base fast\); got .lexicon-[0-9a-f]{12}. \(type lexicon\)")
    with pytest.raises(InputError, match=refusal):
        adapt(underflagged, lexicon, scope="fine-tune")


def test_only_recalibration_keeps_the_record_of_the_data_behind_the_weights(small_base, tiny_frame, underflagged):
    recalibrated = adapt(underflagged, small_base, scope="calibration")
    again = adapt(underflagged.iloc[::-1], recalibrated, scope="calibration")
    base_fingerprint = small_base.card_["training_data"]["fingerprint"]
    assert again.card_["training_data"]["weights_fingerprint"] == base_fingerprint
    assert len({small_base.model_id, recalibrated.model_id, again.model_id}) == 3
    # The recalibrated model's weights come from the base data alone: refitting it needs only that data.
    refit = adapt(underflagged, recalibrated, base_data=tiny_frame)
    assert refit.card_["provenance"][-1]["base_data_matches_card"] is True
    fine_tuned = adapt(underflagged, small_base, scope="fine-tune")
    assert "weights_fingerprint" not in fine_tuned.card_["training_data"]
