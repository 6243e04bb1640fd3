"""Throughput and memory of `barriers classify` against its floor and ceiling.

Builds corpora of short texts by sampling sentences from the labelled
training split (about 25 words a text), then measures, each in a fresh
process so peak RSS is per measurement:

- pandas.read_csv alone (the I/O ceiling);
- the default model's predict_proba on the same texts (the model floor);
- `barriers classify` end to end, CSV to CSV.

Prints a table and writes benchmarks/results/<host>-<date>.json.
Usage: python benchmarks/run.py [--sizes 10000,100000] [--jobs 1]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

MEASURE = r"""
import json, resource, sys, time
import pandas as pd
import toolkit
from click.testing import CliRunner
from toolkit.cli import cli
kind, path = sys.argv[1], sys.argv[2]
# Imports are outside the timing; model loading is inside for classify.
start = time.perf_counter()
if kind == "read_csv":
    rows = len(pd.read_csv(path))
elif kind == "predict_proba":
    texts = pd.read_csv(path)["text"].tolist()
    model = toolkit.load_model()
    start = time.perf_counter()
    for i in range(0, len(texts), 20000):
        model.predict_proba(texts[i:i + 20000])
    rows = len(texts)
elif kind == "classify":
    result = CliRunner().invoke(cli, ["classify", path, "-o", path + ".out.csv", "-q"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    rows = sum(1 for _ in open(path + ".out.csv", encoding="utf-8")) - 1
seconds = time.perf_counter() - start
print(json.dumps({"rows": rows, "seconds": seconds, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def make_corpus(path: Path, size: int, seed: int = 0) -> None:
    import pandas as pd

    sentences = []
    for text in pd.read_csv(REPO / "datasets" / "barriers" / "train.csv")["text"]:
        sentences += [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if 4 <= len(s.split()) <= 30]
    rng = random.Random(seed)
    rows = []
    for _ in range(size):
        words, parts = 0, []
        while words < 25:
            sentence = rng.choice(sentences)
            parts.append(sentence)
            words += len(sentence.split())
        rows.append(" ".join(parts))
    pd.DataFrame({"id": range(size), "text": rows}).to_csv(path, index=False)


def measure(kind: str, path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", MEASURE, kind, str(path)], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["texts_per_second"] = result["rows"] / result["seconds"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    args = parser.parse_args()
    machine = {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
               "system": platform.platform()}
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in [int(s) for s in args.sizes.split(",")]:
            corpus = Path(tmp) / f"corpus_{size}.csv"
            make_corpus(corpus, size)
            row = {"size": size}
            for kind in ("read_csv", "predict_proba", "classify"):
                row[kind] = measure(kind, corpus)
            row["classify_vs_predict_proba"] = row["classify"]["texts_per_second"] / row["predict_proba"]["texts_per_second"]
            results.append(row)
            print(f"\n{size:,} texts of ~25 words")
            print(f"  {'stage':<16}{'texts/s':>12}{'wall s':>10}{'peak RSS MB':>14}")
            for kind in ("read_csv", "predict_proba", "classify"):
                r = row[kind]
                print(f"  {kind:<16}{r['texts_per_second']:>12,.0f}{r['seconds']:>10.2f}{r['peak_rss_mb']:>14.0f}")
            print(f"  classify end to end runs at {row['classify_vs_predict_proba']:.2f}x the bare predict_proba rate")
    out_dir = HERE / "results"
    out_dir.mkdir(exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d")
    path = out_dir / f"{platform.node() or 'host'}-{stamp}.json"
    path.write_text(json.dumps({"machine": machine, "results": results}, indent=2) + "\n")
    print(f"\nwrote {path}")


if __name__ == "__main__":
    main()
