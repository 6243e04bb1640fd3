"""Dask engine: 1 worker against 2, through the CLI, with --output-parts and with one output file.

    python benchmarks/dask_scaling.py [--size 1000000] [--runs parts,file,local]

Runs ``barriers classify CORPUS --engine dask -j N`` (a LocalCluster of N
single-threaded workers, started by the command and counted in its wall
time) on the benchmark corpus with the shipped default model, for N = 1 and
2, writing ``--output-parts DIR`` and ``-o out.csv``; and the local engine
with ``-j 1`` and ``-j 2`` beside them. For each run it prints wall seconds,
CPU seconds (user + system of the command and every process it waited for:
the cluster's nanny and worker processes) and texts/s, then the 2-worker /
1-worker speed-up; it writes the figures to ``benchmarks/results/dask-*.json``.
The machine's load average is printed before and after: the target (2 workers
at least 1.6x one worker) assumes both cores are free.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_corpus  # noqa: E402

HERE = Path(__file__).resolve().parent
BARRIERS = Path(sys.executable).with_name("barriers")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str]) -> tuple[float, float]:
    cpu, wall = children_cpu(), time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - wall, children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--runs", default="parts,file,local", help="Which of parts, file, local to run.")
    args = parser.parse_args()
    corpus = make_corpus(args.size)
    runs = args.runs.split(",")
    plan = []
    for workers in (1, 2):
        if "parts" in runs:
            plan.append(
                (f"dask {workers} worker(s), --output-parts", ["--engine", "dask", "-j", str(workers)], "parts")
            )
        if "file" in runs:
            plan.append((f"dask {workers} worker(s), -o out.csv", ["--engine", "dask", "-j", str(workers)], "file"))
        if "local" in runs:
            plan.append((f"local -j {workers}", ["-j", str(workers)], "file"))
    results = {"size": args.size, "corpus_bytes": corpus.stat().st_size, "load_before": os.getloadavg(), "runs": []}
    print(f"{args.size:,} texts ({corpus.stat().st_size / 1e6:.0f} MB); load average {os.getloadavg()[0]:.1f}")
    print(f"{'run':<38}{'wall s':>8}{'cpu s':>8}{'texts/s':>10}")
    with tempfile.TemporaryDirectory(dir=HERE) as tmp:
        for name, options, kind in plan:
            target = ["--output-parts", f"{tmp}/parts"] if kind == "parts" else ["-o", f"{tmp}/out.csv"]
            wall, cpu = timed([str(BARRIERS), "classify", str(corpus), *target, *options, "-q"])
            shutil.rmtree(f"{tmp}/parts", ignore_errors=True)
            for leftover in Path(tmp).glob("out.csv*"):
                leftover.unlink()
            results["runs"].append({"run": name, "wall_seconds": round(wall, 2), "cpu_seconds": round(cpu, 2),
                                    "texts_per_second": round(args.size / wall)})
            print(f"{name:<38}{wall:>8.1f}{cpu:>8.1f}{args.size / wall:>10,.0f}", flush=True)
    by_name = {r["run"]: r["wall_seconds"] for r in results["runs"]}
    for kind in ("--output-parts", "-o out.csv"):
        one, two = by_name.get(f"dask 1 worker(s), {kind}"), by_name.get(f"dask 2 worker(s), {kind}")
        if one and two:
            results[f"speedup {kind}"] = round(one / two, 2)
            print(f"2 workers / 1 worker, {kind}: {one / two:.2f}x")
    results["load_after"] = os.getloadavg()
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    out = HERE / "results" / f"dask-{time.strftime('%Y%m%d-%H%M')}.json"
    out.write_text(json.dumps(results, indent=1) + "\n")
    print(f"figures in {out}")


if __name__ == "__main__":
    main()
