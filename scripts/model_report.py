"""Train every model type on the training split and score it on dev, test and an external set.

Reproduces the model table in docs/models.md:

    make models-report            # or: python scripts/model_report.py --out out/models

Settings per type are the ones chosen on the dev split (docs/models.md). The
external set (default: ../shared/eval/counsel_chat_170.csv, sealed) is only
scored, never used for training or tuning; it is skipped when absent.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import toolkit
from toolkit.compare import model_size_bytes

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "datasets" / "barriers"
CONFIGS = {
    "lexicon": {},
    "linear": {},
    "semantic": {"C": 16.0, "aggregation": "mean_max"},
    "ensemble": {},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "out" / "models"))
    parser.add_argument("--external", default=str(ROOT.parent / "shared" / "eval" / "counsel_chat_170.csv"))
    parser.add_argument("--types", default=",".join(CONFIGS))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    sets = {"dev": DATA / "dev.csv", "test": DATA / "test.csv"}
    if Path(args.external).exists():
        sets["external"] = Path(args.external)
    rows = []
    for model_type in args.types.split(","):
        start = time.perf_counter()
        model = toolkit.train(DATA / "train.csv", dev=DATA / "dev.csv", model_type=model_type, **CONFIGS[model_type])
        fit_seconds = time.perf_counter() - start
        model.save(out / model_type)
        row = {"model_type": model_type, "params": CONFIGS[model_type], "fit_seconds": round(fit_seconds, 1),
               "size_mb": round(model_size_bytes(model) / 1e6, 2)}
        for name, path in sets.items():
            report = toolkit.evaluate(path, model, n_bootstrap=1000, seed=0)
            summary = report.overall
            row[name] = {key: round(summary[key], 3) for key in ("macro_f1", "micro_f1", "mean_brier", "mean_ece")}
            row[name]["per_label_f1"] = {r["label"]: round(r["f1"], 3) for r in report.per_label.to_dict("records")}
            row[name]["macro_f1_ci"] = [round(v, 3) for v in report.intervals["macro_f1"]]
        rows.append(row)
        print(json.dumps(row), flush=True)
    (out / "model_report.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(
        "\n| model | dev macro-F1 | test macro-F1 [95% CI] | test ECE | "
        + ("external macro-F1 [95% CI] | external micro-F1 | external per-label F1 |" if "external" in sets else "")
    )
    for row in rows:
        line = (f"| {row['model_type']} | {row['dev']['macro_f1']:.3f} | {row['test']['macro_f1']:.3f} "
                f"{row['test']['macro_f1_ci']} | {row['test']['mean_ece']:.3f} |")
        if "external" in row:
            ext = row["external"]
            line += (f" {ext['macro_f1']:.3f} {ext['macro_f1_ci']} | {ext['micro_f1']:.3f} | "
                     f"{' / '.join(f'{v:.2f}' for v in ext['per_label_f1'].values())} |")
        print(line)


if __name__ == "__main__":
    main()
