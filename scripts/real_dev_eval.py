"""Score models on the real-text development files (../shared/eval/) with the real-text metrics.

For each model (a model directory, `default`, or a variant trained here from a
spec) and each real dev file: micro-F1 over the four labels, macro3 (mean F1 of
fear_of_rejection, past_experiences and self_doubt), per-label F1 with TP/FP/FN,
and texts flagged against texts annotated. Exits 0 with a message when
../shared/eval is absent. Models trained here are throwaway and are trained on
the project's own data only; the real texts are only scored.

Usage:
  python scripts/real_dev_eval.py --model default --model out/models/x
  python scripts/real_dev_eval.py --model default --model fast --record   # figures into the shipped cards
  python scripts/real_dev_eval.py --train datasets/barriers/train.csv --dev datasets/barriers/calibration.csv \\
      --variant linear --variant sentence_linear:aggregation=max
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.figures import MACRO3_LABELS as MACRO3
from toolkit.figures import bootstrap_intervals, label_figures

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
REAL_FILES = ("counsel_chat_170.csv", "real_dev_274.csv")


def real_metrics(y_true: np.ndarray, y_pred: np.ndarray, labels) -> dict:
    """Micro-F1, macro3 and per-label counts for one real file (:func:`toolkit.figures.label_figures`)."""
    figures = label_figures(y_true, y_pred, labels)
    per_label = {label: {**counts, "f1": None if counts["f1"] != counts["f1"] else round(counts["f1"], 3)}
                 for label, counts in figures["labels"].items()}
    return {"micro_f1": round(figures["micro_f1"], 3), "macro3": round(figures["macro3"], 3), "labels": per_label}


def _predictions(model, eval_dir: Path):
    labels = list(model.taxonomy_.ids)
    for file in REAL_FILES:
        frame = pd.read_csv(eval_dir / file)
        y_true = frame[labels].to_numpy().astype(bool)
        yield file.removesuffix(".csv"), y_true, model.predict(frame["text"].astype(str).tolist()).astype(bool)


def evaluate_model(model, name: str, eval_dir: Path = EVAL) -> list[dict]:
    labels = list(model.taxonomy_.ids)
    return [{"model": name, "file": file, **real_metrics(y_true, y_pred, labels)}
            for file, y_true, y_pred in _predictions(model, eval_dir)]


def real_text_section(model, eval_dir: Path = EVAL, n_resamples: int = 1000, seed: int = 0) -> dict:
    """The card section ``real_text_metrics``: figures per real dev file with bootstrap 95 % intervals (counts only)."""
    labels = list(model.taxonomy_.ids)
    files = {}
    for file, y_true, y_pred in _predictions(model, eval_dir):
        figures = label_figures(y_true, y_pred, labels)
        ci = bootstrap_intervals(y_true, y_pred, labels, n_resamples=n_resamples, seed=seed)
        files[file] = {
            "texts": figures["texts"],
            "micro_f1": round(figures["micro_f1"], 4),
            "micro_f1_ci": _rounded(ci["micro_f1"]),
            "macro3": round(figures["macro3"], 4),
            "macro3_ci": _rounded(ci["macro3"]),
            "labels": {
                label: {
                    "f1": _rounded([c["f1"]])[0],
                    "f1_ci": _rounded(ci["labels"][label]),
                    "flagged": c["flagged"],
                    "annotated": c["annotated"],
                }
                for label, c in figures["labels"].items()
            },
        }
    return {"measured": dt.date.today().isoformat(), "bootstrap": n_resamples, "seed": seed, "files": files}


def _rounded(values) -> list:
    return [None if v != v else round(v, 4) for v in values]


def record(model_dir: Path, section: dict) -> None:
    """Write *section* into the card of *model_dir* (atomically); the model id does not depend on it."""
    card_path = model_dir / "model.json"
    card = json.loads(card_path.read_text(encoding="utf-8"))
    card["real_text_metrics"] = section
    partial = card_path.with_suffix(".json.partial")
    partial.write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    partial.replace(card_path)


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
    lines = [
        "| model | file | micro-F1 | macro3 | FoR F1 (flag/ann) | PE F1 (flag/ann) | SD F1 (flag/ann) | CI flag/ann |",
        "|---|---|---|---|---|---|---|---|",
    ]
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
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        help="TYPE[:param=value,...] trained on --train (repeatable), e.g. sentence_linear:aggregation=max",
    )
    parser.add_argument("--json", type=Path, help="Also write the rows as JSON here.")
    parser.add_argument("--record", action="store_true",
                        help="Write each --model's figures, with bootstrap 95%% intervals, into its model card "
                             "(section real_text_metrics, shown by 'barriers model info').")
    parser.add_argument("--eval-dir", type=Path, default=EVAL, help=f"Where the real dev files are (default {EVAL}).")
    args = parser.parse_args(argv)
    if not args.eval_dir.is_dir():
        print(f"skipped: {args.eval_dir} not found (the real dev files live beside the repository)")
        return 0
    from toolkit.models import load_model, resolve_model_path
    from toolkit.training import train

    rows = []
    for path in args.model:
        model = load_model(path)
        rows += evaluate_model(model, path, args.eval_dir)
        if args.record:
            record(resolve_model_path(path), real_text_section(model, args.eval_dir))
            print(f"recorded the real-text figures in {resolve_model_path(path) / 'model.json'}", file=sys.stderr)
    for spec in args.variant:
        if not args.train:
            parser.error("--variant needs --train")
        model_type, params = parse_variant(spec)
        start = time.perf_counter()
        model = train(args.train, dev=args.dev, model_type=model_type, **params)
        print(f"trained {spec} in {time.perf_counter() - start:.0f} s", file=sys.stderr)
        rows += evaluate_model(model, spec, args.eval_dir)
    print(format_rows(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
