"""A fine-tuned MiniLM encoder, shipped as ONNX and run with ONNX Runtime (no torch at inference).

The network (``model.onnx``: inputs ``input_ids`` and ``attention_mask``,
int64, shape (batch, sequence); output ``logits``, shape (batch, labels)) was
trained on sentences: the sentence that carries a label's evidence is a
positive. A text is scored sentence by sentence; a sentence longer than
``max_length`` tokens is cut into consecutive windows, and the text's score
aggregates its windows' scores. Tokenisation is the toolkit's own WordPiece
(:mod:`toolkit.models.wordpiece`) over the model's ``vocab.txt``.

Training needs torch and is a maintainer step (``make model-transformer``,
scripts/train_transformer.py); ``fit`` here explains that.
"""

from __future__ import annotations

import hashlib
import json
from numbers import Integral
from pathlib import Path

import numpy as np

from ..errors import MissingExtraError, ModelError
from ..persist import save_model_dir
from ..text import sentence_spans
from .base import BarrierModel
from .params import Interval, Options
from .registry import register_model_type
from .sentences import aggregate
from .wordpiece import WordPiece

ONNX_NAME = "model.onnx"
VOCAB_NAME = "vocab.txt"
NOTICE_NAME = "NOTICE"
REFERENCE_NAME = "reference_decisions.json"
TRANSFORMER_AGGREGATIONS = ("max", "noisy_or")
_SPECIAL = ("[CLS]", "[SEP]", "[PAD]", "[UNK]")


def _onnxruntime():
    try:
        import onnxruntime
    except ImportError:
        raise MissingExtraError("onnxruntime", "onnx", "the 'transformer' model type") from None
    return onnxruntime


def windows(ids: list[int], width: int) -> list[list[int]]:
    """Consecutive windows of at most *width* token ids (one empty window for no ids).

    >>> windows([1, 2, 3, 4, 5], 2)
    [[1, 2], [3, 4], [5]]
    """
    return [ids[i:i + width] for i in range(0, len(ids), width)] or [[]]


def _text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def reference_record(model: BarrierModel, texts: list[str], *, source: str) -> bytes:
    """JSON bytes recording *model*'s decisions and calibrated probabilities (3 decimals) on *texts*.

    Texts are keyed by a hash, not stored, so the record can ship inside a
    model directory; :func:`reference_agreement` compares another model with it.
    """
    texts = [str(t) for t in texts]
    probabilities = model.predict_proba(texts)
    decisions = probabilities >= model.thresholds_
    record = {
        "source": source,
        "model_id": model.model_id,
        "labels": list(model.taxonomy_.ids),
        "thresholds": [round(float(t), 4) for t in model.thresholds_],
        "texts": [_text_key(t) for t in texts],
        "decisions": ["".join("1" if d else "0" for d in row) for row in decisions],
        "probabilities": np.round(probabilities, 3).tolist(),
    }
    return json.dumps(record, separators=(",", ":")).encode("utf-8")


def reference_agreement(model: BarrierModel, texts: list[str], record: bytes) -> dict:
    """How far *model*'s decisions on *texts* agree with a :func:`reference_record`.

    Only texts the record holds are scored. Returns the rows compared, the
    record's rows, the share of label decisions that agree, the share of rows
    whose decisions all agree and the largest probability difference.
    """
    reference = json.loads(record)
    if reference["labels"] != list(model.taxonomy_.ids):
        raise ModelError(f"the reference record's labels {reference['labels']} differ from the model's "
                         f"{list(model.taxonomy_.ids)}; re-export the model with its reference")
    position = {key: i for i, key in enumerate(reference["texts"])}
    pairs = [(str(t), position[_text_key(str(t))]) for t in texts if _text_key(str(t)) in position]
    if not pairs:
        return {"rows": 0, "record_rows": len(position), "agreement": float("nan"), "rows_identical": float("nan"),
                "max_probability_difference": float("nan")}
    probabilities = model.predict_proba([t for t, _ in pairs])
    decisions = probabilities >= model.thresholds_
    expected = np.array([[c == "1" for c in reference["decisions"][i]] for _, i in pairs])
    expected_p = np.array([reference["probabilities"][i] for _, i in pairs])
    return {"rows": len(pairs), "record_rows": len(position),
            "agreement": float((decisions == expected).mean()),
            "rows_identical": float((decisions == expected).all(axis=1).mean()),
            "max_probability_difference": float(np.abs(probabilities - expected_p).max())}


