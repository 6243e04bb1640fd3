"""Agreement between the authors' labels and the blind second annotation pass.

Reads datasets/raw/*/part-*.jsonl (first labels) and
datasets/annotation/second_pass.jsonl (labels made from the codebook alone,
without seeing the first ones); compares the texts whose sha256 still matches
(texts revised after sampling are left out and counted); prints per-label
Cohen's kappa, Krippendorff's alpha, F1 and percent agreement (computed by
toolkit.annotate, as 'barriers annotate agreement' does), and writes
datasets/annotation/agreement.json.

The blind pass over the later slices (datasets/annotation/second_pass_2.jsonl,
every text of those slices) is compared the same way, per slice as well, into
datasets/annotation/agreement_2.json; the texts the two passes disagree on are
listed in datasets/annotation/disagreements_2.jsonl for adjudication.

Usage: python datasets/agreement.py [--pass 1|2]
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import pandas as pd
from build_barriers import iter_raw
from sklearn.metrics import f1_score

from toolkit.annotate.sheets import compare_annotators
from toolkit.taxonomy import load_taxonomy

HERE = Path(__file__).resolve().parent


PASSES = {1: ("second_pass.jsonl", "agreement.json"), 2: ("second_pass_2.jsonl", "agreement_2.json")}


def label_agreement(first: dict, matched: list[dict], taxonomy) -> dict:
    """Per-label kappa, alpha, F1 and percent agreement between the first labels and the second pass."""
    labels = taxonomy.ids
    sheets = [
        pd.DataFrame(
            [
                {"id": s["id"], "text": first[s["id"]]["text"], **{label: first[s["id"]][label] for label in labels}}
                for s in matched
            ]
        ),
        pd.DataFrame(
            [{"id": s["id"], "text": first[s["id"]]["text"], **{label: s[label] for label in labels}} for s in matched]
        ),
    ]
    report = compare_annotators(sheets, taxonomy, names=["first", "second"]).per_label.set_index("label")
    per_label = {}
    for label in labels:
        a = [first[s["id"]][label] for s in matched]
        b = [s[label] for s in matched]
        per_label[label] = {"cohen_kappa": round(float(report.loc[label, "cohen_kappa"]), 3),
                            "krippendorff_alpha": round(float(report.loc[label, "krippendorff_alpha"]), 3),
                            "f1": round(f1_score(a, b, zero_division=0), 3),
                            "percent_agreement": round(float(report.loc[label, "percent_agreement"]), 3),
                            "positives_first": sum(a), "positives_second": sum(b)}
    return per_label


def full_pass(first: dict, second: list[dict], taxonomy) -> None:
    """Agreement of the blind pass over every text of the later slices, overall and per slice."""
    labels = taxonomy.ids
    matched = [s for s in second if s["id"] in first
               and hashlib.sha256(first[s["id"]]["text"].strip().encode()).hexdigest() == s["text_sha256"]]
    result = {"labelled": len(second), "compared": len(matched), "revised_after_labelling": len(second) - len(matched),
              "per_label": label_agreement(first, matched, taxonomy), "per_slice": {}}
    slices = sorted({s["id"].rsplit("-", 2)[0] for s in matched})
    for name in slices:
        part = [s for s in matched if s["id"].startswith(name + "-")]
        result["per_slice"][name] = {"texts": len(part), "per_label": label_agreement(first, part, taxonomy)}
    disagreements = [{"id": s["id"], "first": {label: first[s["id"]][label] for label in labels},
                      "second": {label: s[label] for label in labels}}
                     for s in matched if any(first[s["id"]][label] != s[label] for label in labels)]
    result["texts_with_any_disagreement"] = len(disagreements)
    (HERE / "annotation" / "agreement_2.json").write_text(json.dumps(result, indent=2) + "\n")
    (HERE / "annotation" / "disagreements_2.jsonl").write_text("".join(json.dumps(d) + "\n" for d in disagreements))
    print(f"{len(matched)} texts compared; {len(disagreements)} with a disagreement")
    for label, stats in result["per_label"].items():
        print(f"  {label:<22} kappa {stats['cohen_kappa']:.3f}  F1 {stats['f1']:.3f}  "
              f"positives {stats['positives_first']} / {stats['positives_second']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pass", dest="which", type=int, choices=sorted(PASSES), default=1)
    args = parser.parse_args()
    taxonomy = load_taxonomy()
    labels = taxonomy.ids
    first = dict(iter_raw())
    if args.which == 2:
        second = [
            json.loads(line) for line in (HERE / "annotation" / PASSES[2][0]).read_text().splitlines() if line.strip()
        ]
        full_pass(first, second, taxonomy)
        return
    second = [json.loads(line) for line in (HERE / "annotation" / "second_pass.jsonl").read_text().splitlines()]
    matched = [s for s in second if s["id"] in first
               and hashlib.sha256(first[s["id"]]["text"].encode()).hexdigest() == s["text_sha256"]]
    result = {"sampled": len(second), "compared": len(matched), "revised_after_sampling": len(second) - len(matched),
              "per_label": {}}
    registers: dict[str, int] = {}
    for s in matched:
        registers[first[s["id"]]["register"]] = registers.get(first[s["id"]]["register"], 0) + 1
    result["registers"] = registers
    print(f"{len(matched)} of {len(second)} sampled texts compared "
          f"({result['revised_after_sampling']} revised after sampling)")
    result["per_label"] = label_agreement(first, matched, taxonomy)
    for label, stats in result["per_label"].items():
        print(f"  {label:<22} kappa {stats['cohen_kappa']:.3f}  alpha {stats['krippendorff_alpha']:.3f}  "
              f"F1 {stats['f1']:.3f}  agreement {stats['percent_agreement']:.3f}")
    result["texts_with_any_disagreement"] = sum(
        any(first[s["id"]][label] != s[label] for label in labels) for s in matched
    )
    (HERE / "annotation" / "agreement.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
