"""Build datasets/shift/ from datasets/shift/source.tsv: a community the corpus never saw.

source.tsv holds 220 fictional chat messages from a gamers' Discord server,
written for the project in the server's slang (vc, gc, duo, squad, clip,
flame, cope, skill issue, npc, ...), labelled to the codebook; a line's label
field may say what annotator "ana" or "ben" chose where it differs from the
adjudicated label. Writes:

- train.csv / heldout.csv: a seeded split (2/3, 1/3) stratified by label combination;
- pool.csv: the train texts without labels (the corpus a researcher samples from);
- annotations/ana.json: ana's labels of the pool as a Label Studio JSON export;
- annotations/ben.jsonl: ben's labels of the pool as a doccano JSONL export (ben
  skipped the last few texts);
- annotations/adjudicated.csv: the disagreements file of 'barriers annotate
  agreement' with its label columns filled in with the adjudicated labels.

Usage: python datasets/build_shift.py
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.annotate.sheets import compare_annotators
from toolkit.io import write_table, write_text_atomic
from toolkit.taxonomy import load_taxonomy

HERE = Path(__file__).resolve().parent / "shift"
LETTERS = {"F": "fear_of_rejection", "P": "past_experiences", "S": "self_doubt", "C": "cultural_influences"}
SEED = 7
HELD_OUT_SHARE = 1 / 3
BEN_SKIPPED = 8


def _labels(code: str) -> set[str]:
    return {LETTERS[c] for c in code if c != "-"}


def read_source() -> pd.DataFrame:
    rows = []
    for line in (HERE / "source.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, text = line.split("\t", 1)
        gold, *variants = code.split("|")
        chosen = dict(v.split("=", 1) for v in variants)
        rows.append({"id": f"shift-{len(rows) + 1:03d}", "text": text.strip(), "gold": _labels(gold),
                     "ana": _labels(chosen.get("a", gold)), "ben": _labels(chosen.get("b", gold))})
    return pd.DataFrame(rows)


def split(frame: pd.DataFrame) -> np.ndarray:
    """True for held-out rows: a seeded third of every label combination."""
    rng = np.random.default_rng(SEED)
    held = np.zeros(len(frame), dtype=bool)
    combos = frame["gold"].map(lambda s: ";".join(sorted(s)))
    for combo in sorted(set(combos)):
        members = rng.permutation(np.flatnonzero(combos.to_numpy() == combo))
        held[members[: int(round(len(members) * HELD_OUT_SHARE))]] = True
    return held


def labelled(frame: pd.DataFrame, labels: tuple[str, ...], column: str = "gold") -> pd.DataFrame:
    out = frame[["id", "text"]].copy()
    for label in labels:
        out[label] = frame[column].map(lambda s, lab=label: int(lab in s))
    out["register"] = "chat"
    out["source"] = "authored:discord"
    return out.reset_index(drop=True)


def label_studio_export(frame: pd.DataFrame, names: dict[str, str]) -> list[dict]:
    tasks = []
    for i, row in enumerate(frame.itertuples(), start=1):
        result = [{"id": f"r{i}", "from_name": "barriers", "to_name": "text", "type": "choices", "origin": "manual",
                   "value": {"choices": [names[label] for label in LETTERS.values() if label in row.ana]}}]
        tasks.append({"id": 1000 + i, "data": {"id": row.id, "text": row.text},
                      "annotations": [{"id": 5000 + i, "completed_by": 1, "was_cancelled": False, "ground_truth": False,
                                       "result": result if row.ana else []}],
                      "predictions": [], "project": 3})
    return tasks


def doccano_export(frame: pd.DataFrame) -> str:
    lines = [json.dumps({"id": 300 + i, "text": row.text, "label": [lab for lab in LETTERS.values() if lab in row.ben],
                         "Comments": []}, ensure_ascii=False)
             for i, row in enumerate(frame.iloc[: len(frame) - BEN_SKIPPED].itertuples(), start=1)]
    return "\n".join(lines) + "\n"


def main() -> None:
    taxonomy = load_taxonomy()
    frame = read_source()
    held = split(frame)
    train, heldout = frame[~held].reset_index(drop=True), frame[held].reset_index(drop=True)
    write_table(labelled(train, taxonomy.ids), HERE / "train.csv")
    write_table(labelled(heldout, taxonomy.ids), HERE / "heldout.csv")
    write_table(train[["id", "text"]], HERE / "pool.csv")
    annotations = HERE / "annotations"
    annotations.mkdir(exist_ok=True)
    names = {label.id: label.name for label in taxonomy.labels}
    write_text_atomic(
        annotations / "ana.json", json.dumps(label_studio_export(train, names), indent=1, ensure_ascii=False) + "\n"
    )
    write_text_atomic(annotations / "ben.jsonl", doccano_export(train))
    report = compare_annotators([annotations / "ana.json", annotations / "ben.jsonl"], taxonomy)
    gold = {" ".join(t.split()): row for t, row in zip(train["text"], labelled(train, taxonomy.ids).itertuples())}
    decisions = report.disagreements.copy()
    for label in taxonomy.ids:
        decisions[label] = [getattr(gold[" ".join(text.split())], label) for text in decisions["text"]]
    write_table(decisions, annotations / "adjudicated.csv")
    print(f"train {len(train)}, held-out {len(heldout)}, disagreements adjudicated {len(decisions)}")


if __name__ == "__main__":
    main()