@register_model_type
class TransformerModel(BarrierModel):
    """all-MiniLM-L6-v2 fine-tuned on evidence sentences, run from an ONNX file.

    Parameters
    ----------
    max_length : int
        Tokens per window, ``[CLS]`` and ``[SEP]`` included; longer sentences
        are split into several windows.
    aggregation : {"max", "noisy_or"}
        How window scores become the text's score.
    batch_size : int
        Windows per ONNX Runtime call.
    threads : int
        ONNX Runtime intra-op threads (0: its default, all cores).

    Examples
    --------
    >>> TransformerModel(max_length=64).get_params()["aggregation"]
    'max'
    """

    model_type = "transformer"
    capabilities = frozenset({"sentence_scores", "evidence"})
    _parameter_constraints = {"max_length": [Interval(Integral, 8, 512)],
                              "aggregation": [Options(TRANSFORMER_AGGREGATIONS)],
                              "batch_size": [Interval(Integral, 1, 4096)], "threads": [Interval(Integral, 0, 256)]}

    def __init__(self, taxonomy=None, *, max_length=64, aggregation="max", batch_size=64, threads=0):
        super().__init__(taxonomy)
        self.max_length = max_length
        self.aggregation = aggregation
        self.batch_size = batch_size
        self.threads = threads

    # -- the network ----------------------------------------------------
    def set_network(self, onnx_bytes: bytes, vocab: list[str], notice: str | None = None,
                    reference: bytes | None = None) -> TransformerModel:
        """Use the ONNX graph *onnx_bytes* with the WordPiece *vocab* (index = token id).

        *reference* (JSON bytes, optional) records another network's decisions
        on a labelled split, e.g. the fp32 model's for an int8 model, so a test
        can check agreement without that network (:func:`reference_record`).
        """
        missing = [token for token in _SPECIAL if token not in vocab]
        if missing:
            raise ModelError(f"the transformer vocabulary lacks {', '.join(missing)}; expected a BERT-style vocab.txt")
        self.taxonomy_ = self._taxonomy()
        self.onnx_ = bytes(onnx_bytes)
        self.vocab_ = list(vocab)
        self.notice_ = notice
        self.reference_ = None if reference is None else bytes(reference)
        self._session = None
        self._tokenizer = None
        return self

    def _runtime(self):
        if getattr(self, "_session", None) is None:
            ort = _onnxruntime()
            options = ort.SessionOptions()
            if self.threads:
                options.intra_op_num_threads = self.threads
            try:
                self._session = ort.InferenceSession(self.onnx_, sess_options=options,
                                                     providers=["CPUExecutionProvider"])
            except Exception as exc:  # onnxruntime raises its own exception types for invalid graphs
                raise ModelError(f"the transformer's {ONNX_NAME} cannot be loaded by ONNX Runtime ({exc}); retrain the "
                                 "model") from None
            names = sorted(i.name for i in self._session.get_inputs())
            if names != ["attention_mask", "input_ids"]:
                raise ModelError(f"the transformer's {ONNX_NAME} takes inputs {names}; expected attention_mask and "
                                 "input_ids")
            vocab = {token: i for i, token in enumerate(self.vocab_)}
            self._tokenizer = WordPiece(self.vocab_)
            self._cls, self._sep = vocab["[CLS]"], vocab["[SEP]"]
        return self._session

    def _run(self, units: list[list[int]]) -> np.ndarray:
        """Sigmoid scores of token-id windows (without special tokens), batched by length."""
        session = self._runtime()
        n_labels = len(self._taxonomy().ids)
        scores = np.zeros((len(units), n_labels))
        order = np.argsort([len(u) for u in units], kind="stable")
        for start in range(0, len(order), self.batch_size):
            batch = order[start:start + self.batch_size]
            width = max(len(units[i]) for i in batch) + 2
            input_ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                ids = [self._cls, *units[i], self._sep]
                input_ids[row, :len(ids)] = ids
                mask[row, :len(ids)] = 1
            (logits,) = session.run(["logits"], {"input_ids": input_ids, "attention_mask": mask})
            if logits.shape != (len(batch), n_labels):
                raise ModelError(f"the transformer's {ONNX_NAME} returned logits of shape {logits.shape}; "
                                 f"expected ({len(batch)}, {n_labels}) for labels {', '.join(self._taxonomy().ids)}")
            scores[batch] = 1.0 / (1.0 + np.exp(-logits.astype(np.float64)))
        return scores

    def _windows(self, texts: list[str]) -> tuple[list[list[int]], np.ndarray, list[list[tuple[str, int, int]]]]:
        """Token windows of every sentence of *texts*, the text each belongs to, and each text's sentences."""
        self._runtime()
        width = self.max_length - 2
        units, owners, sentences = [], [], []
        for i, text in enumerate(texts):
            spans = sentence_spans(text) or [(text, 0, len(text))]
            sentences.append(spans)
            for sentence, _, _ in spans:
                parts = windows(self._tokenizer.encode(sentence), width)
                units.extend(parts)
                owners.extend([i] * len(parts))
        return units, np.asarray(owners, dtype=np.int64), sentences

    # -- BarrierModel hooks ---------------------------------------------
    def _fit_scores(self, texts, y, sample_weight=None, evidence=None):
        raise ModelError("the 'transformer' model type is trained by the maintainer step `make model-transformer` "
                         "(scripts/train_transformer.py; it needs torch); load a trained model directory instead, "
                         "or train 'sentence_linear' or 'linear' with the toolkit")

    def _out_of_fold_scores(self, texts, y, sample_weight=None, evidence=None):
        return self._fit_scores(texts, y, sample_weight, evidence)

    def _scores(self, texts):
        if self.aggregation not in TRANSFORMER_AGGREGATIONS:
            raise ModelError("aggregation of a transformer model must be one of "
                             f"{', '.join(TRANSFORMER_AGGREGATIONS)}; got {self.aggregation!r}")
        if not texts:
            return np.zeros((0, len(self._taxonomy().ids)))
        units, owners, _ = self._windows(texts)
        return aggregate(self._run(units), owners, len(texts), self.aggregation)

    def sentence_scores(self, text: str) -> list[tuple[str, int, int, np.ndarray]]:
        """Each sentence of *text* with its offsets and its (uncalibrated) score per label."""
        self._check_fitted()
        units, owners, (sentences,) = self._windows([text])
        window_scores = self._run(units)
        # A sentence cut into several windows scores as its strongest window.
        per_sentence, k = [], 0
        for sentence, start, end in sentences:
            n = len(windows(self._tokenizer.encode(sentence), self.max_length - 2))
            per_sentence.append((sentence, start, end, window_scores[k:k + n].max(axis=0)))
            k += n
        return per_sentence

    def _make_card(self, **kwargs) -> dict:
        card = super()._make_card(**kwargs)
        card["library_versions"]["onnxruntime"] = _onnxruntime().__version__
        return card

    def _files(self) -> dict[str, bytes]:
        files = {ONNX_NAME: self.onnx_, VOCAB_NAME: ("\n".join(self.vocab_) + "\n").encode("utf-8")}
        if getattr(self, "notice_", None):
            files[NOTICE_NAME] = self.notice_.encode("utf-8")
        if getattr(self, "reference_", None):
            files[REFERENCE_NAME] = self.reference_
        return files

    def _arrays(self):
        if getattr(self, "onnx_", None) is None:
            raise ModelError("this transformer model has no network; call set_network() or load a model directory")
        # The files travel as byte arrays to worker processes and count in the model id.
        return {name: np.frombuffer(data, dtype=np.uint8) for name, data in self._files().items()}

    def _restore(self, arrays):
        notice, reference = arrays.pop(NOTICE_NAME, None), arrays.pop(REFERENCE_NAME, None)
        self.set_network(arrays.pop(ONNX_NAME).tobytes(), arrays.pop(VOCAB_NAME).tobytes().decode("utf-8").splitlines(),
                         notice=None if notice is None else notice.tobytes().decode("utf-8"),
                         reference=None if reference is None else reference.tobytes())

    def save(self, path):
        """Write a model directory: ``model.onnx``, ``vocab.txt`` and ``NOTICE`` as files, the rest as for
        every type."""
        card, arrays = self._state()
        files = {name: arrays.pop(name).tobytes() for name in self._files()}
        return save_model_dir(path, card, arrays, files=files)

    @classmethod
    def from_directory(cls, path, card, arrays):
        if ONNX_NAME not in arrays:  # loaded from disk: the checksummed files, not the worker payload
            for name in (ONNX_NAME, VOCAB_NAME, NOTICE_NAME, REFERENCE_NAME):
                if name in card.get("files", {}):
                    arrays[name] = np.frombuffer((Path(path) / name).read_bytes(), dtype=np.uint8)
            if ONNX_NAME not in arrays or VOCAB_NAME not in arrays:
                raise ModelError(f"transformer model '{path}' lists no {ONNX_NAME} or {VOCAB_NAME} in its card; "
                                 "retrain the model")
        return super().from_directory(path, card, arrays)
