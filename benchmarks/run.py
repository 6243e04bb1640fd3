"""Throughput and memory of `barriers classify` side by side with its floor, its ceiling and the alternatives.

For each corpus size (texts of ~25 words resampled from the training split,
kept in benchmarks/corpora/), each engine runs in a fresh process
(benchmarks/measure.py) while this script samples the memory of that process
and all its children (worker processes, Dask workers) ten times a second:

- read_csv: pandas.read_csv alone, the I/O ceiling;
- sklearn: scikit-learn's TF-IDF word 1-2-grams + logistic regression,
  predict_proba in 20k-row chunks on one core, the floor any wrapper adds to;
- predict_proba: the toolkit's default model alone, one core;
- classify: `barriers classify` CSV to CSV end to end (--jobs 1, and all cores),
  and the same with threads instead of processes;
- every other registered model type (lexicon, semantic when registered);
- the Dask engine on a LocalCluster of 1 and 2 workers;
- Empath's analyze() on the first --empath-texts texts (smallest size only).

Wall time depends on what else runs on the machine, so each size also
reports the load average and how much a trivially parallel busy loop gains
from all cores at that moment, and each engine its CPU seconds (whole process
tree, imports included). Peak RSS sums the tree's resident memory (shared
pages counted in every process); peak PSS shares shared pages out fairly.

Prints a table per size with ratios, and writes benchmarks/results/<host>-<date>.json.
Usage: python benchmarks/run.py [--sizes 10000,100000,1000000] [--only classify,sklearn]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import resource
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_corpus  # noqa: E402

HERE = Path(__file__).resolve().parent
PAGE = os.sysconf("SC_PAGE_SIZE")


# -- memory of a process tree -------------------------------------------------------
def _children(pid: int) -> list[int]:
    found = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                found += [int(c) for c in fh.read().split()]
    except OSError:
        pass
    return found


def tree_memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes summed over *pid* and its descendants; PSS shares shared pages out fairly."""
    rss = pss = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/statm") as fh:
                rss += int(fh.read().split()[1]) * PAGE
            with open(f"/proc/{current}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
                        break
        except (OSError, ValueError, IndexError):
            continue
        todo += _children(current)
    return rss, pss


def measure(kind: str, corpus: Path, jobs: int | None, extra: str | None = None) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    command = [sys.executable, str(HERE / "measure.py"), kind, str(corpus), str(jobs or 0)] + ([extra] if extra else [])
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = {"rss": 0, "pss": 0}

    def sample():
        while process.poll() is None:
            rss, pss = tree_memory(process.pid)
            peak["rss"], peak["pss"] = max(peak["rss"], rss), max(peak["pss"], pss)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"{kind} failed:\n{stderr[-3000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU time of the whole process tree, imports included: unlike wall time,
    # it does not depend on what else the machine is running.
    result["cpu_seconds"] = round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 2)
    result["texts_per_second"] = result["rows"] / result["seconds"]
    result["peak_rss_mb"] = round(peak["rss"] / 2**20, 1)
    result["peak_pss_mb"] = round(peak["pss"] / 2**20, 1)
    return result


# -- how much parallelism the machine offers right now ------------------------------
def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def parallel_capacity(cores: int) -> float:
    """Speed-up of a trivially parallel pure-Python loop on *cores* processes over one.

    About *cores* on an idle machine; near 1 when other work already fills the
    CPUs, in which case no engine can show a parallel speed-up either.
    """
    from concurrent.futures import ProcessPoolExecutor

    seconds = []
    for workers in (1, cores):
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(_spin, [10]))  # start the workers before the clock
            start = time.perf_counter()
            list(pool.map(_spin, [1_500_000] * 4 * cores))
            seconds.append(time.perf_counter() - start)
    return round(seconds[0] / seconds[1], 2)


# -- what to run --------------------------------------------------------------------
def plan(cores: int, only: set[str] | None) -> tuple[list[tuple[str, str, int | None]], list[str]]:
    """(label, kind, jobs) of each measurement, and messages about those skipped."""
    from toolkit.models import MODEL_TYPES

    runs = [
        ("read_csv", "read_csv", None),
        ("sklearn", "sklearn_loop", 1),
        ("predict_proba", "toolkit_predict_proba", 1),
        ("classify -j1", "classify", 1),
        (f"classify -j{cores}", "classify", cores),
        (f"threads -j{cores}", "classify_threads", cores),
    ]
    skipped = []
    for model_type in sorted(MODEL_TYPES):
        if model_type != "linear":
            runs.append((f"{model_type} -j{cores}", f"model:{model_type}", cores))
    if "semantic" not in MODEL_TYPES:
        skipped.append("semantic: not a registered model type (toolkit.models.MODEL_TYPES); skipped")
    if importlib.util.find_spec("distributed") and importlib.util.find_spec("dask"):
        runs += [("dask 1 worker", "dask", 1), ("dask 2 workers", "dask", 2)]
    else:
        skipped.append("dask: the [dask] extra is not installed (pip install -e '.[dask]'); skipped")
    if importlib.util.find_spec("empath"):
        runs.append(("empath", "empath", 1))
    else:
        skipped.append("empath: not installed (pip install -e '.[bench]'); skipped")
    if only:
        runs = [r for r in runs if r[0].split(" ")[0] in only or r[1] in only]
    return runs, skipped


