"""How much does anonymisation change the classifier's decisions?

Classifies datasets/barriers/{dev,test}.csv twice with the default model,
once as written and once after `toolkit.anonymize` (each row its own
document), and prints: rows anonymised, per-label agreement of the 0/1
decisions, the share of rows whose decisions all agree, and macro-F1 against
the gold labels for both versions.

Usage: python benchmarks/anonymize_agreement.py
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

import toolkit
from toolkit.anonymize import anonymize_texts
from toolkit.io import read_all
from toolkit.metrics import label_f1

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results"


def main() -> dict:
    model = toolkit.load_model()
    labels = list(model.taxonomy_.ids)
    out = {}
    for split in ("dev", "test"):
        frame = read_all(REPO / "datasets" / "barriers" / f"{split}.csv")
        texts = frame["text"].tolist()
        anonymised = anonymize_texts(texts)
        changed = sum(a != b for a, b in zip(texts, anonymised))
        original = model.predict(texts)
        after = model.predict(anonymised)
        gold = frame[labels].astype(int).to_numpy()
        per_label = {label: round(float((original[:, j] == after[:, j]).mean()), 4) for j, label in enumerate(labels)}
        out[split] = {
            "rows": len(texts), "rows_anonymised": changed,
            "rows_all_decisions_agree": round(float((original == after).all(axis=1).mean()), 4),
            "rows_all_decisions_agree_among_anonymised": round(float(
                (original == after).all(axis=1)[np.array([a != b for a, b in zip(texts, anonymised)])].mean()), 4)
            if changed else 1.0,
            "per_label_agreement": per_label,
            "macro_f1_original": label_f1(gold, original)["macro_f1"],
            "macro_f1_anonymised": label_f1(gold, after)["macro_f1"],
        }
        r = out[split]
        print(f"{split}: {r['rows']} rows, {changed} changed by anonymisation; decisions agree on "
              f"{r['rows_all_decisions_agree']:.2%} of rows ({r['rows_all_decisions_agree_among_anonymised']:.2%} of "
              f"changed rows); macro-F1 {r['macro_f1_original']:.4f} -> {r['macro_f1_anonymised']:.4f}")
        print("  per label: " + ", ".join(f"{k} {v:.4f}" for k, v in per_label.items()))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "anonymize_agreement.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    main()
