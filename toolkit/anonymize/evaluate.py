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

The headline figures are **leak rates**: the share of texts in which at
least one gold identifier survives (no prediction of any type overlaps it),
and the share of groups (a client's journal, a conversation: the ``group``
field, or each text alone when it has none) with at least one such text.
A "strict" variant counts a text as leaking when any letter or digit of a
gold span is left uncovered (a prediction that catches "Dr." but not the
whole name).

Texts of one group are read as the two-pass anonymiser reads them
(:func:`toolkit.anonymize.detect_in_groups`): a name found in one row of a
group counts as a name in all of its rows.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..errors import InputError
from .anonymizer import detect_in_groups
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
    leaks: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"texts": self.texts, "seconds": round(self.seconds, 3), "primary": "overlap", "leaks": self.leaks,
                "redaction_recall": self.redaction_recall, "overall": self.overall, "per_type": self.per_type}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)

    def to_text(self) -> str:
        k = self.leaks
        lines = [f"PII detection on {self.texts} texts in {k['groups']} groups "
                 f"({self.texts / max(self.seconds, 1e-9):,.0f} texts/s)",
                 f"leak rate: {k['texts_leaking']} of {self.texts} texts ({k['text_leak_rate']:.2%}) and "
                 f"{k['groups_leaking']} of {k['groups']} groups ({k['group_leak_rate']:.2%}) keep a gold identifier "
                 f"no prediction overlaps; strict (any letter or digit left): {k['strict_text_leak_rate']:.2%} of "
                 f"texts, {k['strict_group_leak_rate']:.2%} of groups",
                 "primary matching: overlap with the same type",
                 f"{'type':<11} {'gold':>5} {'pred':>5}  {'P':>6} {'R':>6} {'F1':>6}   {'exact P':>7} {'exact R':>7} "
                 f"{'exact F1':>8}"]
        rows = [*self.per_type.items(), ("all", self.overall)]
        for name, m in rows:
            o, e = m["overlap"], m["exact"]
            lines.append(f"{name:<11} {m['gold']:>5} {m['predicted']:>5}  {o['precision']:>6.3f} {o['recall']:>6.3f} "
                         f"{o['f1']:>6.3f}   {e['precision']:>7.3f} {e['recall']:>7.3f} {e['f1']:>8.3f}")
        lines.append("redaction recall (a gold span overlapped by a prediction of any type): "
                     f"{self.redaction_recall:.4f}")
        return "\n".join(lines)


def evaluate_detector(gold: str | os.PathLike | Iterable[dict], *, keep: Iterable[str] = (), split: str | None = None,
                      detector=None, group_field: str = "group") -> PiiReport:
    """Run *detector* over the gold texts and compare with the gold spans.

    Types in *keep* are left out of the comparison on both sides; *split*
    keeps only the records whose ``split`` field has that value. Records
    sharing a *group_field* value form a group (records without one are
    groups of one). *detector* (text -> entities) replaces the toolkit's own,
    which reads each group in two passes.

    Examples
    --------
    >>> gold = [{"text": "ask Jake on 07700 900123", "spans": [
    ...     {"start": 4, "end": 8, "type": "PERSON"}, {"start": 12, "end": 24, "type": "PHONE"}]}]
    >>> report = evaluate_detector(gold)
    >>> report.per_type["PERSON"]["overlap"]["recall"], report.redaction_recall, report.leaks["text_leak_rate"]
    (1.0, 1.0, 0.0)
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
    groups = [_group_of(r, n, group_field) for n, r in enumerate(records)]
    started = time.perf_counter()
    if detector is None:
        predictions = detect_in_groups([r["text"] for r in records], groups, keep=keep)
    else:
        predictions = [detector(r["text"]) for r in records]
    seconds = time.perf_counter() - started
    leaking, strict_leaking = [], []
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
        leaking.append(any(not any(_overlaps(p, g) for p in pred_spans) for g in gold_spans))
        strict_leaking.append(any(_uncovered(record["text"], g, pred_spans) for g in gold_spans))
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
                     redaction_recall=round(redacted / total_gold, 4) if total_gold else 1.0, errors=errors,
                     leaks=_leak_rates(groups, leaking, strict_leaking))


def _group_of(record: dict, number: int, group_field: str) -> str:
    group = record.get(group_field)
    if group is None or group == "":
        return f"\0{record.get('id', number)}"  # a group of its own, never equal to a real group value
    return str(group)


def _uncovered(text: str, span: tuple, predictions: list[tuple]) -> bool:
    """Whether a letter or digit of the gold *span* is outside every prediction."""
    return any(text[k].isalnum() and not any(p[0] <= k < p[1] for p in predictions) for k in range(span[0], span[1]))


def _leak_rates(groups: list[str], leaking: list[bool], strict: list[bool]) -> dict:
    by_group: dict[str, list[bool]] = {}
    by_group_strict: dict[str, list[bool]] = {}
    for group, leak, strict_leak in zip(groups, leaking, strict):
        by_group.setdefault(group, []).append(leak)
        by_group_strict.setdefault(group, []).append(strict_leak)
    n_texts, n_groups = len(leaking), len(by_group)
    groups_leaking = sum(any(v) for v in by_group.values())
    return {"texts_leaking": sum(leaking), "text_leak_rate": round(sum(leaking) / n_texts, 4) if n_texts else 0.0,
            "groups": n_groups, "groups_leaking": groups_leaking,
            "group_leak_rate": round(groups_leaking / n_groups, 4) if n_groups else 0.0,
            "strict_text_leak_rate": round(sum(strict) / n_texts, 4) if n_texts else 0.0,
            "strict_group_leak_rate": round(sum(any(v) for v in by_group_strict.values()) / n_groups, 4)
            if n_groups else 0.0}
