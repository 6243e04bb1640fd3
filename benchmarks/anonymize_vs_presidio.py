"""Benchmark: the toolkit's anonymiser against Presidio's regex-only analyzer, side by side.

Both run on the same texts in one process: the PII evaluation set
(datasets/pii/pii_eval.jsonl), repeated to --texts texts for the timing (in
alternating rounds, the median round reported, so that a busy shared machine
slows both alike), and
once for precision/recall (overlap matching, same type after mapping
Presidio's entity names onto the toolkit's). Presidio runs with its NLP
engine replaced by a stub that returns no tokens, so only its pattern
recognisers work (no spaCy model is loaded or downloaded); Presidio has no
regex recogniser for person names, so its PERSON recall is 0 by design.

Usage: python benchmarks/anonymize_vs_presidio.py [--texts 3000] [--split dev|test] [--baseline DIR]
With --baseline, the toolkit in DIR (for example main's, unpacked with
`git archive main toolkit | tar -x -C DIR`) is timed in the same rounds, so a
speed change is measured side by side. Writes benchmarks/results/anonymize.json.
Presidio comes with the `bench`
extra (pip install -e ".[bench]"); without it, only the toolkit is measured.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import platform
import statistics
import sys
import time
from pathlib import Path

from toolkit.anonymize import Entity, find_entities
from toolkit.anonymize.evaluate import evaluate_detector, load_gold

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "datasets" / "pii" / "pii_eval.jsonl"
RESULTS = REPO / "benchmarks" / "results"
# Presidio entity -> toolkit type (entities with no counterpart are dropped).
PRESIDIO_TYPES = {
    "EMAIL_ADDRESS": "EMAIL", "PHONE_NUMBER": "PHONE", "URL": "URL", "IP_ADDRESS": "IP_ADDRESS",
    "CREDIT_CARD": "ID_NUMBER", "IBAN_CODE": "ID_NUMBER", "US_SSN": "ID_NUMBER", "US_PASSPORT": "ID_NUMBER",
    "US_DRIVER_LICENSE": "ID_NUMBER", "US_BANK_NUMBER": "ID_NUMBER", "US_ITIN": "ID_NUMBER", "UK_NHS": "ID_NUMBER",
    "UK_NINO": "ID_NUMBER", "PERSON": "PERSON", "DATE_TIME": "DOB",
}


def presidio_detector():
    """A callable text -> list[Entity] backed by Presidio's pattern recognisers, or None."""
    try:
        import tldextract
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine
    except ImportError:
        return None
    # Offline: use tldextract's bundled suffix list instead of fetching one.
    offline = tldextract.TLDExtract(suffix_list_urls=())
    tldextract.extract = offline

    class NoNlpEngine(NlpEngine):
        """Returns no tokens and no entities: Presidio's regex recognisers only."""

        def load(self):
            pass

        def is_loaded(self):
            return True

        def process_text(self, text, language):
            return NlpArtifacts(
                entities=[], tokens=[], tokens_indices=[], lemmas=[], nlp_engine=self, language=language
            )

        def process_batch(self, texts, language, batch_size=1, n_process=1, **kwargs):
            for text in texts:
                yield text, self.process_text(text, language)

        def is_stopword(self, word, language):
            return False

        def is_punct(self, word, language):
            return False

        def get_supported_entities(self):
            return []

        def get_supported_languages(self):
            return ["en"]

    engine = NoNlpEngine()
    registry = RecognizerRegistry()
    registry.load_predefined_recognizers(nlp_engine=engine, languages=["en"])
    analyzer = AnalyzerEngine(nlp_engine=engine, registry=registry, supported_languages=["en"])

    def detect(text: str) -> list[Entity]:
        found = []
        for result in analyzer.analyze(text=text, language="en"):
            kind = PRESIDIO_TYPES.get(result.entity_type)
            if kind:
                found.append(Entity(result.start, result.end, kind, text[result.start : result.end]))
        return found

    return detect


def baseline_detector(checkout: Path):
    """``find_entities`` of the toolkit in another checkout, imported under another name beside this one."""
    package = checkout / "toolkit"
    if not (package / "__init__.py").is_file():
        raise SystemExit(f"error: --baseline expects a checkout holding toolkit/__init__.py, got '{checkout}'; "
                         "unpack one with 'git archive main toolkit | tar -x -C DIR'")
    spec = importlib.util.spec_from_file_location("toolkit_baseline", package / "__init__.py",
                                                  submodule_search_locations=[str(package)])
    module = importlib.util.module_from_spec(spec)
    sys.modules["toolkit_baseline"] = module
    spec.loader.exec_module(module)
    return importlib.import_module("toolkit_baseline.anonymize").find_entities


def throughput(detector, texts: list[str]) -> tuple[float, float]:
    """Texts per second of one pass over *texts*: by the wall clock and by this process's CPU time."""
    wall, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        detector(text)
    return len(texts) / (time.perf_counter() - wall), len(texts) / max(time.process_time() - cpu, 1e-9)


