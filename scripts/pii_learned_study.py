"""Could a learned model help the rule-based anonymiser where it errs? Two studies on the PII dev parts (#20).

Round five's report ended "a learned, multilingual name tagger is what the next round needs". This script
asks whether one trained on the project's own PII set carries over to parts it has not seen, which is what
every round's unseen test parts ask of the rules. Both studies split by **part** (``GroupKFold``, 10 folds):
a model never scores a part it learnt from, as a new test part is written by writers the rules never saw.

1. **Filter** (precision): each PERSON the rules report is a candidate, labelled by whether it overlaps a
   gold PERSON. A logistic regression on the candidate's characters, case, neighbours and how often the
   group uses it scores each one out of fold; dropping the lowest-scored candidates until *k* true names
   are lost shows how many false names a filter could remove for each name it would leak.
2. **Tagger** (recall): every word token that no detection touches is a candidate, labelled by whether it
   lies in a gold PERSON span the rules missed. The same features; out-of-fold, how many missed names does
   a threshold recover, and at how many new false names?

Nothing here changes the anonymiser and nothing is written but the report (``--json``). Only the
project's own ``datasets/pii/pii_eval.jsonl`` is read.

Usage::

    python scripts/pii_learned_study.py [--split dev] [--folds 10] [--json out/pii_learned.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import FeatureHasher
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from toolkit.anonymize.anonymizer import detect_in_groups
from toolkit.anonymize.evaluate import load_gold
from toolkit.anonymize.tokens import split_words

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "datasets" / "pii" / "pii_eval.jsonl"
LOSS_BUDGETS = (0, 5, 10, 20, 40, 80)
THRESHOLDS = (0.9, 0.7, 0.5, 0.3, 0.2)


def token_features(text: str, start: int, end: int, previous: str, following: str,
                   in_group: int = 0, capitalised_in_group: int = 0) -> dict[str, int]:
    """Features of ``text[start:end]``: case, length, the word, its character 2-4-grams, the words and two
    characters on each side, whether it is ASCII, and how often its group uses it (capitalised).

    Examples
    --------
    >>> f = token_features("ok Dre said", 3, 6, "ok", "said")
    >>> f["case=title"], f["tok=dre"], f["cg=<dr"], f["prev=ok"], f["next=said"]
    (1, 1, 1, 1, 1)
    """
    word = text[start:end]
    lower = word.lower()
    case = "lower" if word.islower() else "upper" if word.isupper() and len(word) > 1 else \
        "title" if word[:1].isupper() else "other"
    features = {f"case={case}": 1, f"len={min(len(word), 12)}": 1, f"tok={lower}": 1,
                f"prev={previous.lower()}": 1, f"next={following.lower()}": 1,
                f"before={text[max(0, start - 2) : start]}": 1, f"after={text[end : end + 2]}": 1,
                "ascii": int(word.isascii()), f"group={min(in_group, 5)}": 1,
                f"group_capitalised={min(capitalised_in_group, 3)}": 1}
    marked = f"<{lower}>"
    for n in (2, 3, 4):
        for i in range(len(marked) - n + 1):
            features[f"cg={marked[i : i + n]}"] = 1
    return features


def dropped_for_loss(scores: np.ndarray, labels: np.ndarray, budgets=LOSS_BUDGETS) -> list[dict]:
    """For each budget *k*: drop candidates from the lowest score up, stopping before the (k+1)-th true one.

    Examples
    --------
    >>> dropped_for_loss(np.array([0.1, 0.2, 0.3, 0.4, 0.9]), np.array([0, 0, 1, 0, 1]), budgets=(0, 1))
    [{'true_lost': 0, 'false_dropped': 2, 'kept': 3}, {'true_lost': 1, 'false_dropped': 3, 'kept': 1}]
    """
    order = np.argsort(scores, kind="stable")
    true_seen = np.cumsum(labels[order] == 1)
    rows = []
    for k in budgets:
        n = int(np.searchsorted(true_seen, k + 1))  # candidates dropped before the (k+1)-th true one
        rows.append({"true_lost": min(k, int(labels.sum())), "false_dropped": int((labels[order[:n]] == 0).sum()),
                     "kept": len(labels) - n})
    return rows


def recovered_at(scores: np.ndarray, labels: np.ndarray, thresholds=THRESHOLDS) -> list[dict]:
    """Candidates at or above each threshold: how many are true (recovered) and how many false.

    Examples
    --------
    >>> recovered_at(np.array([0.95, 0.6, 0.1]), np.array([1, 0, 1]), thresholds=(0.9, 0.5))
    [{'threshold': 0.9, 'recovered': 1, 'false': 0}, {'threshold': 0.5, 'recovered': 1, 'false': 1}]
    """
    return [{"threshold": t, "recovered": int(labels[scores >= t].sum()),
             "false": int((labels[scores >= t] == 0).sum())} for t in thresholds]


def out_of_fold(features: list[dict], labels: np.ndarray, parts: list[str], folds: int) -> np.ndarray:
    """Scores of a logistic regression, each candidate scored by a model that never saw its part."""
    x = FeatureHasher(2**20).transform(features)
    scores = np.zeros(len(labels))
    for train, test in GroupKFold(folds).split(x, labels, parts):
        if len(set(labels[train].tolist())) < 2:  # nothing to tell apart: the training parts' rate
            scores[test] = labels[train].mean()
            continue
        model = LogisticRegression(C=1.0, max_iter=3000).fit(x[train], labels[train])
        scores[test] = model.predict_proba(x[test])[:, 1]
    return scores


def _overlaps(start: int, end: int, spans) -> bool:
    return any(start < e and s < end for s, e in spans)


def candidates(records: list[dict], found: list[list]) -> tuple[dict, dict]:
    """The two studies' candidates: ``{"features", "labels", "parts"}`` for rule PERSONs and uncovered tokens."""
    used, capitalised = Counter(), Counter()
    for record, entities in zip(records, found):
        for e in entities:
            if e.type == "PERSON":
                used[record["group"], e.text.lower()] += 1
                capitalised[record["group"], e.text.lower()] += e.text[:1].isupper()
    flt = {"features": [], "labels": [], "parts": []}
    tag = {"features": [], "labels": [], "parts": []}
    for record, entities in zip(records, found):
        text, part, group = record["text"], record["part"], record["group"]
        gold = [(s["start"], s["end"]) for s in record["spans"] if s["type"] == "PERSON"]
        predicted = [(e.start, e.end) for e in entities]
        pieces, tokens, offset = split_words(text), [], 0
        for k, piece in enumerate(pieces):
            if k % 2:
                tokens.append((offset, offset + len(piece)))
            offset += len(piece)
        words = [text[s:e] for s, e in tokens]
        for e in entities:
            if e.type != "PERSON":
                continue
            before, after = [w for (s, _), w in zip(tokens, words) if s < e.start], \
                [w for (s, _), w in zip(tokens, words) if s >= e.end]
            key = (group, e.text.lower())
            flt["features"].append(token_features(text, e.start, e.end, before[-1] if before else "^",
                                                  after[0] if after else "$", used[key], capitalised[key]))
            flt["labels"].append(int(_overlaps(e.start, e.end, gold)))
            flt["parts"].append(part)
        for j, (s, e) in enumerate(tokens):
            if _overlaps(s, e, predicted) or not any(c.isalpha() for c in words[j]):
                continue
            tag["features"].append(token_features(text, s, e, words[j - 1] if j else "^",
                                                  words[j + 1] if j + 1 < len(words) else "$"))
            tag["labels"].append(int(_overlaps(s, e, gold)))
            tag["parts"].append(part)
    for study in (flt, tag):
        study["labels"] = np.array(study["labels"], dtype=int)
    return flt, tag


