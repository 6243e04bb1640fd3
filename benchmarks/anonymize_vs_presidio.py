"""Benchmark: the toolkit's anonymiser against Presidio's regex-only analyzer, side by side.

Both run on the same texts in one process: the PII evaluation set
(datasets/pii/pii_eval.jsonl), repeated to --texts texts for the timing, and
once for precision/recall (overlap matching, same type after mapping
Presidio's entity names onto the toolkit's). Presidio runs with its NLP
engine replaced by a stub that returns no tokens, so only its pattern
recognisers work (no spaCy model is loaded or downloaded); Presidio has no
regex recogniser for person names, so its PERSON recall is 0 by design.

Usage: python benchmarks/anonymize_vs_presidio.py [--texts 3000]
Writes benchmarks/results/anonymize.json. Presidio comes with the `bench`
extra (pip install -e ".[bench]"); without it, only the toolkit is measured.
"""

from __future__ import annotations

import argparse
import json
import platform
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
            return NlpArtifacts(entities=[], tokens=[], tokens_indices=[], lemmas=[], nlp_engine=self, language=language)

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


def throughput(detector, texts: list[str]) -> float:
    detector(texts[0])  # warm-up: loads lists and compiles patterns
    started = time.perf_counter()
    for text in texts:
        detector(text)
    return len(texts) / (time.perf_counter() - started)


def summary(report) -> dict:
    return {t: {"gold": m["gold"], "predicted": m["predicted"], **m["overlap"]} for t, m in report.per_type.items()}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=3000, help="Texts to time (the PII set, repeated).")
    args = parser.parse_args(argv)
    records = load_gold(GOLD)
    texts = [r["text"] for r in records]
    timed = (texts * (args.texts // len(texts) + 1))[: args.texts]
    out = {"texts_timed": len(timed), "gold_texts": len(records), "python": platform.python_version(),
           "machine": platform.machine()}
    ours = throughput(find_entities, timed)
    out["toolkit"] = {"texts_per_second": round(ours, 1), "overlap": summary(evaluate_detector(records))}
    print(f"toolkit anonymiser: {ours:,.0f} texts/s on {len(timed)} texts")
    presidio = presidio_detector()
    if presidio is None:
        print("Presidio is not installed, so it was skipped: pip install -e '.[bench]' to compare")
        out["presidio"] = None
    else:
        theirs = throughput(presidio, timed)
        out["presidio"] = {"texts_per_second": round(theirs, 1),
                           "overlap": summary(evaluate_detector(records, detector=presidio))}
        out["speed_ratio"] = round(ours / theirs, 2)
        print(f"presidio regex-only: {theirs:,.0f} texts/s; toolkit is {ours / theirs:.1f}x faster")
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
