"""Sentence-boundary precision, recall and F1 of the toolkit's splitter and of two maintained ones.

    python benchmarks/sentence_split.py [--data tests/data/sentence_boundaries.jsonl] [--json out.json]

The test set (``tests/data/sentence_boundaries.jsonl``) holds fictional texts
written for the project in three registers: chat (lower-case, unpunctuated,
emoji), journal and forum. Each row gives a text and its gold sentences; a
boundary is the offset where a sentence other than the first starts. A
splitter's boundaries are found the same way from its sentences, and precision,
recall and F1 are counted over all boundaries of a register (micro-averaged).

Splitters: ``toolkit.text.split_sentences``; pysbd (``pip install
'barrier-toolkit[bench]'``); NLTK's Punkt with no training
(``PunktSentenceTokenizer()``, which needs no downloaded data). A splitter
whose package is missing is left out with a note.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "sentence_boundaries.jsonl"
REGISTERS = ("chat", "journal", "forum")


def load_cases(path: Path = DATA) -> list[dict]:
    """The rows of the test set; each has ``register``, ``text`` and ``sentences``."""
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for case in cases:
        if boundaries(case["text"], case["sentences"]) is None:
            raise ValueError(f"{path}: the gold sentences of {case['id']} are not found in order in its text")
    return cases


def boundaries(text: str, sentences: Iterable[str]) -> set[int] | None:
    """Offsets in *text* where the second and later *sentences* start; None if one is not found in order."""
    found, position = [], 0
    for sentence in sentences:
        sentence = sentence.strip()
        if not sentence:
            continue
        start = text.find(sentence, position)
        if start < 0:
            return None
        found.append(start)
        position = start + len(sentence)
    return set(found[1:])


def score(cases: list[dict], split: Callable[[str], list[str]]) -> dict[str, dict[str, float]]:
    """Boundary precision, recall and F1 per register and over all rows (key ``all``)."""
    counts = {register: [0, 0, 0] for register in (*REGISTERS, "all")}  # true positives, predicted, gold
    for case in cases:
        gold = boundaries(case["text"], case["sentences"])
        predicted = boundaries(case["text"], split(case["text"]))
        if predicted is None:
            raise ValueError(f"the splitter changed the text of {case['id']}: its sentences are not found in it")
        for key in (case["register"], "all"):
            counts[key][0] += len(gold & predicted)
            counts[key][1] += len(predicted)
            counts[key][2] += len(gold)
    result = {}
    for key, (hits, predicted, gold) in counts.items():
        precision = hits / predicted if predicted else float("nan")
        recall = hits / gold if gold else float("nan")
        f1 = 2 * hits / (predicted + gold) if predicted + gold else float("nan")
        result[key] = {"precision": precision, "recall": recall, "f1": f1, "boundaries": gold}
    return result


def splitters() -> dict[str, Callable[[str], list[str]]]:
    """The splitters that can run here, by name."""
    from toolkit.text import split_sentences

    found: dict[str, Callable[[str], list[str]]] = {"toolkit": split_sentences}
    try:
        import pysbd
    except ImportError:
        print("pysbd is not installed (pip install 'barrier-toolkit[bench]'); left out", file=sys.stderr)
    else:
        segmenter = pysbd.Segmenter(language="en", clean=False)
        found["pysbd"] = segmenter.segment
    try:
        from nltk.tokenize.punkt import PunktSentenceTokenizer
    except ImportError:
        print("nltk is not installed (pip install 'barrier-toolkit[bench]'); Punkt left out", file=sys.stderr)
    else:
        found["punkt (untrained)"] = PunktSentenceTokenizer().tokenize
    return found


def table(results: dict[str, dict[str, dict[str, float]]]) -> str:
    """A Markdown table: one row per splitter and register."""
    lines = ["| splitter | register | boundaries | precision | recall | F1 |", "|---|---|---:|---:|---:|---:|"]
    for name, by_register in results.items():
        for register, m in by_register.items():
            lines.append(f"| {name} | {register} | {m['boundaries']} | {m['precision']:.3f} | {m['recall']:.3f} "
                         f"| {m['f1']:.3f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="Test set (JSON lines with text and sentences).")
    parser.add_argument("--json", type=Path, default=None, help="Also write the figures to this JSON file.")
    args = parser.parse_args(argv)
    cases = load_cases(args.data)
    results = {name: score(cases, split) for name, split in splitters().items()}
    print(f"{len(cases)} texts, {sum(len(c['sentences']) - 1 for c in cases)} boundaries ({args.data.name})\n")
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
