"""What the not-English check costs classify: texts/s of one process with and without it.

    python benchmarks/language_check.py [--size 20000] [--foreign-share 0.05]

Scores the benchmark corpus (English) and the same corpus with a share of its
rows replaced by non-English texts (a few sentences written for this script in
German, Spanish, French, Portuguese and Dutch) with ``classify_frame`` in one
process, once as shipped and once with the language step switched off, and
prints texts/s (best of three runs), CPU seconds and how many rows were flagged.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_corpus  # noqa: E402

import toolkit  # noqa: E402

classify_module = importlib.import_module("toolkit.classification")  # toolkit.classify is also a function

FOREIGN = [
    "Ich weiß nicht, wie ich meiner Schwester sagen soll, dass es mir seit Wochen schlecht geht.",
    "Mi padre nunca hablaba de sus sentimientos y ahora yo tampoco sé cómo hacerlo con mi pareja.",
    "J'ai peur que mes amis se moquent de moi si je leur raconte ce qui s'est passé cet été.",
    "Tenho vergonha de pedir ajuda porque na minha família isso sempre foi visto como fraqueza.",
    "Ik durf niet te zeggen wat ik voel omdat ik bang ben dat hij dan weggaat.",
]


def measure(frame: pd.DataFrame, model, check: bool) -> tuple[float, float, int]:
    original = classify_module.not_english
    if not check:
        classify_module.not_english = lambda texts: [None] * len(list(texts))
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        flagged = 0
        for start in range(0, len(frame), 5000):
            out, _, _ = classify_module.classify_frame(frame.iloc[start:start + 5000], model)
            flagged += int(out["warning"].str.contains("not English").sum())
        return time.perf_counter() - wall, time.process_time() - cpu, flagged
    finally:
        classify_module.not_english = original


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--foreign-share", type=float, default=0.05)
    args = parser.parse_args()
    english = pd.read_csv(make_corpus(args.size), dtype=str, keep_default_na=False).head(args.size)
    mixed = english.copy()
    every = max(1, round(1 / args.foreign_share))
    rows = list(range(0, len(mixed), every))
    mixed.loc[rows, "text"] = [FOREIGN[i % len(FOREIGN)] for i in range(len(rows))]
    model = toolkit.load_model()
    classify_module.not_english(["warm up: Ich weiß nicht, wie ich es sagen soll."])  # loads the identifier once
    print(f"{'corpus':<22}{'language check':<16}{'texts/s':>9}{'wall s':>8}{'cpu s':>8}{'flagged':>9}")
    for name, frame in (("english", english), (f"{args.foreign_share:.0%} not English", mixed)):
        for check in (False, True):
            # The best of three runs: the machine may be shared.
            wall, cpu, flagged = min(measure(frame, model, check) for _ in range(3))
            print(f"{name:<22}{'on' if check else 'off':<16}{len(frame) / wall:>9,.0f}{wall:>8.1f}{cpu:>8.1f}"
                  f"{flagged:>9,}")


if __name__ == "__main__":
    main()
