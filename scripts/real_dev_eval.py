"""Score models on the real-text development files (../shared/eval/) with the real-text metrics.

For each model (a model directory, `default`, or a variant trained here from a
spec) and each real dev file: micro-F1 over the four labels, macro3 (mean F1 of
fear_of_rejection, past_experiences and self_doubt), per-label F1 with TP/FP/FN,
and texts flagged against texts annotated. Exits 0 with a message when
../shared/eval is absent. Models trained here are throwaway and are trained on
the project's own data only; the real texts are only scored.

Usage:
  python scripts/real_dev_eval.py --model default --model out/models/x
  python scripts/real_dev_eval.py --train datasets/barriers/train.csv --dev datasets/barriers/calibration.csv \\
      --variant linear --variant sentence_linear:aggregation=max
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.figures import MACRO3_LABELS as MACRO3
from toolkit.figures import label_figures

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
REAL_FILES = ("counsel_chat_170.csv", "real_dev_274.csv")


def real_metrics(y_true: np.ndarray, y_pred: np.ndarray, labels) -> dict:
    """Micro-F1, macro3 and per-label counts for one real file (:func:`toolkit.figures.label_figures`)."""
    figures = label_figures(y_true, y_pred, labels)
    per_label = {label: {**counts, "f1": None if counts["annotated"] + counts["flagged"] == 0 else round(counts["f1"], 3)}
                 for label, counts in figures["labels"].items()}
    return {"micro_f1": round(figures["micro_f1"], 3), "macro3": round(figures["macro3"], 3), "labels": per_label}


def evaluate_model(model, name: str) -> list[dict]:
    labels = list(model.taxonomy_.ids)
    rows = []
    for file in REAL_FILES:
        frame = pd.read_csv(EVAL / file)
        y_true = frame[labels].to_numpy().astype(bool)
        y_pred = model.predict(frame["text"].astype(str).tolist()).astype(bool)
        rows.append({"model": name, "file": file.removesuffix(".csv"), **real_metrics(y_true, y_pred, labels)})
    return rows


def parse_variant(spec: str) -> tuple[str, dict]:
    model_type, _, rest = spec.partition(":")
    params = {}
    for item in filter(None, rest.split(",")):
        key, _, value = item.partition("=")
        try:
            params[key] = json.loads(value)
        except json.JSONDecodeError:
            params[key] = value
    return model_type, params


def format_rows(rows: list[dict]) -> str:
    lines = ["| model | file | micro-F1 | macro3 | FoR F1 (flag/ann) | PE F1 (flag/ann) | SD F1 (flag/ann) | CI flag/ann |",
             "|---|---|---|---|---|---|---|---|"]
    for row in rows:
        cells = []
        for label in MACRO3:
            m = row["labels"][label]
            cells.append(f"{'n/a' if m['f1'] is None else format(m['f1'], '.2f')} ({m['flagged']}/{m['annotated']})")
        ci = row["labels"]["cultural_influences"]
        lines.append(f"| {row['model']} | {row['file']} | {row['micro_f1']:.3f} | {row['macro3']:.3f} | "
                     + " | ".join(cells) + f" | {ci['flagged']}/{ci['annotated']} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", action="append", default=[],
                        help="Model directory or shipped model name, e.g. 'default', 'fast' (repeatable).")
    parser.add_argument("--train", help="Training file for --variant models.")
    parser.add_argument("--dev", help="File to tune thresholds and calibration on for --variant models.")
    parser.add_argument("--variant", action="append", default=[],
                        help="TYPE[:param=value,...] trained on --train (repeatable), e.g. sentence_linear:aggregation=max")
    parser.add_argument("--json", type=Path, help="Also write the rows as JSON here.")
    args = parser.parse_args(argv)
    if not EVAL.is_dir():
        print(f"skipped: {EVAL} not found (the real dev files live beside the repository)")
        return 0
    from toolkit.models import load_model
    from toolkit.train import train

    rows = []
    for path in args.model:
        rows += evaluate_model(load_model(path), path)
    for spec in args.variant:
        if not args.train:
            parser.error("--variant needs --train")
        model_type, params = parse_variant(spec)
        start = time.perf_counter()
        model = train(args.train, dev=args.dev, model_type=model_type, **params)
        print(f"trained {spec} in {time.perf_counter() - start:.0f} s", file=sys.stderr)
        rows += evaluate_model(model, spec)
    print(format_rows(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
