"""How well explain's evidence sentences match the gold evidence spans of a labelled split.

For every true positive (label flagged by the model and annotated), explain's
top sentence (highest score for the label) "hits" when it overlaps a gold
span of that label. Over all true positives: top-sentence hit rate, and
sentence-level precision and recall of explain's evidence sentences (those
at or above the threshold, or the best one) against the sentences that
overlap a gold span.

Usage: python scripts/evidence_report.py [--data datasets/barriers/test.csv] [--model DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import sys

import pandas as pd

import toolkit
from toolkit.evidence import evidence_matrix
from toolkit.models import load_model


def overlaps(start: int, end: int, spans) -> bool:
    return any(min(end, b) > max(start, a) for a, b in spans)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="datasets/barriers/test.csv")
    parser.add_argument("--model", default=None)
    parser.add_argument("--limit", type=int, default=None, help="Only the first N rows (quick runs).")
    args = parser.parse_args(argv)
    frame = pd.read_csv(args.data, keep_default_na=False)
    if args.limit:
        frame = frame.head(args.limit)
    model = load_model(args.model)
    labels = list(model.taxonomy_.ids)
    gold = evidence_matrix(frame, labels)
    predicted = model.predict(frame["text"].tolist())
    rows = []
    for i, text in enumerate(frame["text"].tolist()):
        wanted = [j for j, label in enumerate(labels) if predicted[i, j] and int(frame.iloc[i][label]) and gold[i]]
        if not wanted:
            continue
        explanation = toolkit.explain(text, model)
        for j in wanted:
            spans = gold[i][labels[j]]
            item = explanation[labels[j]]
            chosen = {(s.start, s.end) for s in item.evidence}
            relevant = {(s.start, s.end) for s in item.sentences if overlaps(s.start, s.end, spans)}
            top = item.sentences[0]
            rows.append(
                {
                    "label": labels[j],
                    "sentences": len(item.sentences),
                    "top_hit": overlaps(top.start, top.end, spans),
                    "tp": len(chosen & relevant),
                    "chosen": len(chosen),
                    "relevant": len(relevant),
                }
            )
    table = pd.DataFrame(rows)
    multi = table[table["sentences"] > 1]

    def summary(part: pd.DataFrame) -> pd.Series:
        return pd.Series({"true positives": len(part), "top sentence hits": round(part["top_hit"].mean(), 3),
                          "precision": round(part["tp"].sum() / max(part["chosen"].sum(), 1), 3),
                          "recall": round(part["tp"].sum() / max(part["relevant"].sum(), 1), 3)})

    result = pd.DataFrame({"all": summary(table), "texts of 2+ sentences": summary(multi)}).T
    print(f"{args.data}: model {model.model_id}")
    print(result.to_string())
    print(multi.groupby("label").apply(summary, include_groups=False).to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
