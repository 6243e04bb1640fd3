"""Agreement between the authors' labels and the blind second annotation pass.

Reads datasets/raw/*/part-*.jsonl (first labels) and
datasets/annotation/second_pass.jsonl (labels made from the codebook alone,
without seeing the first ones); compares the texts whose sha256 still matches
(texts revised after sampling are left out and counted); prints per-label
Cohen's kappa, F1 and percent agreement, and writes
datasets/annotation/agreement.json.

Usage: python datasets/agreement.py
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from build_barriers import iter_raw
from sklearn.metrics import cohen_kappa_score, f1_score

from toolkit.taxonomy import load_taxonomy

HERE = Path(__file__).resolve().parent


def main() -> None:
    labels = load_taxonomy().ids
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
    for label in labels:
        a = [first[s["id"]][label] for s in matched]
        b = [s[label] for s in matched]
        stats = {"cohen_kappa": round(cohen_kappa_score(a, b), 3), "f1": round(f1_score(a, b), 3),
                 "percent_agreement": round(sum(x == y for x, y in zip(a, b)) / len(a), 3),
                 "positives_first": sum(a), "positives_second": sum(b)}
        result["per_label"][label] = stats
        print(f"  {label:<22} kappa {stats['cohen_kappa']:.3f}  F1 {stats['f1']:.3f}  agreement {stats['percent_agreement']:.3f}")
    result["texts_with_any_disagreement"] = sum(any(first[s["id"]][label] != s[label] for label in labels) for s in matched)
    (HERE / "annotation" / "agreement.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
