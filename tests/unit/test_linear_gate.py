"""The disclosure gate of the linear model (``gate=document|sentence``)."""

import numpy as np
import pandas as pd
import pytest

from toolkit.errors import InputError, ModelError
from toolkit.evidence import format_evidence
from toolkit.metrics import sigmoid
from toolkit.models import load_model, make_model
from toolkit.persist import load_model_dir, save_model_dir
from toolkit.taxonomy import taxonomy_from_dict
from toolkit.training import train

TAX = taxonomy_from_dict({"labels": [{"id": "fear", "name": "Fear", "definition": "d"},
                                     {"id": "past", "name": "Past", "definition": "d"}]})

DISTRESS = "I cry every night and feel awful."
FEAR = "What if he laughs at me when I tell him?"
PAST = "My ex mocked me when I opened up so I stay quiet."
CALM = ("The weather was nice.", "We bought apples.", "The bus was late.", "Dinner was pasta.")


def distress_corpus():
    """Fear and past texts and calm texts; distress opens every past text and occurs nowhere else.

    A document model learns distress words as cues of past experiences; the
    sentence gate learns from the spans that the distress sentence carries
    no barrier.
    """
    texts, y, evidence = [], [], []
    for i in range(8):
        for opening, barrier, row, label in ((CALM[i % 4], FEAR, [1, 0], "fear"), (DISTRESS, PAST, [0, 1], "past")):
            text = f"{opening} {barrier}"
            texts.append(text)
            y.append(row)
            evidence.append({label: [(len(opening) + 1, len(text))]})
        texts.append(f"{CALM[i % 4]} {CALM[(i + 1) % 4]}")
        y.append([0, 0])
        evidence.append({})
    return texts, np.array(y), evidence


def fitted(gate, **params):
    texts, y, evidence = distress_corpus()
    return make_model("linear", taxonomy=TAX, gate=gate, n_features=4096, **params).fit(
        texts, y, evidence=evidence, dev_texts=texts, dev_y=y)


def test_gate_none_scores_are_the_plain_linear_formula_and_its_card_is_unchanged():
    model = fitted("none")
    texts = [DISTRESS, FEAR, CALM[0]]
    # What _scores computed before the gate existed: sparse features times the transposed heads.
    expected = sigmoid(model.transform(texts) @ np.ascontiguousarray(model.coef_.T) + model.intercept_)
    np.testing.assert_array_equal(model._scores(texts), expected)
    assert "gate" not in model.card_["hyperparameters"]
    assert "gate_coef" not in model._arrays()
    assert model.supports("fine_tune") and model.supports("term_contributions") and not model.supports("evidence")


@pytest.mark.parametrize("gate", ["document", "sentence"])
def test_the_gate_multiplies_the_ungated_label_scores(gate):
    plain, gated = fitted("none"), fitted(gate)
    # The label heads are the same fit; only the gate is added.
    np.testing.assert_array_equal(gated.coef_, plain.coef_)
    texts = [DISTRESS, FEAR, f"{CALM[0]} {PAST}", CALM[1]]
    gate_scores = gated._gate_scores(texts)
    assert ((gate_scores > 0) & (gate_scores < 1)).all()
    np.testing.assert_allclose(gated._scores(texts), plain._scores(texts) * gate_scores[:, None])


def test_the_sentence_gate_stops_distress_alone_from_being_flagged():
    plain, gated = fitted("none"), fitted("sentence")
    probe = [f"{DISTRESS} {CALM[0]}", f"{CALM[2]} {FEAR}"]
    assert plain.predict(probe)[0].tolist() == [0, 1]   # the document model reads distress as past experiences
    assert gated.predict(probe).tolist() == [[0, 0], [1, 0]]
    gate = gated._gate_scores(probe)
    assert gate[0] < 0.5 < gate[1]


@pytest.mark.parametrize("gate", ["document", "sentence"])
def test_round_trip_keeps_scores_and_id(tmp_path, gate):
    model = fitted(gate)
    model.save(tmp_path / "m")
    loaded = load_model(tmp_path / "m")
    texts, _, _ = distress_corpus()
    np.testing.assert_array_equal(loaded.predict_proba(texts), model.predict_proba(texts))
    assert loaded.gate == gate and loaded.model_id == model.model_id
    assert loaded.supports("evidence") is (gate == "sentence") and not loaded.supports("fine_tune")


def test_a_gated_model_without_its_gate_arrays_is_refused(tmp_path):
    fitted("document").save(tmp_path / "m")
    card, arrays = load_model_dir(tmp_path / "m")
    del arrays["gate_coef"]
    save_model_dir(tmp_path / "broken", card, arrays)
    with pytest.raises(ModelError, match="incomplete or malformed"):
        load_model(tmp_path / "broken")


def test_thresholds_from_out_of_fold_scores_use_an_out_of_fold_gate():
    texts, y, evidence = distress_corpus()
    model = make_model("linear", taxonomy=TAX, gate="sentence", n_features=4096).fit(texts, y, evidence=evidence)
    assert model.card_["thresholds_tuned_on"] == "out-of-fold train"
    assert model.predict([f"{CALM[3]} {FEAR}", CALM[3]]).tolist() == [[1, 0], [0, 0]]


def test_train_passes_the_evidence_column_to_the_sentence_gate():
    texts, y, evidence = distress_corpus()
    frame = pd.DataFrame({"text": texts, "fear": y[:, 0], "past": y[:, 1],
                          "evidence": [format_evidence(e) for e in evidence]})
    model = train(frame, dev=frame, model_type="linear", taxonomy=TAX, gate="sentence", n_features=4096)
    assert model.predict([f"{DISTRESS} {CALM[0]}"]).tolist() == [[0, 0]]


def test_bad_gate_settings_are_clear_errors():
    texts, y, evidence = distress_corpus()
    with pytest.raises(InputError, match="gate must be one of none, document, sentence, got both"):
        make_model("linear", taxonomy=TAX, gate="both").fit(texts, y)
    with pytest.raises(InputError, match="gate=sentence learns from evidence spans, but the training data have none"):
        make_model("linear", taxonomy=TAX, gate="sentence").fit(texts, y, dev_texts=texts, dev_y=y)
    with pytest.raises(InputError, match="cannot be combined with turns=seeker"):
        make_model("linear", taxonomy=TAX, gate="sentence", turns="seeker").fit(
            texts, y, evidence=evidence, dev_texts=texts, dev_y=y)
    with pytest.raises(InputError, match="cannot be fine-tuned"):
        fitted("document").fine_tuned(texts, y)
