"""End-to-end speed of named or saved models: ``barriers classify CORPUS -o out.csv --model M`` on ~25-word texts.

    python benchmarks/model_speed.py --models default,fast --size 200000 [--repeats 3]

For each model, runs the command (default ``--jobs``) *repeats* times on the
deterministic benchmark corpus (``benchmarks/corpus.py``) and prints, per run,
wall seconds, CPU seconds (user + system of the command and its worker
processes) and texts/s, then the best run's texts/s and texts per CPU-second
per model. Interpreter start and imports are inside the timing (it is the
command a user runs). The load average is printed before and after: on a
shared machine wall-clock texts/s measures the neighbours too, and texts per
CPU-second is the steadier figure. ``--json PATH`` also writes the runs.
``--predict`` also times each model's ``predict_proba`` alone in this process
(after a 2,000-text warm-up; CPU time, no reading or writing).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_corpus  # noqa: E402

BARRIERS = Path(sys.executable).with_name("barriers")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(corpus: Path, model: str, out: Path) -> dict:
    """One ``barriers classify`` run: wall and CPU seconds."""
    cpu, wall = children_cpu(), time.perf_counter()
    subprocess.run([str(BARRIERS), "classify", str(corpus), "--model", model, "-o", str(out)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return {"wall_s": time.perf_counter() - wall, "cpu_s": children_cpu() - cpu}


def predict_rate(corpus: Path, model_name: str) -> float:
    """Texts per CPU-second of ``predict_proba`` alone, after a warm-up."""
    import pandas as pd

    import toolkit

    texts = pd.read_csv(corpus)["text"].tolist()
    model = toolkit.load_model(model_name)
    model.predict_proba(texts[:2000])
    start = time.process_time()
    model.predict_proba(texts)
    return len(texts) / (time.process_time() - start)


def summarise(runs: list[dict], texts: int) -> dict:
    """The best (fastest wall-clock) run's texts/s and the best texts per CPU-second."""
    return {"texts": texts, "texts_per_s": max(texts / r["wall_s"] for r in runs),
            "texts_per_cpu_s": max(texts / r["cpu_s"] for r in runs if r["cpu_s"] > 0), "runs": runs}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", default="default,fast", help="Comma-separated model names or directories.")
    parser.add_argument("--size", type=int, default=200_000, help="Texts in the corpus.")
    parser.add_argument("--repeats", type=int, default=3, help="Runs per model (the best counts).")
    parser.add_argument("--json", type=Path, help="Also write the figures here as JSON.")
    parser.add_argument("--predict", action="store_true", help="Also time predict_proba alone, in this process.")
    args = parser.parse_args(argv)
    corpus = make_corpus(args.size)
    print(f"{args.size:,} texts of ~25 words; load average before {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for model in args.models.split(","):
            runs = [run_once(corpus, model, Path(tmp) / "out.csv") for _ in range(args.repeats)]
            results[model] = summarise(runs, args.size)
            for r in runs:
                print(f"  {model}: {r['wall_s']:.1f} s wall, {r['cpu_s']:.1f} CPU s, "
                      f"{args.size / r['wall_s']:,.0f} texts/s")
    if args.predict:
        for model in results:
            results[model]["predict_texts_per_cpu_s"] = predict_rate(corpus, model)
    print(f"load average after {os.getloadavg()[0]:.1f}")
    for model, figures in results.items():
        print(f"{model}: best {figures['texts_per_s']:,.0f} texts/s wall, "
              f"{figures['texts_per_cpu_s']:,.0f} texts per CPU-second"
              + (f"; predict_proba alone {figures['predict_texts_per_cpu_s']:,.0f} texts per CPU-second"
                 if "predict_texts_per_cpu_s" in figures else ""))
    if args.json:
        args.json.write_text(json.dumps({"size": args.size, "models": results}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