def study(split: str = "dev", folds: int = 10, gold_path: Path = GOLD) -> dict:
    """Both studies on one split of the PII set; see the module docstring."""
    records = [r for r in load_gold(gold_path) if r.get("split") == split]
    if not records:
        raise SystemExit(f"error: no records with split '{split}' in {gold_path}; expected dev or test")
    for r in records:
        r.setdefault("group", r["id"])
        r.setdefault("part", r["id"].split("-")[0])
    found = detect_in_groups([r["text"] for r in records], [r["group"] for r in records])
    flt, tag = candidates(records, found)
    n_parts = len(set(flt["parts"]))
    folds = min(folds, n_parts)
    filter_scores = out_of_fold(flt["features"], flt["labels"], flt["parts"], folds)
    tagger_scores = out_of_fold(tag["features"], tag["labels"], tag["parts"], folds)
    true_names = int(flt["labels"].sum())
    filter_rows = dropped_for_loss(filter_scores, flt["labels"])
    for row in filter_rows:
        row["person_precision"] = round((true_names - row["true_lost"]) / max(row["kept"], 1), 3)
    return {"split": split, "texts": len(records), "parts": n_parts, "folds": folds,
            "filter": {"candidates": len(flt["labels"]), "true": true_names,
                       "false": int((flt["labels"] == 0).sum()), "rows": filter_rows},
            "tagger": {"candidates": len(tag["labels"]), "missed_name_tokens": int(tag["labels"].sum()),
                       "rows": recovered_at(tagger_scores, tag["labels"])}}


def report(result: dict) -> str:
    f, t = result["filter"], result["tagger"]
    lines = [f"{result['texts']} texts of split '{result['split']}', {result['parts']} parts, "
             f"{result['folds']} folds by part",
             f"filter: {f['candidates']} PERSON findings, {f['true']} true, {f['false']} false",
             "  true names lost  false names dropped  person precision"]
    lines += [f"  {r['true_lost']:>15}  {r['false_dropped']:>19}  {r['person_precision']:>16.3f}" for r in f["rows"]]
    lines += [f"tagger: {t['candidates']} tokens no detection touches, {t['missed_name_tokens']} in missed names",
              "  threshold  names recovered  new false names"]
    lines += [f"  {r['threshold']:>9}  {r['recovered']:>15}  {r['false']:>15}" for r in t["rows"]]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev", help="which split of the PII set to study (default: dev)")
    parser.add_argument("--folds", type=int, default=10, help="folds by part (default: 10)")
    parser.add_argument("--gold", type=Path, default=GOLD, help="the PII evaluation file")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if args.folds < 2:
        parser.error(f"--folds must be at least 2, got {args.folds}")
    result = study(args.split, args.folds, args.gold)
    print(report(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
