"""Whole-document vs sentence-level scoring on the dev split, for each model type.

Each model is trained on whole training texts; on dev its scorer is applied
to whole texts or to each sentence, combined by max, noisy-OR or the mean of
the document score and the strongest sentence (toolkit.models.sentences),
with thresholds re-tuned on dev for each variant. Prints dev macro-F1 per
model type and aggregation (the table in docs/models.md):

    python scripts/aggregation_report.py
"""

from __future__ import annotations

from pathlib import Path

import toolkit
from toolkit.labelled import load_labelled
from toolkit.metrics import label_f1
from toolkit.models import tune_thresholds
from toolkit.models.sentences import AGGREGATIONS, score_by_sentence

DATA = Path(__file__).resolve().parents[1] / "datasets" / "barriers"
TYPES = {"lexicon": {}, "linear": {}, "semantic": {"C": 16.0}}


def main() -> None:
    taxonomy = toolkit.load_taxonomy()
    dev = load_labelled(DATA / "dev.csv", taxonomy)
    print("| model | " + " | ".join(AGGREGATIONS) + " |")
    print("|---" * (len(AGGREGATIONS) + 1) + "|")
    for model_type, params in TYPES.items():
        model = toolkit.train(
            DATA / "train.csv", dev=DATA / "dev.csv", model_type=model_type, taxonomy=taxonomy, **params
        )
        cells = []
        for how in AGGREGATIONS:
            scores = score_by_sentence(model._scores, dev.texts, how)
            thresholds = tune_thresholds(dev.y, scores)
            cells.append(f"{label_f1(dev.y, scores >= thresholds)['macro_f1']:.3f}")
        print(f"| {model_type} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
