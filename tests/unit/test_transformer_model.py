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
from toolkit.models.transformer import TransformerModel, windows
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


@pytest.mark.slow
def test_int8_and_fp32_decisions_agree_on_the_test_split():
    """Only where a maintainer has built both directories (make model-transformer): see docs/models.md."""
    fp32 = ROOT / "out" / "transformer" / "model-fp32"
    shipped = ROOT / "toolkit" / "data" / "transformer_model"
    int8 = shipped if shipped.is_dir() else ROOT / "out" / "transformer" / "model-int8"
    if not (fp32 / "model.json").is_file() or not (int8 / "model.json").is_file():
        pytest.skip(
            f"needs the fp32 and int8 transformer models ({fp32}, {int8}); build them with make model-transformer"
        )
    test = pd.read_csv(ROOT / "datasets" / "barriers" / "test.csv")
    texts = test["text"].astype(str).tolist()
    a, b = load_model(fp32).predict(texts), load_model(int8).predict(texts)
    assert (a == b).mean() >= 0.99


def test_explain_shows_the_evidence_sentence_first():
    from toolkit.explanation import explain

    explanation = explain("Lunch was fine. I am useless.", tiny_model())
    item = explanation["self_doubt"]
    assert item.positive and item.sentences[0].text == "I am useless."
