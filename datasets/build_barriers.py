"""Build datasets/barriers/{train,dev,test}.csv from the authored slices in datasets/raw/.

Steps: read every raw/<slice>/part-*.jsonl; give each text a stable id
(<slice>-<part>-<line>); drop near-duplicates (character 5-gram Jaccard >=
0.8, keeping the first); group texts that share a sentence or are similar
(Jaccard >= 0.5) so no group straddles two splits; split 70/15/15 with
iterative stratification over the label combinations (Sechidis, Tsoumakas
and Vlahavas, 2011), seeded. Deterministic: the same raw files give the same
splits.

Usage: python datasets/build_barriers.py [--seed 13]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.io import write_table
from toolkit.labelled import near_duplicates
from toolkit.taxonomy import load_taxonomy

HERE = Path(__file__).resolve().parent
RAW = HERE / "raw"
OUT = HERE / "barriers"
SPLITS = {"train": 0.70, "dev": 0.15, "test": 0.15}
GROUPING_JACCARD = 0.5


def iter_raw():
    """(id, record) for every authored text; the id is <slice>-<part>-<line>."""
    for part in sorted(RAW.glob("*/part-*.jsonl")):
        slice_name, part_no = part.parent.name, re.sub(r"\D", "", part.stem)
        for line_no, line in enumerate(part.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                yield f"{slice_name}-{part_no}-{line_no:03d}", json.loads(line)


def read_raw(labels: tuple[str, ...]) -> pd.DataFrame:
    records = []
    for text_id, record in iter_raw():
        challenge = record.get("challenge") or []
        if record.get("perspective") in ("third", "general") and "third_person" not in challenge:
            challenge = [*challenge, "third_person"]
        records.append({
            "id": text_id,
            "text": record["text"].strip(),
            **{label: int(record[label]) for label in labels},
            "register": record["register"],
            "source": f"authored:{text_id.rsplit('-', 2)[0]}",
            "perspective": record.get("perspective", "first"),
            "challenge": ";".join(sorted(set(challenge))),
        })
    return pd.DataFrame.from_records(records)


def apply_adjudications(frame: pd.DataFrame, labels: tuple[str, ...]) -> int:
    """Set the adjudicated labels of texts the two annotation passes disagreed on."""
    path = HERE / "annotation" / "adjudications.jsonl"
    applied = 0
    index = {row_id: i for i, row_id in enumerate(frame["id"])}
    for line in path.read_text(encoding="utf-8").splitlines():
        decision = json.loads(line)
        i = index.get(decision["id"])
        if i is None or hashlib.sha256(frame.at[i, "text"].encode()).hexdigest() != decision["text_sha256"]:
            raise SystemExit(f"adjudication for {decision['id']} no longer matches its text; re-adjudicate it")
        for label in labels:
            frame.at[i, label] = int(decision[label])
        applied += 1
    return applied


def shared_sentence_pairs(texts: list[str]) -> list[tuple[int, int]]:
    seen: dict[str, int] = {}
    pairs = []
    for i, text in enumerate(texts):
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
            key = re.sub(r"\W+", " ", sentence.lower()).strip()
            if len(key.split()) < 5:
                continue
            if key in seen and seen[key] != i:
                pairs.append((seen[key], i))
            else:
                seen.setdefault(key, i)
    return pairs


def groups_of(n: int, pairs) -> np.ndarray:
    parent = list(range(n))

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in pairs:
        parent[find(a)] = find(b)
    return np.array([find(i) for i in range(n)])


def iterative_stratification(y: np.ndarray, groups: np.ndarray, proportions: list[float], seed: int) -> np.ndarray:
    """Assign each group to a split so every label's positives follow *proportions*."""
    rng = np.random.default_rng(seed)
    unique, inverse = np.unique(groups, return_inverse=True)
    group_y = np.zeros((len(unique), y.shape[1]), dtype=int)
    np.add.at(group_y, inverse, y)
    group_size = np.bincount(inverse)
    # "none" is a stratum of its own, so label-free texts are spread evenly too.
    group_y = np.hstack([group_y, (group_y.sum(axis=1) == 0)[:, None] * group_size[:, None]])
    props = np.array(proportions)
    desired_total = props * group_size.sum()
    desired = props[:, None] * group_y.sum(axis=0)[None, :]
    assignment = np.full(len(unique), -1)
    order = rng.permutation(len(unique))
    remaining = set(order.tolist())
    while remaining:
        idx = np.array(sorted(remaining))
        counts = group_y[idx].sum(axis=0)
        active = np.flatnonzero(counts > 0)
        label = active[np.argmin(counts[active])] if len(active) else None
        pool = idx[group_y[idx, label] > 0] if label is not None else idx
        for g in rng.permutation(pool):
            need = desired[:, label] if label is not None else desired_total
            best = np.flatnonzero(need == need.max())
            if len(best) > 1:
                best = best[np.flatnonzero(desired_total[best] == desired_total[best].max())]
            split = rng.choice(best)
            assignment[g] = split
            desired[split] -= group_y[g]
            desired_total[split] -= group_size[g]
            remaining.discard(int(g))
    return assignment[inverse]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    labels = load_taxonomy().ids
    frame = read_raw(labels)
    adjudicated = apply_adjudications(frame, labels)
    texts = frame["text"].tolist()
    duplicates = near_duplicates(texts, 0.8)
    drop = sorted({j for _, j, _ in duplicates})
    frame = frame.drop(index=drop).reset_index(drop=True)
    texts = frame["text"].tolist()
    pairs = [(i, j) for i, j, _ in near_duplicates(texts, GROUPING_JACCARD)] + shared_sentence_pairs(texts)
    groups = groups_of(len(frame), pairs)
    split_of = iterative_stratification(frame[list(labels)].to_numpy(), groups, list(SPLITS.values()), args.seed)
    OUT.mkdir(exist_ok=True)
    columns = ["id", "text", *labels, "register", "source", "perspective", "challenge"]
    for k, name in enumerate(SPLITS):
        part = frame[split_of == k][columns]
        write_table(part, OUT / f"{name}.csv")
        print(f"{name}: {len(part)} rows, positives {part[list(labels)].sum().to_dict()}")
    print(f"applied {adjudicated} adjudications; dropped {len(drop)} near-duplicates; "
          f"{len(pairs)} similar pairs kept within one split")


if __name__ == "__main__":
    main()
