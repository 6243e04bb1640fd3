"""Do the prevalence intervals keep their coverage? Simulated researchers on real and synthetic corpora.

Real text: the shipped default model's scores on each real development file
(``../shared/eval/*.csv``, labelled by people; skipped cleanly when absent)
and on the two pooled. Each repetition draws a simple random labelled sample
(n = 50 and 100 per file, 200 from the pool), treats the rest as the
unlabelled corpus and its true share as the target, and estimates every
label's prevalence three ways: the raw share flagged, the labelled sample
alone (Wilson interval) and prediction-powered (PPI++ with power tuning; the
toolkit's Wilson interval on the effective sample size, and PPI's normal
interval for comparison).

Synthetic: rare labels (1-10 %) in a corpus of 5,000 texts with an imperfect
model whose scores are shifted away from calibration, to show where the
normal interval under-covers.

Also the label-free corrections against the true shares of the real files. Prints Markdown tables
(the ones in docs/prevalence.md). Usage::

    python benchmarks/prevalence_simulation.py [--reps 2000] [--predictor scores] [--seed 0] [--eval-dir DIR]

Only counts and rates are printed: no text of the real files appears anywhere.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
EVAL_DIR = REPO.parent / "shared" / "eval"
EVAL_FILES = ("counsel_chat_170.csv", "real_dev_274.csv")
sys.path.insert(0, str(REPO))

from toolkit.prevalence import (  # noqa: E402
    adjusted_count,
    em_prior_shift,
    labelled_effective_n,
    labelled_needed,
    ppi_interval,
    ppi_mean,
    wilson_interval,
)


def sample_rows(rng, total: int, n: int, reps: int) -> np.ndarray:
    """*reps* simple random samples of *n* row positions out of *total* (one per row of the result)."""
    return np.argpartition(rng.random((reps, total)), n - 1, axis=1)[:, :n]


def simulate(y: np.ndarray, f: np.ndarray, decisions: np.ndarray, n: int, reps: int, rng,
             confidence: float = 0.95) -> dict:
    """Coverage, width and bias of each method over *reps* labelled samples of size *n*, all at once.

    The intervals are for the share in the whole corpus (the toolkit's default
    target); the labelled texts' share is known, so an interval covers the
    corpus share exactly when its image covers the share of the unlabelled rest.
    """
    total = len(y)
    N = total - n
    idx = sample_rows(rng, total, n, reps)
    ys, fs = y[idx], f[idx]
    target = y.mean()
    y_mean, f_mean = ys.mean(axis=1), fs.mean(axis=1)
    y_var, f_var = ys.var(axis=1), fs.var(axis=1)
    yf_cov = ((ys - y_mean[:, None]) * (fs - f_mean[:, None])).mean(axis=1)
    u_mean = (f.sum() - fs.sum(axis=1)) / N
    u_var = np.maximum((np.sum(f**2) - np.sum(fs**2, axis=1)) / N - u_mean**2, 0)
    all_var = f.var(ddof=1)
    base_n = labelled_effective_n(n, N)
    out = {"target": float(target), "expected_positives": float(target * n),
           "raw_bias": float(decisions.mean() - target)}
    estimate, se, _ = ppi_mean(y_mean, y_var, f_mean, f_var, yf_cov, n, u_mean, u_var, N, all_var, target="corpus")
    intervals = {"labelled": wilson_interval(y_mean * base_n, base_n, confidence)}
    intervals["ppi_wilson"] = ppi_interval(estimate, se, y_mean, base_n, confidence, "wilson")
    intervals["ppi_clt"] = ppi_interval(estimate, se, y_mean, base_n, confidence, "clt")
    for name, (low, high, *_) in intervals.items():
        out[f"{name}_coverage"] = float(np.mean((low <= target) & (target <= high)))
        out[f"{name}_width"] = float(np.mean(high - low))
    out["ppi_bias"] = float(np.mean(np.clip(estimate, 0, 1) - target))
    out["labelled_bias"] = float(np.mean(y_mean - target))
    out["gain"] = float(np.median(labelled_needed(intervals["ppi_wilson"][2], total) / n))
    return out


def _table(rows: list[dict], keys: list[str]) -> str:
    frame = pd.DataFrame(rows)
    frame["width_ratio"] = frame["ppi_wilson_width"] / frame["labelled_width"]
    columns = keys + ["expected_positives", "labelled_coverage", "ppi_wilson_coverage", "ppi_clt_coverage",
                      "labelled_width", "ppi_wilson_width", "width_ratio", "gain", "raw_bias", "ppi_bias"]
    headers = keys + ["exp. pos.", "cov. labelled", "cov. PPI (Wilson)", "cov. PPI (CLT)", "width labelled",
                      "width PPI", "PPI/labelled", "gain", "bias raw", "bias PPI"]
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for row in frame[columns].itertuples(index=False):
        cells = []
        for column, value in zip(columns, row):
            if isinstance(value, str):
                cells.append(value)
            elif column == "expected_positives":
                cells.append(f"{value:.1f}")
            elif column.endswith("coverage"):
                cells.append(f"**{value:.3f}**" if column == "ppi_wilson_coverage" and value < 0.93 else f"{value:.3f}")
            elif column in ("width_ratio", "gain"):
                cells.append(f"{value:.2f}")
            elif "bias" in column:
                cells.append(f"{value:+.3f}")
            else:
                cells.append(f"{value:.3f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def real_text(reps: int, seed: int, predictor: str, eval_dir: Path = EVAL_DIR) -> str | None:
    if not all((eval_dir / name).exists() for name in EVAL_FILES):
        return None
    import toolkit

    model = toolkit.load_model()
    labels = list(model.taxonomy_.ids)
    corpora = {}
    for name in EVAL_FILES:
        frame = pd.read_csv(eval_dir / name)
        scored = toolkit.classify(frame[["text"]], model)
        corpora[name] = (
            frame[labels].to_numpy(dtype=float),
            scored[[f"{lab}_score" for lab in labels]].to_numpy(float),
            scored[labels].to_numpy(dtype=float),
        )
    corpora["pooled"] = tuple(np.vstack([corpora[name][k] for name in EVAL_FILES]) for k in range(3))
    plan = [(name, n) for name in EVAL_FILES for n in (50, 100)] + [("pooled", 200)]
    rng = np.random.default_rng(seed)
    rows = []
    for name, n in plan:
        y, scores, decisions = corpora[name]
        for j, label in enumerate(labels):
            f = scores[:, j] if predictor == "scores" else decisions[:, j]
            rows.append({"file": name.removesuffix(".csv"), "n": str(n), "label": label,
                         "positives": f"{int(y[:, j].sum())}/{len(y)}",
                         **simulate(y[:, j], f, decisions[:, j], n, reps, rng)})
    table = _table(rows, ["file", "n", "label", "positives"])
    return (f"Real text: {reps} repetitions per row, predictor = {predictor}, model {model.model_id}.\n\n" + table
            + "\n\n" + label_free(corpora, model, labels))


def label_free(corpora: dict, model, labels: list[str]) -> str:
    """The label-free corrections against the true shares (no sampling: one figure per file and label).

    The rates for adjusted classify-and-count are measured on the bundled dev
    split, where the model's thresholds were tuned: what the card of a model
    trained with this version records.
    """
    import toolkit
    from toolkit.metrics import label_rates

    dev = pd.read_csv(REPO / "datasets" / "barriers" / "dev.csv")
    rates = label_rates(dev[labels].to_numpy(), toolkit.classify(dev[["text"]], model)[labels].to_numpy(), labels)
    data = model.card_["training_data"]
    lines = ["| file | label | true share | raw_share | calibrated_share | rate_adjusted_share | prior_shift_share |",
             "|---|---|---|---|---|---|---|"]
    for name, (y, scores, decisions) in corpora.items():
        for j, label in enumerate(labels):
            raw = decisions[:, j].mean()
            values = [y[:, j].mean(), raw, scores[:, j].mean(),
                      adjusted_count(raw, rates[label]["tpr"], rates[label]["fpr"]),
                      em_prior_shift(scores[:, j], data["positives"][label] / data["rows"])]
            lines.append(f"| {name.removesuffix('.csv')} | {label} | " + " | ".join(f"{v:.3f}" for v in values) + " |")
    return ("Label-free corrections on the whole files (rates for rate_adjusted_share measured on the bundled dev "
            "split):\n\n" + "\n".join(lines))


def synthetic(reps: int, seed: int, predictor: str, total: int = 5000) -> str:
    rng = np.random.default_rng(seed + 1)
    rows = []
    for prevalence in (0.01, 0.02, 0.05, 0.10):
        y = (rng.random(total) < prevalence).astype(float)
        # An imperfect, over-confident model: positives score higher on average, many negatives score high too.
        logit = -2.0 + 2.5 * y + rng.normal(0, 1.2, total)
        scores = 1 / (1 + np.exp(-logit))
        decisions = (scores >= 0.3).astype(float)
        f = scores if predictor == "scores" else decisions
        for n in (50, 100, 200, 400):
            rows.append({"prevalence": f"{y.mean():.3f}", "n": str(n), **simulate(y, f, decisions, n, reps, rng)})
    table = _table(rows, ["prevalence", "n"])
    return (f"Synthetic: corpus of {total} texts, {reps} repetitions per row, predictor = {predictor}.\n\n" + table)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=2000, help="Repetitions per row (default 2000).")
    parser.add_argument("--predictor", choices=("scores", "decisions"), default="scores")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--part", choices=("all", "real", "synthetic"), default="all")
    parser.add_argument("--eval-dir", type=Path, default=EVAL_DIR,
                        help="Folder with the real labelled files (default: ../shared/eval beside the repository).")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    if args.part in ("all", "real"):
        real = real_text(args.reps, args.seed, args.predictor, args.eval_dir)
        print(real if real is not None else f"Real text: skipped ({args.eval_dir} is absent).")
        print()
    if args.part in ("all", "synthetic"):
        print(synthetic(args.reps, args.seed, args.predictor))
    print(f"\n({time.perf_counter() - start:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
