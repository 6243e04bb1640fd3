"""The `transformer` model type: an ONNX network run with ONNX Runtime and the toolkit's WordPiece.

A tiny graph built here with onnx.helper stands in for the fine-tuned MiniLM:
it has the same inputs and output (input_ids, attention_mask -> logits) and
adds up one learnt row per real token, so its decisions are known in advance.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit.errors import MissingExtraError, ModelError
from toolkit.models import MODEL_TYPES, load_model, make_model, model_from_payload
from toolkit.models.transformer import TransformerModel, reference_agreement, reference_record, windows
from toolkit.taxonomy import load_taxonomy

onnx = pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")

ROOT = Path(__file__).resolve().parents[2]
VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "scared", "judge", "me", "lunch", "was", "fine", ".", "i", "failed",
         "again", "useless", "family", "would", "disown", "they", "am"]
# Token -> label it pushes up (fear_of_rejection, past_experiences, self_doubt, cultural_influences).
PUSHES = {"scared": 0, "judge": 0, "failed": 1, "again": 1, "useless": 2, "family": 3, "disown": 3}


def tiny_onnx(n_labels: int = 4, bias: float = -3.0) -> bytes:
    """logits = bias + sum over real tokens of W[token]; W gives +4 to the label each word of PUSHES pushes."""
    from onnx import TensorProto, helper, numpy_helper

    weights = np.zeros((len(VOCAB), n_labels), dtype=np.float32)
    for token, label in PUSHES.items():
        if label < n_labels:
            weights[VOCAB.index(token), label] = 4.0
    nodes = [
        helper.make_node("Gather", ["W", "input_ids"], ["rows"], axis=0),
        helper.make_node("Cast", ["attention_mask"], ["maskf"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["maskf", "axis_last"], ["mask3"]),
        helper.make_node("Mul", ["rows", "mask3"], ["masked"]),
        helper.make_node("ReduceSum", ["masked", "axis_seq"], ["summed"], keepdims=0),
        helper.make_node("Add", ["summed", "b"], ["logits"]),
    ]
    graph = helper.make_graph(
        nodes,
        "tiny",
        [
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "sequence"]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "sequence"]),
        ],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", n_labels])],
        initializer=[
            numpy_helper.from_array(weights, "W"),
            numpy_helper.from_array(np.full(n_labels, bias, np.float32), "b"),
            numpy_helper.from_array(np.array([-1], np.int64), "axis_last"),
            numpy_helper.from_array(np.array([1], np.int64), "axis_seq"),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model.SerializeToString()


def tiny_model(**params) -> TransformerModel:
    taxonomy = load_taxonomy()
    model = TransformerModel(taxonomy=taxonomy, **params).set_network(tiny_onnx(), VOCAB, notice="tiny test network")
    texts = [
        "Lunch was fine.",
        "I am scared they judge me.",
        "I failed again.",
        "I am useless.",
        "Family would disown me.",
        "Lunch was fine. I failed again.",
        "Lunch was fine.",
        "I am scared.",
        "Lunch was fine. I am useless.",
        "They would disown me. Family.",
    ]
    y = np.array([[0, 0, 0, 0], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [0, 1, 0, 0], [0, 0, 0, 0],
                  [1, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]])
    model._tune(y, model._scores(texts), "test", calibration="none")
    model.card_ = model._make_card(training_data={"fingerprint": "tiny", "source": "test", "rows": len(texts)},
                                   tuned_on="test", metrics={})
    return model


def test_registered_and_fit_names_the_maintainer_step():
    assert MODEL_TYPES["transformer"] is TransformerModel
    model = make_model("transformer", max_length=32)
    with pytest.raises(ModelError, match="make model-transformer"):
        model.fit(["a", "b", "c", "d"], np.array([[1, 1, 1, 1], [1, 1, 1, 1], [0, 0, 0, 0], [0, 0, 0, 0]]))


def test_windows_split_long_sentences():
    assert windows(list(range(5)), 2) == [[0, 1], [2, 3], [4]]
    assert windows([], 4) == [[]]


def test_scores_take_the_strongest_sentence():
    model = tiny_model()
    scores = model.predict_proba(["Lunch was fine.", "Lunch was fine. I am scared they judge me."])
    assert scores[0].max() < 0.1
    # "scared" and "judge" each add 4 to fear: sigmoid(-3 + 8), the lunch sentence does not dilute it.
    assert scores[1, 0] == pytest.approx(1 / (1 + np.exp(-5)), abs=1e-6)
    assert model.predict(["Lunch was fine. I am scared they judge me."]).tolist() == [[1, 0, 0, 0]]


def test_noisy_or_combines_sentences():
    model = tiny_model(aggregation="noisy_or")
    one = model._scores(["I failed."])[0, 1]
    two = model._scores(["I failed. I failed."])[0, 1]
    assert two == pytest.approx(1 - (1 - one) ** 2)


def test_long_sentence_is_scored_in_windows():
    model = tiny_model(max_length=4)  # two real tokens per window
    # "fine fine scared judge": windows [fine fine] [scared judge]; the second carries both fear words.
    assert model._scores(["fine fine scared judge"])[0, 0] == pytest.approx(1 / (1 + np.exp(-5)), abs=1e-6)
    # Under the max, a window holding one fear word scores lower than one holding two.
    assert model._scores(["fine scared judge fine"])[0, 0] == pytest.approx(1 / (1 + np.exp(-1)), abs=1e-6)


def test_sentence_scores_show_the_evidence_sentence():
    model = tiny_model()
    text = "Lunch was fine. I am useless."
    sentences = model.sentence_scores(text)
    assert [(s, text[a:b]) for s, a, b, _ in sentences] == [
        ("Lunch was fine.", "Lunch was fine."),
        ("I am useless.", "I am useless."),
    ]
    assert sentences[1][3][2] > 0.5 > sentences[0][3][2]


def test_round_trip_keeps_files_scores_and_id(tmp_path):
    model = tiny_model()
    path = model.save(tmp_path / "tf")
    assert {p.name for p in path.iterdir()} == {"model.json", "arrays.npz", "model.onnx", "vocab.txt", "NOTICE"}
    card = json.loads((path / "model.json").read_text())
    assert set(card["files"]) == {"arrays.npz", "model.onnx", "vocab.txt", "NOTICE"}
    assert card["model_type"] == "transformer" and card["library_versions"]["onnxruntime"]
    loaded = load_model(path)
    texts = ["Family would disown me.", "Lunch was fine.", "I failed again. I am useless."]
    np.testing.assert_allclose(loaded.predict_proba(texts), model.predict_proba(texts))
    assert loaded.model_id == model.model_id == card["model_id"]
    assert (path / "NOTICE").read_text() == "tiny test network"
    worker = model_from_payload(model.to_payload())
    np.testing.assert_allclose(worker.predict_proba(texts), model.predict_proba(texts))


def test_tampered_onnx_is_refused(tmp_path):
    path = tiny_model().save(tmp_path / "tf")
    data = bytearray((path / "model.onnx").read_bytes())
    data[-1] ^= 1
    (path / "model.onnx").write_bytes(bytes(data))
    with pytest.raises(ModelError, match="checksum"):
        load_model(path)


def test_wrong_output_shape_is_a_clear_error():
    model = TransformerModel(taxonomy=load_taxonomy()).set_network(tiny_onnx(n_labels=3), VOCAB)
    with pytest.raises(ModelError, match="logits of shape"):
        model._scores(["I am scared."])


def test_missing_onnxruntime_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    model = TransformerModel(taxonomy=load_taxonomy()).set_network(tiny_onnx(), VOCAB)
    with pytest.raises(MissingExtraError, match=r"barrier-toolkit\[onnx\]"):
        model._scores(["I am scared."])


def test_classify_through_api_and_cli(tmp_path):
    from toolkit.classification import classify

    path = tiny_model().save(tmp_path / "tf")
    frame = pd.DataFrame({"text": ["Lunch was fine.", "Lunch was fine. Family would disown me."]})
    result = classify(frame, model=path)
    flags = result[[c for c in result.columns if c.endswith("cultural_influences")]].iloc[:, 0].tolist()
    assert flags[0] in (0, False) and flags[1] in (1, True)
    source = tmp_path / "in.csv"
    frame.to_csv(source, index=False)
    out = tmp_path / "out.csv"
    run = subprocess.run(
        [sys.executable, "-m", "toolkit", "classify", str(source), "--model", str(path), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    written = pd.read_csv(out)
    assert len(written) == 2


def test_reference_record_round_trips_and_measures_agreement(tmp_path):
    model = tiny_model()
    texts = ["Lunch was fine.", "I am scared they judge me.", "I failed again.", "Family would disown me."]
    record = reference_record(model, texts, source="test")
    assert b"Lunch" not in record  # texts are keyed by a hash, never stored
    same = reference_agreement(model, [*texts, "A text the record lacks."], record)
    assert same["rows"] == 4 and same["record_rows"] == 4
    assert same["agreement"] == 1.0 and same["max_probability_difference"] <= 0.0005
    # A network whose bias is 4 higher flags every label of every text: the decisions it shares are the positives.
    louder = TransformerModel(taxonomy=load_taxonomy()).set_network(tiny_onnx(bias=1.0), VOCAB)
    louder.calibration_, louder.thresholds_ = model.calibration_, model.thresholds_
    louder.card_ = model.card_
    expected = model.predict(texts)
    assert reference_agreement(louder, texts, record)["agreement"] == pytest.approx(
        (louder.predict(texts) == expected).mean())
    assert reference_agreement(louder, texts, record)["agreement"] < 1.0
    model.set_network(model.onnx_, model.vocab_, notice="tiny test network", reference=record)
    path = model.save(tmp_path / "tf")
    assert "reference_decisions.json" in json.loads((path / "model.json").read_text())["files"]
    assert load_model(path).reference_ == record
    assert model_from_payload(model.to_payload()).reference_ == record


def test_shipped_transformer_agrees_with_its_fp32_record():
    """CI check of the shipped (int8) network against the fp32 network's recorded test-split decisions.

    The fp32 model is a 90 MB maintainer artefact; at export its decisions on
    the test split are recorded inside the shipped model directory
    (scripts/train_transformer.py), so this needs only the shipped model.
    """
    shipped = ROOT / "toolkit" / "data" / "transformer_model"
    if not (shipped / "model.json").is_file():
        pytest.skip(f"no transformer model is shipped ({shipped} is absent): nothing to check")
    model = load_model(shipped)
    assert model.reference_, (f"{shipped} carries no reference_decisions.json; rebuild it with make model-transformer, "
                              "which records the fp32 model's decisions")
    texts = pd.read_csv(ROOT / "datasets" / "barriers" / "test.csv")["text"].astype(str).tolist()
    result = reference_agreement(model, texts, model.reference_)
    assert result["rows"] >= 0.9 * result["record_rows"], (
        f"only {result['rows']} of the {result['record_rows']} recorded texts are still in the test split; "
        "re-export the transformer model (make model-transformer) so its record matches the split")
    assert result["agreement"] >= 0.99, result


def test_explain_shows_the_evidence_sentence_first():
    from toolkit.explanation import explain

    explanation = explain("Lunch was fine. I am useless.", tiny_model())
    item = explanation["self_doubt"]
    assert item.positive and item.sentences[0].text == "I am useless."