def ratios(row: dict, cores: int) -> dict:
    rate = {label: r["texts_per_second"] for label, r in row["engines"].items()}
    pairs = {
        "classify_all_cores_vs_sklearn": (f"classify -j{cores}", "sklearn"),
        "classify_j1_vs_sklearn": ("classify -j1", "sklearn"),
        "predict_proba_vs_sklearn": ("predict_proba", "sklearn"),
        "classify_all_cores_vs_j1": (f"classify -j{cores}", "classify -j1"),
        "threads_vs_processes": (f"threads -j{cores}", f"classify -j{cores}"),
        "dask_2_vs_1_worker": ("dask 2 workers", "dask 1 worker"),
        "classify_all_cores_vs_read_csv": (f"classify -j{cores}", "read_csv"),
        "lexicon_vs_empath": (f"lexicon -j{cores}", "empath"),
    }
    return {name: round(rate[a] / rate[b], 3) for name, (a, b) in pairs.items() if a in rate and b in rate}


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    memory = next((int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    return {"cpus": os.cpu_count(), "cpu_model": cpu, "ram_gb": round(memory / 2**20, 1),
            "python": platform.python_version(), "system": platform.platform()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated corpus sizes")
    parser.add_argument("--jobs", type=int, default=None, help="cores for the parallel engines (default: all)")
    parser.add_argument("--only", default=None, help="comma-separated labels or kinds to run (default: all)")
    parser.add_argument("--empath-texts", type=int, default=10_000, help="texts Empath analyses (smallest size only)")
    parser.add_argument("--slow-cap", type=int, default=100_000,
                        help="the lexicon model (pure Python, ~1-2k texts/s) runs on at most this many texts")
    args = parser.parse_args()
    from toolkit.engine import available_cores

    cores = args.jobs or available_cores()
    runs, skipped = plan(cores, set(args.only.split(",")) if args.only else None)
    for message in skipped:
        print(f"note: {message}")
    info = machine()
    print(f"machine: {info['cpus']} CPUs ({info['cpu_model']}), {info['ram_gb']} GB RAM, Python {info['python']}")
    sizes = [int(s) for s in args.sizes.split(",")]
    results = []
    for size in sizes:
        corpus = make_corpus(size)
        load_before = os.getloadavg()[0]
        capacity = parallel_capacity(cores)
        row = {"size": size, "engines": {}, "load_average_before": round(load_before, 2), "parallel_capacity": capacity}
        print(f"\n{size:,} texts of ~25 words (load average {load_before:.1f}; a {cores}-process busy loop "
              f"runs {capacity:.2f}x one process)")
        print(f"  {'engine':<18}{'texts/s':>11}{'wall s':>9}{'CPU s':>8}{'peak RSS MB':>13}{'peak PSS MB':>13}"
              f"{'vs sklearn':>12}")
        for label, kind, jobs in runs:
            if kind == "empath" and size != sizes[0]:
                continue
            # The first N rows of every corpus are the same, so a capped run reads the smaller corpus.
            capped = kind.startswith("model:") and size > args.slow_cap
            result = measure(kind, make_corpus(args.slow_cap) if capped else corpus, jobs,
                             str(args.empath_texts) if kind == "empath" else None)
            row["engines"][label] = result
            floor = row["engines"].get("sklearn", {}).get("texts_per_second")
            versus = f"{result['texts_per_second'] / floor:.2f}x" if floor else "-"
            note = f"  (+{result['cluster_start_seconds']}s cluster start)" if "cluster_start_seconds" in result else ""
            note += f"  ({result['rows']:,} texts)" if result["rows"] != size else ""
            print(f"  {label:<18}{result['texts_per_second']:>11,.0f}{result['seconds']:>9.2f}"
                  f"{result['cpu_seconds']:>8.1f}{result['peak_rss_mb']:>13.0f}{result['peak_pss_mb']:>13.0f}"
                  f"{versus:>12}{note}", flush=True)
        row["load_average_after"] = round(os.getloadavg()[0], 2)
        row["ratios"] = ratios(row, cores)
        results.append(row)
        print("  ratios: " + ", ".join(f"{k} {v:.2f}" for k, v in row["ratios"].items()))
    out_dir = HERE / "results"
    out_dir.mkdir(exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M")
    path = out_dir / f"{platform.node() or 'host'}-{stamp}.json"
    path.write_text(json.dumps({"machine": info, "cores_used": cores, "skipped": skipped, "results": results},
                               indent=2) + "\n")
    print(f"\nwrote {path}")


if __name__ == "__main__":
    main()
