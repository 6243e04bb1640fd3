"""What `barriers train --base` buys on real text: cross-fitting on the real development files.

For each real file in ../shared/eval/ (counsel_chat_170.csv, real_dev_274.csv)
and for the two pooled: split the texts into two halves (stratified on "has
any label"), adapt the model to n labelled texts drawn from one half
(n = 50, 100, 200 where the half holds that many; the draw is stratified on
"has any label" too), score the other half, swap the halves, and repeat over
--seeds seeds. The unadapted model is scored on the same halves. Every adapted
model is a throwaway measurement artefact: it lives in memory only (nothing is
written, let alone committed); the real texts never leave this process.

Reported per file, n and adaptation method, as mean and 95 % t-interval over
the seeds x folds runs: micro-F1 over the four labels, macro3 (mean F1 of
fear_of_rejection, past_experiences and self_doubt), their paired difference
to the unadapted model, and per label the texts flagged against the texts
annotated (means per evaluated half). The runs share texts (the halves of
different seeds overlap), so the intervals describe the variation over splits
and samples, not over new corpora: read them as a lower bound on the
uncertainty.

Skips (exit 0) when ../shared/eval/ is absent. Usage, from the repository root:

    python benchmarks/adaptation_real.py [--quick] [--model DIR] [--base-data FILE]
        [--methods model,calibration,fine-tune] [--files pooled] [--sizes 200] [--seeds 5]
        [--first-seed 0] [--jobs 2] [--eval-dir DIR] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO.parent / "shared" / "eval"
FILES = {"counsel_chat_170": ["counsel_chat_170.csv"], "real_dev_274": ["real_dev_274.csv"],
         "pooled": ["counsel_chat_170.csv", "real_dev_274.csv"]}
SIZES = (50, 100, 200)
MACRO3 = ("fear_of_rejection", "past_experiences", "self_doubt")
# Adaptation methods: keyword arguments of toolkit.adapt (the CLI options of `barriers train --base` they stand for
# are in docs/adaptation.md). "model" is the shipped method; the others are the variants tried.
METHODS = {
    "model": {},
    "calibration": {"scope": "calibration"},
    "base-weight-0.05": {"base_weight": 0.05},
    "fine-tune": {"scope": "fine-tune"},
    "fine-tune-C0.25": {"scope": "fine-tune", "fine_tune_c": 0.25},
    "fine-tune-C4": {"scope": "fine-tune", "fine_tune_c": 4.0},
    "fine-tune-C16": {"scope": "fine-tune", "fine_tune_c": 16.0},
}

_WORKER: dict = {}


def _init_worker(model_path: str | None, base_data: str | None) -> None:
    import toolkit
    from toolkit.adaptation import BUNDLED_BASE_DATA

    _WORKER["model"] = toolkit.load_model(model_path)
    _WORKER["base_data"] = pd.read_csv(base_data or BUNDLED_BASE_DATA)


def load_file(directory: Path, name: str, labels: list[str]) -> pd.DataFrame:
    frames = [pd.read_csv(directory / f)[["text", *labels]] for f in FILES[name]]
    return pd.concat(frames, ignore_index=True)


def halves(frame: pd.DataFrame, seed: int) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.model_selection import train_test_split

    strata = frame.drop(columns="text").to_numpy().any(axis=1)
    first, second = train_test_split(np.arange(len(frame)), test_size=0.5, stratify=strata, random_state=seed)
    return np.sort(first), np.sort(second)


def draw(frame: pd.DataFrame, rows: np.ndarray, n: int, seed: int) -> np.ndarray:
    from sklearn.model_selection import train_test_split

    if n >= len(rows):
        return rows
    strata = frame.drop(columns="text").to_numpy()[rows].any(axis=1)
    chosen, _ = train_test_split(rows, train_size=n, stratify=strata, random_state=seed)
    return np.sort(chosen)


def counts(y: np.ndarray, p: np.ndarray) -> dict:
    y, p = y.astype(bool), p.astype(bool)
    return {"tp": (y & p).sum(axis=0).tolist(), "fp": (~y & p).sum(axis=0).tolist(),
            "fn": (y & ~p).sum(axis=0).tolist()}


def _run(task: dict) -> dict:
    from toolkit.adaptation import adapt

    model = _WORKER["model"]
    frame, train_rows, test_rows = task["frame"], task["train_rows"], task["test_rows"]
    labels = list(model.taxonomy_.ids)
    test = frame.iloc[test_rows]
    started = time.perf_counter()
    if task["method"] == "default":
        fitted = model
    else:
        kwargs = dict(METHODS[task["method"]])
        if kwargs.get("scope", "model") == "model":
            kwargs["base_data"] = _WORKER["base_data"]
        fitted = adapt(frame.iloc[train_rows].reset_index(drop=True), model, seed=task["seed"], **kwargs)
    predicted = fitted.predict(test["text"].tolist())
    return {**{k: task[k] for k in ("file", "seed", "fold", "n", "method")}, "seconds": time.perf_counter() - started,
            **counts(test[labels].to_numpy(), predicted)}


def f1(tp, fp, fn) -> np.ndarray:
    tp, fp, fn = (np.asarray(a, dtype=float) for a in (tp, fp, fn))
    denominator = 2 * tp + fp + fn
    return np.divide(2 * tp, denominator, out=np.zeros_like(denominator), where=denominator > 0)


def scores(result: dict, labels: list[str]) -> tuple[float, float]:
    per_label = f1(result["tp"], result["fp"], result["fn"])
    micro = float(f1(sum(result["tp"]), sum(result["fp"]), sum(result["fn"])))
    return micro, float(np.mean([per_label[labels.index(label)] for label in MACRO3]))


def interval(values) -> tuple[float, float, float]:
    values = np.asarray(values, dtype=float)
    mean = float(values.mean())
    if len(values) < 2:
        return mean, float("nan"), float("nan")
    half = stats.t.ppf(0.975, len(values) - 1) * values.std(ddof=1) / np.sqrt(len(values))
    return mean, mean - half, mean + half


def summarise(results: list[dict], labels: list[str]) -> list[dict]:
    """One row per file, n and method: metrics with t-intervals, differences paired with the unadapted model."""
    baseline = {(r["file"], r["seed"], r["fold"]): r for r in results if r["method"] == "default"}
    rows = []
    keys = sorted({(r["file"], r["n"], r["method"]) for r in results if r["method"] != "default"},
                  key=lambda k: (list(FILES).index(k[0]), k[1], k[2]))
    for file, n, method in keys:
        runs = [r for r in results if (r["file"], r["n"], r["method"]) == (file, n, method)]
        ours = np.array([scores(r, labels) for r in runs])
        base = np.array([scores(baseline[(r["file"], r["seed"], r["fold"])], labels) for r in runs])
        flagged = np.mean([np.add(r["tp"], r["fp"]) for r in runs], axis=0)
        base_flagged = np.mean([np.add(baseline[(r["file"], r["seed"], r["fold"])]["tp"],
                                       baseline[(r["file"], r["seed"], r["fold"])]["fp"]) for r in runs], axis=0)
        annotated = np.mean([np.add(r["tp"], r["fn"]) for r in runs], axis=0)
        rows.append({"file": file, "n": n, "method": method, "runs": len(runs),
                     "default_micro": interval(base[:, 0]), "micro": interval(ours[:, 0]),
                     "delta_micro": interval(ours[:, 0] - base[:, 0]),
                     "default_macro3": interval(base[:, 1]), "macro3": interval(ours[:, 1]),
                     "delta_macro3": interval(ours[:, 1] - base[:, 1]),
                     "flagged": dict(zip(labels, flagged.round(1).tolist())),
                     "default_flagged": dict(zip(labels, base_flagged.round(1).tolist())),
                     "annotated": dict(zip(labels, annotated.round(1).tolist())),
                     "seconds_per_run": round(float(np.mean([r["seconds"] for r in runs])), 1)})
    return rows


def _fmt(triple) -> str:
    mean, low, high = triple
    return f"{mean:.3f} [{low:.3f}, {high:.3f}]"


def _delta(triple) -> str:
    mean, low, high = triple
    return f"{mean:+.3f} [{low:+.3f}, {high:+.3f}]"


def print_tables(rows: list[dict], labels: list[str]) -> None:
    short = {"fear_of_rejection": "FoR", "past_experiences": "PE", "self_doubt": "SD", "cultural_influences": "CI"}
    print("| file | n | method | runs | micro-F1 default | micro-F1 adapted | Δ micro | macro3 default "
          "| macro3 adapted | Δ macro3 |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['file']} | {r['n']} | {r['method']} | {r['runs']} | {_fmt(r['default_micro'])} "
              f"| {_fmt(r['micro'])} | {_delta(r['delta_micro'])} | {_fmt(r['default_macro3'])} | {_fmt(r['macro3'])} "
              f"| {_delta(r['delta_macro3'])} |")
    print()
    print("Texts flagged per evaluated half (mean over runs): default / adapted / annotated")
    print()
    print("| file | n | method | " + " | ".join(short[label] for label in labels) + " |")
    print("|---|---|---|" + "---|" * len(labels))
    for r in rows:
        cells = [
            f"{r['default_flagged'][label]:.1f} / {r['flagged'][label]:.1f} / {r['annotated'][label]:.1f}"
            for label in labels
        ]
        print(f"| {r['file']} | {r['n']} | {r['method']} | " + " | ".join(cells) + " |")


def diagnose(model, eval_dir: Path, files: list[str], labels: list[str]) -> None:
    """How well the unadapted model ranks each file's texts: what no threshold or calibration can change.

    Per label: annotated positives, the model's ROC AUC and average precision,
    and the best F1 any single threshold reaches on the whole file (chosen on
    the same texts, so an optimistic ceiling for calibration-only adaptation).
    """
    from sklearn.metrics import average_precision_score, roc_auc_score

    print("| file | label | positives | texts | AUC | average precision | best-threshold F1 (ceiling) |")
    print("|---|---|---|---|---|---|---|")
    for file in files:
        frame = load_file(eval_dir, file, labels)
        scores = model.predict_proba(frame["text"].tolist())
        for j, label in enumerate(labels):
            y = frame[label].to_numpy()
            if y.sum() < 2:
                print(f"| {file} | {label} | {int(y.sum())} | {len(y)} | n/a | n/a | n/a |")
                continue
            ceiling = max(float(f1(*(lambda p: ((p & (y == 1)).sum(), (p & (y == 0)).sum(), (~p & (y == 1)).sum()))(
                scores[:, j] >= t))) for t in np.unique(scores[:, j]))
            print(f"| {file} | {label} | {int(y.sum())} | {len(y)} | {roc_auc_score(y, scores[:, j]):.2f} | "
                  f"{average_precision_score(y, scores[:, j]):.2f} | {ceiling:.2f} |")
    print()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=None, help="Model directory to adapt (default: the shipped default model).")
    parser.add_argument("--base-data", default=None,
                        help="The model's training data (default: datasets/barriers/train.csv, the shipped model's).")
    parser.add_argument("--methods", default="model,calibration,fine-tune",
                        help=f"Comma-separated, from: {', '.join(METHODS)}.")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--first-seed", type=int, default=0, help="Seeds run from here (to extend an earlier run).")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--files", default=",".join(FILES), help=f"Comma-separated, from: {', '.join(FILES)}.")
    parser.add_argument("--quick", action="store_true", help="One seed, the pooled files only: a few minutes.")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--eval-dir", default=str(EVAL), help="Where the real files are (default: ../shared/eval).")
    parser.add_argument("--json", default=None, help="Also write the per-run counts and the summary here.")
    args = parser.parse_args(argv)
    eval_dir = Path(args.eval_dir)
    if not eval_dir.is_dir():
        print(f"skipped: {eval_dir} (the real development files) is absent")
        return 0
    methods = [m for m in args.methods.split(",") if m]
    files = [f for f in args.files.split(",") if f]
    unknown = [m for m in methods if m not in METHODS] + [f for f in files if f not in FILES]
    if unknown:
        print(f"error: unknown method or file {', '.join(unknown)}; methods: {', '.join(METHODS)}; "
              f"files: {', '.join(FILES)}", file=sys.stderr)
        return 2
    seeds = 1 if args.quick else args.seeds
    if args.quick and args.files == parser.get_default("files"):
        files = ["pooled"]
    sizes = [int(s) for s in args.sizes.split(",")]

    import toolkit

    model = toolkit.load_model(args.model)
    labels = list(model.taxonomy_.ids)
    diagnose(model, eval_dir, files, labels)
    tasks, notes = [], []
    for file in files:
        frame = load_file(eval_dir, file, labels)
        for seed in range(args.first_seed, args.first_seed + seeds):
            first, second = halves(frame, seed)
            for fold, (train_rows, test_rows) in enumerate(((first, second), (second, first))):
                common = {"file": file, "seed": seed, "fold": fold, "frame": frame, "test_rows": test_rows}
                tasks.append({**common, "n": 0, "method": "default", "train_rows": None})
                for n in sizes:
                    if n > len(train_rows):
                        note = f"{file}: n = {n} skipped, a half holds only {len(train_rows)} texts"
                        if note not in notes:
                            notes.append(note)
                        continue
                    rows = draw(frame, train_rows, n, seed * 1000 + fold)
                    tasks.extend({**common, "n": n, "method": m, "train_rows": rows} for m in methods)
    print(f"{len(tasks)} runs ({sum(t['method'] != 'default' for t in tasks)} adaptations) on {args.jobs} process(es)",
          file=sys.stderr)
    started = time.perf_counter()
    # The longest runs (largest n) first, so the pool's two processes finish together.
    tasks.sort(key=lambda t: -t["n"])
    results = []
    with ProcessPoolExecutor(args.jobs, initializer=_init_worker, initargs=(args.model, args.base_data)) as pool:
        for done, result in enumerate(pool.map(_run, tasks), 1):
            results.append(result)
            if result["method"] != "default":
                print(
                    f"  {done}/{len(tasks)} {result['file']} n={result['n']} {result['method']} seed {result['seed']} "
                    f"fold {result['fold']}: {result['seconds']:.0f} s",
                    file=sys.stderr,
                )
    rows = summarise(results, labels)
    print_tables(rows, labels)
    for note in notes:
        print(f"\nnote: {note}")
    print(f"\n{seeds} seed(s) x 2 folds; {time.perf_counter() - started:.0f} s wall time")
    if args.json:
        Path(args.json).write_text(json.dumps({"summary": rows, "runs": results, "notes": notes}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
