"""Is anonymisation the bottleneck of `classify --anonymize`? Both rates on the same texts, in CPU seconds.

Builds --texts texts from datasets/barriers/{train,dev,test}.csv (repeated;
every --group-size consecutive rows form one client), then in one process:

- anonymises them as `classify --anonymize --group-column` does (two passes:
  learn every group's names, then replace; chunks of --chunk-size rows);
- classifies the anonymised texts with the default model (`predict`, one
  process).

CPU time (time.process_time) is reported beside the clock, because on a
shared machine the clock mostly measures the other jobs.

With --baseline DIR, the toolkit in DIR (for example main's, unpacked with
`git archive main toolkit | tar -x -C DIR`) anonymises the same texts in the
same process, right after, and must give the same output.

Usage: python benchmarks/anonymize_throughput.py [--texts 100000] [--group-size 20] [--baseline DIR]
Writes benchmarks/results/anonymize_throughput.json.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import pandas as pd

import toolkit
from toolkit.anonymize import Anonymizer, anonymized_frames
from toolkit.io import read_all

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results"


def timed(work):
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=100_000)
    parser.add_argument("--group-size", type=int, default=20)
    parser.add_argument("--chunk-size", type=int, default=10_000)
    parser.add_argument("--baseline", type=Path, default=None,
                        help="Also anonymise with the toolkit in this directory and compare.")
    args = parser.parse_args(argv)
    pool = [t for split in ("train", "dev", "test")
            for t in read_all(REPO / "datasets" / "barriers" / f"{split}.csv")["text"].tolist()]
    texts = (pool * (args.texts // len(pool) + 1))[: args.texts]
    frame = pd.DataFrame({"client": [f"c{i // args.group_size}" for i in range(len(texts))], "text": texts})
    chunks = [frame.iloc[k : k + args.chunk_size] for k in range(0, len(frame), args.chunk_size)]
    anonymizer = Anonymizer(["text"], group_column="client")
    anonymised, a_wall, a_cpu = timed(lambda: pd.concat(anonymized_frames(lambda: chunks, anonymizer))["text"].tolist())
    if args.baseline is not None:
        from anonymize_vs_presidio import baseline_detector

        baseline_detector(args.baseline)  # imports the baseline toolkit as toolkit_baseline
        import toolkit_baseline.anonymize as base

        before = base.Anonymizer(["text"], group_column="client")
        expected, _, b_cpu = timed(lambda: pd.concat(base.anonymized_frames(lambda: chunks, before))["text"].tolist())
        if expected != anonymised:
            raise SystemExit("error: the baseline's anonymised texts differ from this checkout's")
    model = toolkit.load_model()
    model.predict(anonymised[:200])  # warm-up
    _, c_wall, c_cpu = timed(lambda: model.predict(anonymised))
    n = len(texts)
    out = {"texts": n, "groups": frame["client"].nunique(),
           "anonymise_texts_per_second": round(n / a_wall), "anonymise_texts_per_cpu_second": round(n / a_cpu),
           "classify_texts_per_second": round(n / c_wall), "classify_texts_per_cpu_second": round(n / c_cpu)}
    if args.baseline is not None:
        out["baseline_anonymise_texts_per_cpu_second"] = round(n / b_cpu)
        out["speed_ratio_cpu_vs_baseline"] = round(b_cpu / a_cpu, 3)
        print(f"baseline ({args.baseline}): anonymise {out['baseline_anonymise_texts_per_cpu_second']:,} texts per CPU "
              f"second, same output; this checkout is {out['speed_ratio_cpu_vs_baseline']:.2f}x by CPU time")
    print(
        f"{n:,} texts in {out['groups']:,} groups: anonymise (two passes) {out['anonymise_texts_per_cpu_second']:,} "
        f"texts per CPU second ({out['anonymise_texts_per_second']:,}/s by the clock); classify "
        f"{out['classify_texts_per_cpu_second']:,} per CPU second ({out['classify_texts_per_second']:,}/s by the clock)"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "anonymize_throughput.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    main()
