"""Agreement between the authors' labels and the blind second annotation pass.

Reads datasets/raw/*/part-*.jsonl (first labels) and
datasets/annotation/second_pass.jsonl (labels made from the codebook alone,
without seeing the first ones); compares the texts whose sha256 still matches
(texts revised after sampling are left out and counted); prints per-label
Cohen's kappa, Krippendorff's alpha, F1 and percent agreement (computed by
toolkit.annotate, as 'barriers annotate agreement' does), and writes
datasets/annotation/agreement.json.

Usage: python datasets/agreement.py
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
from build_barriers import iter_raw
from sklearn.metrics import f1_score

from toolkit.annotate.sheets import compare_annotators
from toolkit.taxonomy import load_taxonomy

HERE = Path(__file__).resolve().parent


def main() -> None:
    taxonomy = load_taxonomy()
    labels = taxonomy.ids
    first = dict(iter_raw())
    second = [json.loads(line) for line in (HERE / "annotation" / "second_pass.jsonl").read_text().splitlines()]
    matched = [s for s in second if s["id"] in first
               and hashlib.sha256(first[s["id"]]["text"].encode()).hexdigest() == s["text_sha256"]]
    result = {"sampled": len(second), "compared": len(matched), "revised_after_sampling": len(second) - len(matched),
              "per_label": {}}
    registers: dict[str, int] = {}
    for s in matched:
        registers[first[s["id"]]["register"]] = registers.get(first[s["id"]]["register"], 0) + 1
    result["registers"] = registers
    print(f"{len(matched)} of {len(second)} sampled texts compared ({result['revised_after_sampling']} revised after sampling)")
    sheets = [pd.DataFrame([{"id": s["id"], "text": first[s["id"]]["text"], **{label: first[s["id"]][label] for label in labels}}
                            for s in matched]),
              pd.DataFrame([{"id": s["id"], "text": first[s["id"]]["text"], **{label: s[label] for label in labels}}
                            for s in matched])]
    report = compare_annotators(sheets, taxonomy, names=["first", "second"]).per_label.set_index("label")
    for label in labels:
        a = [first[s["id"]][label] for s in matched]
        b = [s[label] for s in matched]
        stats = {"cohen_kappa": round(float(report.loc[label, "cohen_kappa"]), 3),
                 "krippendorff_alpha": round(float(report.loc[label, "krippendorff_alpha"]), 3),
                 "f1": round(f1_score(a, b), 3),
                 "percent_agreement": round(float(report.loc[label, "percent_agreement"]), 3),
                 "positives_first": sum(a), "positives_second": sum(b)}
        result["per_label"][label] = stats
        print(f"  {label:<22} kappa {stats['cohen_kappa']:.3f}  alpha {stats['krippendorff_alpha']:.3f}  "
              f"F1 {stats['f1']:.3f}  agreement {stats['percent_agreement']:.3f}")
    result["texts_with_any_disagreement"] = sum(any(first[s["id"]][label] != s[label] for label in labels) for s in matched)
    (HERE / "annotation" / "agreement.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
