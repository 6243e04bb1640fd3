"""Score the detector on a labelled PII file: per-type precision, recall and F1.

A gold file is JSONL, one text per line: ``{"id", "register", "text",
"spans": [{"start", "end", "type"}]}`` (``datasets/pii/pii_eval.jsonl``).

Two matchings are reported. **Overlap** (the primary one): a gold span is
found when a prediction of the same type overlaps it, and a prediction is
correct when it overlaps a gold span of its type; boundaries matter little
for privacy ("Dr. Alvarez" vs "Alvarez"). **Exact**: start, end and type must
all agree. ``redaction recall`` counts a gold span as found when any
prediction, of any type, overlaps it: the share of personal data that would
not survive anonymisation.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..errors import InputError
from .detect import find_entities
from .entities import ENTITY_TYPES


def load_gold(path: str | os.PathLike) -> list[dict]:
    """Read and check a gold PII file."""
    path = str(path)
    if not os.path.exists(path):
        raise InputError(f"PII gold file '{path}' does not exist; build it with: python datasets/pii/build_pii.py")
    records = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"PII gold file '{path}' line {number} is not valid JSON ({exc.msg})") from None
            if not isinstance(record, dict) or not isinstance(record.get("text"), str) or \
                    not isinstance(record.get("spans"), list):
                raise InputError(f"PII gold file '{path}' line {number} needs a 'text' string and a 'spans' list")
            for span in record["spans"]:
                ok = isinstance(span, dict) and span.get("type") in ENTITY_TYPES and \
                    isinstance(span.get("start"), int) and isinstance(span.get("end"), int) and \
                    0 <= span["start"] < span["end"] <= len(record["text"])
                if not ok:
                    raise InputError(f"PII gold file '{path}' line {number} has a bad span (expected start < end "
                                     f"within the text and a type among {', '.join(ENTITY_TYPES)})")
            records.append(record)
    if not records:
        raise InputError(f"PII gold file '{path}' has no records")
    return records


def _prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> dict:
    precision = tp_p / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    recall = tp_r / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class PiiReport:
    """Per-type counts and metrics; ``to_text`` and ``to_json`` render them."""

    texts: int
    seconds: float
    per_type: dict[str, dict] = field(default_factory=dict)
    overall: dict = field(default_factory=dict)
    redaction_recall: float = 0.0
    errors: list[dict] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict:
        return {"texts": self.texts, "seconds": round(self.seconds, 3), "primary": "overlap",
                "redaction_recall": self.redaction_recall, "overall": self.overall, "per_type": self.per_type}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)

    def to_text(self) -> str:
        lines = [f"PII detection on {self.texts} texts ({self.texts / max(self.seconds, 1e-9):,.0f} texts/s); "
                 "primary matching: overlap with the same type",
                 f"{'type':<11} {'gold':>5} {'pred':>5}  {'P':>6} {'R':>6} {'F1':>6}   {'exact P':>7} {'exact R':>7} "
                 f"{'exact F1':>8}"]
        rows = [*self.per_type.items(), ("all", self.overall)]
        for name, m in rows:
            o, e = m["overlap"], m["exact"]
            lines.append(f"{name:<11} {m['gold']:>5} {m['predicted']:>5}  {o['precision']:>6.3f} {o['recall']:>6.3f} "
                         f"{o['f1']:>6.3f}   {e['precision']:>7.3f} {e['recall']:>7.3f} {e['f1']:>8.3f}")
        lines.append(f"redaction recall (a gold span overlapped by a prediction of any type): {self.redaction_recall:.4f}")
        return "\n".join(lines)


def evaluate_detector(gold: str | os.PathLike | Iterable[dict], *, keep: Iterable[str] = (), split: str | None = None,
                      detector=find_entities) -> PiiReport:
    """Run *detector* over the gold texts and compare with the gold spans.

    Types in *keep* are left out of the comparison on both sides; *split*
    keeps only the records whose ``split`` field has that value.

    Examples
    --------
    >>> gold = [{"text": "ask Jake on 07700 900123", "spans": [
    ...     {"start": 4, "end": 8, "type": "PERSON"}, {"start": 12, "end": 24, "type": "PHONE"}]}]
    >>> report = evaluate_detector(gold)
    >>> report.per_type["PERSON"]["overlap"]["recall"], report.redaction_recall
    (1.0, 1.0)
    """
    records = load_gold(gold) if isinstance(gold, (str, os.PathLike)) else list(gold)
    if split is not None:
        available = sorted({str(r.get("split")) for r in records})
        records = [r for r in records if r.get("split") == split]
        if not records:
            raise InputError(f"no PII gold records in split '{split}'; available splits: {', '.join(available)}")
    keep = set(keep)
    counts = {t: {"gold": 0, "predicted": 0, "exact_tp": 0, "found": 0, "correct": 0} for t in ENTITY_TYPES}
    redacted = total_gold = 0
    errors = []
    started = time.perf_counter()
    predictions = [detector(r["text"]) for r in records]
    seconds = time.perf_counter() - started
    for record, predicted in zip(records, predictions):
        gold_spans = [(s["start"], s["end"], s["type"]) for s in record["spans"] if s["type"] not in keep]
        pred_spans = [(e.start, e.end, e.type) for e in predicted if e.type not in keep]
        for span in gold_spans:
            c = counts[span[2]]
            c["gold"] += 1
            total_gold += 1
            c["exact_tp"] += span in pred_spans
            same = any(p[2] == span[2] and _overlaps(p, span) for p in pred_spans)
            c["found"] += same
            covered = any(_overlaps(p, span) for p in pred_spans)
            redacted += covered
            if not same:
                errors.append({"id": record.get("id"), "kind": "missed", "type": span[2], "start": span[0],
                               "end": span[1], "covered_by_other_type": covered})
        for span in pred_spans:
            c = counts[span[2]]
            c["predicted"] += 1
            correct = any(g[2] == span[2] and _overlaps(g, span) for g in gold_spans)
            c["correct"] += correct
            if not correct:
                errors.append({"id": record.get("id"), "kind": "spurious", "type": span[2], "start": span[0],
                               "end": span[1]})
    per_type = {}
    for name, c in counts.items():
        if c["gold"] or c["predicted"]:
            per_type[name] = {"gold": c["gold"], "predicted": c["predicted"],
                              "overlap": _prf(c["correct"], c["predicted"], c["found"], c["gold"]),
                              "exact": _prf(c["exact_tp"], c["predicted"], c["exact_tp"], c["gold"])}
    totals = {k: sum(c[k] for c in counts.values()) for k in ("gold", "predicted", "exact_tp", "found", "correct")}
    overall = {"gold": totals["gold"], "predicted": totals["predicted"],
               "overlap": _prf(totals["correct"], totals["predicted"], totals["found"], totals["gold"]),
               "exact": _prf(totals["exact_tp"], totals["predicted"], totals["exact_tp"], totals["gold"])}
    return PiiReport(texts=len(records), seconds=seconds, per_type=per_type, overall=overall,
                     redaction_recall=round(redacted / total_gold, 4) if total_gold else 1.0, errors=errors)