def interleaved(detectors: dict, texts: list[str], rounds: int) -> dict[str, dict[str, list[float]]]:
    """Texts per second of each detector, timed in alternating rounds over slices of *texts*.

    Alternating keeps a shared, busy machine from favouring whichever
    detector happens to run while the others are quiet; CPU time is the
    steadier measure there, as waiting for a core is not counted.
    """
    for detect in detectors.values():
        for text in texts[:50]:  # warm-up: loads lists, compiles patterns, fills caches
            detect(text)
    size = max(1, len(texts) // rounds)
    rates: dict[str, dict[str, list[float]]] = {name: {"wall": [], "cpu": []} for name in detectors}
    for k in range(rounds):
        chunk = texts[k * size : (k + 1) * size]
        for name, detect in detectors.items():
            wall, cpu = throughput(detect, chunk)
            rates[name]["wall"].append(wall)
            rates[name]["cpu"].append(cpu)
    return rates


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 1)


def summary(report) -> dict:
    return {t: {"gold": m["gold"], "predicted": m["predicted"], **m["overlap"]} for t, m in report.per_type.items()}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=3000, help="Texts to time (the PII set, repeated).")
    parser.add_argument("--split", choices=("dev", "test"), default=None,
                        help="Time and score only this split of the PII set (default: all of it).")
    parser.add_argument("--rounds", type=int, default=10,
                        help="Alternating timing rounds; the median round of each detector is reported.")
    parser.add_argument("--baseline", type=Path, default=None,
                        help="Also time the toolkit checked out in this directory, in the same rounds.")
    args = parser.parse_args(argv)
    records = load_gold(GOLD)
    if args.split:
        records = [r for r in records if r.get("split") == args.split]
    texts = [r["text"] for r in records]
    timed = (texts * (args.texts // len(texts) + 1))[: args.texts]
    out = {"texts_timed": len(timed), "gold_texts": len(records), "split": args.split or "all",
           "python": platform.python_version(),
           "machine": platform.machine()}
    presidio = presidio_detector()
    detectors = {"toolkit": find_entities} | ({"presidio": presidio} if presidio else {})
    if args.baseline is not None:
        detectors["baseline"] = baseline_detector(args.baseline)
    rates = interleaved(detectors, timed, args.rounds)
    out["rounds"] = args.rounds
    for name in detectors:
        out[name] = {"texts_per_second": _median(rates[name]["wall"]),
                     "texts_per_cpu_second": _median(rates[name]["cpu"]),
                     "rounds_wall": [round(r, 1) for r in rates[name]["wall"]],
                     "overlap": summary(evaluate_detector(records, detector=detectors[name]))}
    ours = out["toolkit"]
    print(f"toolkit anonymiser: {ours['texts_per_second']:,.0f} texts/s, {ours['texts_per_cpu_second']:,.0f} per CPU "
          f"second (medians of {args.rounds} rounds over {len(timed)} texts)")
    if presidio is None:
        print("Presidio is not installed, so it was skipped: pip install -e '.[bench]' to compare")
        out["presidio"] = None
    else:
        theirs = out["presidio"]
        out["speed_ratio"] = round(ours["texts_per_second"] / theirs["texts_per_second"], 2)
        out["speed_ratio_cpu"] = round(ours["texts_per_cpu_second"] / theirs["texts_per_cpu_second"], 2)
        print(f"presidio regex-only: {theirs['texts_per_second']:,.0f} texts/s, {theirs['texts_per_cpu_second']:,.0f} "
              f"per CPU second; toolkit is {out['speed_ratio']:.1f}x faster by the clock, "
              f"{out['speed_ratio_cpu']:.1f}x by CPU time")
    if args.baseline is not None:
        base = out["baseline"]
        out["baseline_dir"] = str(args.baseline)
        out["speed_ratio_cpu_vs_baseline"] = round(ours["texts_per_cpu_second"] / base["texts_per_cpu_second"], 3)
        print(f"baseline ({args.baseline}): {base['texts_per_cpu_second']:,.0f} per CPU second; toolkit is "
              f"{out['speed_ratio_cpu_vs_baseline']:.2f}x the baseline by CPU time"
              + (f", baseline {base['texts_per_cpu_second'] / theirs['texts_per_cpu_second']:.1f}x Presidio"
                 if presidio else ""))
    print(f"{'type':<11} {'toolkit P':>9} {'R':>6}   {'presidio P':>10} {'R':>6}")
    for kind, m in out["toolkit"]["overlap"].items():
        p = (out["presidio"] or {}).get("overlap", {}).get(kind)
        theirs_text = f"{p['precision']:>10.3f} {p['recall']:>6.3f}" if p else f"{'-':>10} {'-':>6}"
        print(f"{kind:<11} {m['precision']:>9.3f} {m['recall']:>6.3f}   {theirs_text}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "anonymize.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS / 'anonymize.json'}")
    return out


if __name__ == "__main__":
    main()
