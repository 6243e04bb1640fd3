"""Every model type: training, save/load, thresholds, aggregation, and beating the lexicon on dev."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import DATASET
from toolkit.errors import InputError, ModelError
from toolkit.labelled import load_labelled
from toolkit.models import MODEL_TYPES, SemanticModel, load_model, make_model
from toolkit.models.sentences import aggregate, score_by_sentence, sentence_units
from toolkit.models.static_embedding import load_static_embedding, read_static_embedding
from toolkit.models.wordpiece import WordPiece, basic_tokens

# The transformer is trained by a maintainer step (torch); tests/unit/test_transformer_model.py covers it.
TRAINED_TYPES = sorted(t for t in MODEL_TYPES if t != "transformer")


@pytest.fixture(scope="module")
def splits(taxonomy):
    return load_labelled(DATASET / "train.csv", taxonomy), load_labelled(DATASET / "dev.csv", taxonomy)


@pytest.fixture(scope="module")
def tiny_fitted(tiny_frame, taxonomy):
    texts, y = tiny_frame["text"].tolist(), tiny_frame[list(taxonomy.ids)].to_numpy()
    return {t: make_model(t, taxonomy=taxonomy).fit(texts, y, dev_texts=texts, dev_y=y) for t in TRAINED_TYPES}


@pytest.mark.parametrize("model_type", TRAINED_TYPES)
def test_save_load_round_trip(model_type, tiny_fitted, tiny_frame, tmp_path):
    model = tiny_fitted[model_type]
    model.save(tmp_path / "m")
    loaded = load_model(tmp_path / "m")
    assert type(loaded) is type(model)
    texts = tiny_frame["text"].tolist() + ["", "a completely unrelated sentence. And another one!"]
    np.testing.assert_allclose(loaded.predict_proba(texts), model.predict_proba(texts), atol=1e-6)
    np.testing.assert_array_equal(loaded.thresholds_, model.thresholds_)


@pytest.mark.parametrize("model_type", TRAINED_TYPES)
def test_scores_are_probabilities_and_decisions_follow_thresholds(model_type, tiny_fitted, tiny_frame):
    model = tiny_fitted[model_type]
    scores = model.predict_proba(tiny_frame["text"].tolist() + [""])
    assert scores.shape == (len(tiny_frame) + 1, 4)
    assert ((scores >= 0) & (scores <= 1)).all()
    np.testing.assert_array_equal(model.predict(tiny_frame["text"].tolist() + [""]), scores >= model.thresholds_)


@pytest.mark.slow
@pytest.mark.parametrize("model_type", [t for t in TRAINED_TYPES if t != "lexicon"])
def test_each_model_type_beats_the_lexicon_on_dev(model_type, splits, taxonomy):
    train, dev = splits
    lexicon = make_model("lexicon", taxonomy=taxonomy).fit(train.texts, train.y, dev_texts=dev.texts, dev_y=dev.y)
    model = make_model(model_type, taxonomy=taxonomy).fit(train.texts, train.y, dev_texts=dev.texts, dev_y=dev.y)
    assert model.card_["metrics"]["dev"]["macro_f1"] > lexicon.card_["metrics"]["dev"]["macro_f1"] + 0.1


def test_sentence_units_keep_every_text():
    sentences, owners = sentence_units(["One. Two! Three?", "", "no boundary here"])
    assert owners.tolist() == [0, 0, 0, 1, 2]
    assert sentences[:3] == ["One.", "Two!", "Three?"]


def test_aggregations_combine_sentence_scores():
    scores = np.array([[0.1, 0.5], [0.4, 0.5], [0.2, 0.0]])
    owners = np.array([0, 0, 1])
    np.testing.assert_allclose(aggregate(scores, owners, 2, "max"), [[0.4, 0.5], [0.2, 0.0]])
    np.testing.assert_allclose(aggregate(scores, owners, 2, "noisy_or"), [[1 - 0.9 * 0.6, 0.75], [0.2, 0.0]])
    doc = np.array([[0.0, 1.0], [0.4, 0.4]])
    np.testing.assert_allclose(aggregate(scores, owners, 2, "mean_max", doc), [[0.2, 0.75], [0.3, 0.2]])
    with pytest.raises(
        InputError, match="aggregation 'median' is unknown; expected one of: document, max, noisy_or, mean_max"
    ):
        aggregate(scores, owners, 2, "median")


def test_sentence_scoring_finds_the_one_relevant_sentence():
    def score(texts):
        return np.array([[1.0 if "scared" in t else 0.0] for t in texts])

    texts = ["We had lunch. I was scared to tell him. Then we left.", "We had lunch. Then we left."]
    assert score_by_sentence(score, texts, "max").ravel().tolist() == [1.0, 0.0]
    assert score_by_sentence(score, texts, "document").ravel().tolist() == [1.0, 0.0]


def test_semantic_aggregation_without_dev_set_is_refused(tiny_frame, taxonomy):
    model = make_model("semantic", taxonomy=taxonomy, aggregation="max")
    with pytest.raises(InputError, match="aggregation 'max' needs a dev set to tune thresholds on"):
        model.fit(tiny_frame["text"], tiny_frame[list(taxonomy.ids)].to_numpy())


def test_semantic_unknown_encoder(tiny_frame, taxonomy):
    with pytest.raises(InputError, match="encoder must be one of static, minilm, got bert-large"):
        make_model("semantic", taxonomy=taxonomy, encoder="bert-large")
    model = SemanticModel(taxonomy=taxonomy, encoder="bert-large")  # built directly, it is refused when fitting
    with pytest.raises(InputError, match="encoder must be one of static, minilm, got bert-large"):
        model.fit(tiny_frame["text"], tiny_frame[list(taxonomy.ids)].to_numpy())


def test_ensemble_members_and_weights_are_checked(tiny_frame, taxonomy):
    texts, y = tiny_frame["text"], tiny_frame[list(taxonomy.ids)].to_numpy()
    with pytest.raises(InputError, match=r"ensemble weights '1,2,3' must be 2 non-negative numbers \(one per member\)"):
        make_model("ensemble", taxonomy=taxonomy, members="linear,lexicon", weights="1,2,3").fit(texts, y)
    with pytest.raises(InputError, match="ensemble member type 'ensemble' is not allowed"):
        make_model("ensemble", taxonomy=taxonomy, members="linear,ensemble").fit(texts, y)
    with pytest.raises(InputError, match="an ensemble needs at least two members; got 1"):
        make_model("ensemble", taxonomy=taxonomy, members="linear").fit(texts, y)


def test_ensemble_scores_are_the_weighted_mean_of_its_members(tiny_frame, taxonomy):
    texts, y = tiny_frame["text"].tolist(), tiny_frame[list(taxonomy.ids)].to_numpy()
    ensemble = make_model("ensemble", taxonomy=taxonomy, members="linear,lexicon", weights=[3, 1]).fit(
        texts, y, dev_texts=texts, dev_y=y
    )
    linear, lexicon = ensemble.members_
    expected = 0.75 * linear._scores(texts) + 0.25 * lexicon._scores(texts)
    np.testing.assert_allclose(ensemble._scores(texts), expected)


def test_platt_calibration_is_stored_and_monotonic(tiny_fitted, tiny_frame, tmp_path):
    model = tiny_fitted["linear"]
    assert model.card_["calibration"] == "platt" and model.calibration_.shape == (4, 2)
    texts = tiny_frame["text"].tolist()
    raw, calibrated = model._scores(texts), model.predict_proba(texts)
    for j in range(raw.shape[1]):
        order = np.argsort(raw[:, j])
        assert (np.diff(calibrated[order, j]) >= -1e-12).all()
    uncalibrated = make_model("linear", taxonomy=model.taxonomy_).fit(
        texts,
        tiny_frame[list(model.taxonomy_.ids)].to_numpy(),
        dev_texts=texts,
        dev_y=tiny_frame[list(model.taxonomy_.ids)].to_numpy(),
        calibration="none",
    )
    assert uncalibrated.card_["calibration"] == "none"
    np.testing.assert_allclose(uncalibrated.predict_proba(texts), raw)
    with pytest.raises(InputError, match="calibration 'isotonic' is unknown; expected one of: platt, none"):
        make_model("linear", taxonomy=model.taxonomy_).fit(texts, uncalibrated.predict(texts), calibration="isotonic")


# -- the shipped static embedding --------------------------------------------------


def test_basic_tokens_split_punctuation_strip_accents_and_drop_controls():
    assert basic_tokens("Don't!! Ça\u0301 va") == ["don", "'", "t", "!", "!", "ca", "va"]
    assert basic_tokens("and\x01control") == ["andcontrol"]
    assert basic_tokens("中文") == ["中", "文"]


def test_wordpiece_is_greedy_longest_match():
    wp = WordPiece(["[UNK]", "un", "unh", "##appy", "##hap", "##py", "happy"])
    assert wp.encode("unhappy") == [2, 3]
    assert wp.encode("happy unhappy") == [6, 2, 3]
    assert wp.encode("x" * 101) == [0]


def test_static_embedding_separates_related_from_unrelated_texts():
    emb = load_static_embedding()
    a, b, c = emb.encode(["I'm afraid he will reject me if I tell him", "I fear she would leave me if she knew",
                          "The quarterly tax report is due on Monday"])
    assert a @ b > a @ c + 0.1


def test_static_embedding_checksum_is_verified(tmp_path):
    from toolkit.models.static_embedding import default_embedding_path

    for name in ("vocab.txt", "vectors.npz", "config.json"):
        (tmp_path / name).write_bytes((default_embedding_path() / name).read_bytes())
    (tmp_path / "vocab.txt").write_text("tampered", encoding="utf-8")
    with pytest.raises(ModelError, match="does not match its recorded checksum"):
        read_static_embedding(tmp_path)


def test_minilm_encoder_names_its_extra(tiny_frame, taxonomy):
    pytest.importorskip("numpy")
    try:
        import sentence_transformers  # noqa: F401
    except ImportError:
        from toolkit.errors import MissingExtraError

        model = make_model("semantic", taxonomy=taxonomy, encoder="minilm")
        with pytest.raises(MissingExtraError, match=r"pip install 'barrier-toolkit\[transformer\]'"):
            model.fit(tiny_frame["text"], tiny_frame[list(taxonomy.ids)].to_numpy())
    else:
        pytest.skip("the transformer extra is installed")


@pytest.mark.parametrize("model_type", TRAINED_TYPES)
def test_payload_for_workers_rebuilds_the_same_model(model_type, tiny_fitted, tiny_frame):
    from toolkit.models import model_from_payload

    model = tiny_fitted[model_type]
    rebuilt = model_from_payload(model.to_payload())
    texts = tiny_frame["text"].tolist() + ["", "one more. And another!"]
    np.testing.assert_allclose(rebuilt.predict_proba(texts), model.predict_proba(texts), atol=1e-6)
    np.testing.assert_array_equal(rebuilt.predict(texts), model.predict(texts))
