"""Speed of `toolkit.explain` by text length, and of `toolkit.summarize` against classification alone.

explain: texts of about 25, 250 and 1,200 words built from the labelled
training split; milliseconds per explanation (median of several runs), with
the default (linear) model.

summarize: a journal-shaped corpus (client_id, date, text; 200 clients over a
year) of --rows rows; texts per second of `toolkit.classify` alone and of
`toolkit.summarize` (classification plus weekly summaries), each in a fresh
process so peak RSS is per measurement.

Prints a table. Usage: python benchmarks/explain_summarize.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

MEASURE = (r"""
import json, resource, sys, time
import toolkit
kind, path = sys.argv[1], sys.argv[2]
model = toolkit.load_model()
start = time.perf_counter()
if kind == "classify":
    rows = len(toolkit.classify(path, model))
else:
    table = toolkit.summarize(path, model, freq="W")
    rows = int(table.loc[table["label"] == table["label"].iloc[0], "entries"].sum())
seconds = time.perf_counter() - start
print(json.dumps({"rows": rows, "seconds": seconds, "peak_rss_mb": """
           r"""resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
""")


def _texts(words: int, count: int, seed: int = 0) -> list[str]:
    import pandas as pd

    pool = pd.read_csv(REPO / "datasets" / "barriers" / "train.csv")["text"].tolist()
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        parts, n = [], 0
        while n < words:
            text = rng.choice(pool)
            parts.append(text)
            n += len(text.split())
        out.append(" ".join(" ".join(parts).split()[:words]))
    return out


def bench_explain() -> None:
    import toolkit

    model = toolkit.load_model()
    toolkit.explain("warm up the stemmer and the model", model)
    print(f"{'explain':<10}{'words':>8}{'ms (median)':>14}")
    for words in (25, 250, 1200):
        timings = []
        for text in _texts(words, 7):
            start = time.perf_counter()
            toolkit.explain(text, model)
            timings.append((time.perf_counter() - start) * 1000)
        print(f"{'':<10}{words:>8}{statistics.median(timings):>14.1f}")


def bench_summarize(rows: int) -> None:
    import pandas as pd

    rng = random.Random(1)
    texts = _texts(25, 2000)
    days = pd.date_range("2026-01-01", periods=365, freq="D").strftime("%Y-%m-%d").tolist()
    frame = pd.DataFrame(
        {
            "entry_id": range(rows),
            "client_id": [f"C{rng.randrange(200):03d}" for _ in range(rows)],
            "date": [rng.choice(days) for _ in range(rows)],
            "text": [rng.choice(texts) for _ in range(rows)],
        }
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "journal.csv"
        frame.to_csv(path, index=False)
        print(f"\n{rows:,} journal entries of ~25 words, 200 clients, one year, weekly summary")
        print(f"  {'stage':<12}{'texts/s':>12}{'wall s':>10}{'peak RSS MB':>14}")
        for kind in ("classify", "summarize"):
            out = subprocess.run(
                [sys.executable, "-c", MEASURE, kind, str(path)], capture_output=True, text=True, check=True
            )
            result = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"  {kind:<12}{result['rows'] / result['seconds']:>12,.0f}{result['seconds']:>10.2f}"
                  f"{result['peak_rss_mb']:>14.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    bench_explain()
    bench_summarize(args.rows)


if __name__ == "__main__":
    main()
