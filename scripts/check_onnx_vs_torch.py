"""Maintainer check (not CI): the exported fp32 ONNX network gives the torch network's logits within 1e-4.

Needs the venv of `make model-transformer` (torch, onnxruntime) and its work
directory (trained.pt, model.fp32.onnx). Scores the first N sentences of the
test split, tokenised with the toolkit's WordPiece as at inference.

Usage:
  python scripts/check_onnx_vs_torch.py --work out/transformer -n 64
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import train_transformer as tt  # noqa: E402

from toolkit.models.sentences import sentence_units  # noqa: E402
from toolkit.models.wordpiece import WordPiece  # noqa: E402
from toolkit.taxonomy import load_taxonomy  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=tt.ROOT / "out/transformer")
    parser.add_argument("--texts", type=Path, default=tt.ROOT / "datasets/barriers/test.csv")
    parser.add_argument("-n", type=int, default=64, help="Sentences to compare.")
    parser.add_argument("--max-len", type=int, default=64)
    parser.add_argument("--tolerance", type=float, default=1e-4)
    args = parser.parse_args(argv)
    import onnxruntime
    import torch

    labels = list(load_taxonomy().ids)
    vocab_list = tt.read_vocab(tt.base_model_dir() / "vocab.txt")
    vocab = {piece: i for i, piece in enumerate(vocab_list)}
    sentences, _ = sentence_units(pd.read_csv(args.texts)["text"].astype(str).tolist())
    ids = tt.encode(WordPiece(vocab_list), vocab, sentences[:args.n], args.max_len)
    input_ids, mask = tt.pad(ids)
    network = tt.build_network(len(labels))
    network.load_state_dict(torch.load(args.work / "trained.pt", weights_only=True))
    network.eval()
    with torch.no_grad():
        expected = network(input_ids, mask).numpy()
    session = onnxruntime.InferenceSession(str(args.work / "model.fp32.onnx"), providers=["CPUExecutionProvider"])
    (got,) = session.run(["logits"], {"input_ids": input_ids.numpy(), "attention_mask": mask.numpy()})
    worst = float(np.abs(got - expected).max())
    print(f"{len(ids)} sentences (padded to {input_ids.shape[1]} tokens): "
          f"max |onnx - torch| logit difference {worst:.2e} "
          f"(tolerance {args.tolerance:.0e})")
    return 0 if worst <= args.tolerance else 1


if __name__ == "__main__":
    sys.exit(main())
