"""Build datasets/barriers/{train,dev,test}.csv from the authored slices in datasets/raw/.

Steps: read every raw/<slice>/part-*.jsonl; give each text a stable id
(<slice>-<part>-<line>); drop near-duplicates (character 5-gram Jaccard >=
0.8, keeping the first); group texts that share a sentence or are similar
(Jaccard >= 0.5) so no group straddles two splits; split 70/15/15 with
iterative stratification over the label combinations (Sechidis, Tsoumakas
and Vlahavas, 2011), seeded. Deterministic: the same raw files give the same
splits.

Texts of the first corpus (FIRST_CORPUS) keep the splits they had before
later slices were added: they are split among themselves exactly as before,
and a later text that is similar to one of them follows it into its split;
the other later texts are stratified among themselves with the same seed.

Evidence spans (column `evidence`, format in toolkit/evidence.py and the
datasheet) come from the slice's own `evidence` field (exact fragments of the
text), from datasets/annotation/evidence/*.jsonl (sentence-level annotation of
the first corpus), or, for a positive text of one sentence, from the rule that
the sentence is the evidence. Rows with neither are left not annotated.

`calibration.csv` is the part of the dev split that comes from the slices
written at realistic label rates (REALISTIC_SLICES): thresholds and calibration
of the shipped model are tuned on it. `realistic_test.csv`, the same part of
the test split, is what the realistic quality gates read.

Usage: python datasets/build_barriers.py [--seed 13] [--out DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.evidence import format_evidence, locate
from toolkit.io import write_table
from toolkit.labelled import near_duplicates
from toolkit.taxonomy import load_taxonomy
from toolkit.text import sentence_spans

HERE = Path(__file__).resolve().parent
RAW = HERE / "raw"
OUT = HERE / "barriers"
SPLITS = {"train": 0.70, "dev": 0.15, "test": 0.15}
GROUPING_JACCARD = 0.5
# A sentence shared by more texts than this is a stock phrase and does not group them (later slices only:
# the first corpus keeps the grouping it was split with).
STOCK_PHRASE_TEXTS = 3
FIRST_CORPUS = {"chat", "forum_a", "forum_b", "journal_a", "journal_b", "long_1", "long_2", "long_3", "long_4",
                "long_5", "long_6"}
REALISTIC_SLICES = ("long_4", "long_5", "long_6", "natural_")
EVIDENCE_DIR = HERE / "annotation" / "evidence"


def slice_of(text_id: str) -> str:
    return text_id.rsplit("-", 2)[0]


def is_realistic(slice_name: str) -> bool:
    return slice_name.startswith(REALISTIC_SLICES)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def annotated_evidence() -> dict[str, tuple[str, dict]]:
    """Sentence-level evidence annotated after writing: id -> (text sha256, {label: [[start, end], ...]})."""
    found = {}
    for path in sorted(EVIDENCE_DIR.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                found[record["id"]] = (record["text_sha256"], record["evidence"])
    return found


def iter_raw():
    """(id, record) for every authored text; the id is <slice>-<part>-<line>."""
    for part in sorted(RAW.glob("*/part-*.jsonl")):
        slice_name, part_no = part.parent.name, re.sub(r"\D", "", part.stem)
        for line_no, line in enumerate(part.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                yield f"{slice_name}-{part_no}-{line_no:03d}", json.loads(line)


def written_evidence(text_id: str, text: str, record: dict) -> dict | None:
    """The spans of the fragments a slice's writer marked as evidence (None when the slice has none)."""
    if "evidence" not in record:
        return None
    try:
        return {label: [locate(text, fragment) for fragment in fragments]
                for label, fragments in record["evidence"].items()}
    except Exception as exc:
        raise SystemExit(f"{text_id}: {exc}") from None


def read_raw(labels: tuple[str, ...]) -> pd.DataFrame:
    records = []
    for text_id, record in iter_raw():
        challenge = record.get("challenge") or []
        if record.get("perspective") in ("third", "general") and "third_person" not in challenge:
            challenge = [*challenge, "third_person"]
        text = record["text"].strip()
        records.append({
            "id": text_id,
            "text": text,
            "written_spans": written_evidence(text_id, text, record),
            **{label: int(record[label]) for label in labels},
            "register": record["register"],
            "source": f"authored:{text_id.rsplit('-', 2)[0]}",
            "perspective": record.get("perspective", "first"),
            "challenge": ";".join(sorted(set(challenge))),
        })
    return pd.DataFrame.from_records(records)


def evidence_cells(frame: pd.DataFrame, labels: tuple[str, ...]) -> tuple[list[str], dict[str, int]]:
    """The `evidence` cell of every row after adjudication, and how many labels each source gave spans."""
    annotated = annotated_evidence()
    cells, sources = [], {"written": 0, "annotated": 0, "one_sentence": 0, "missing": 0}
    for row in frame.itertuples(index=False):
        positive = [label for label in labels if getattr(row, label)]
        spans = row.written_spans
        source = "written"
        if spans is None and row.id in annotated:
            digest, stored = annotated[row.id]
            if digest != sha256(row.text):
                raise SystemExit(f"evidence for {row.id} no longer matches its text; re-annotate it")
            spans, source = {label: [tuple(pair) for pair in pairs] for label, pairs in stored.items()}, "annotated"
        spans = {**(spans or {}), **row.extra_spans}
        spans = {label: pairs for label, pairs in spans.items() if label in positive and pairs}
        sentences = sentence_spans(row.text)
        for label in positive:
            if label not in spans and len(sentences) == 1:
                spans[label] = [(sentences[0][1], sentences[0][2])]
                sources["one_sentence"] += 1
            elif label in spans:
                sources[source] += 1
        if any(label not in spans for label in positive):
            sources["missing"] += sum(label not in spans for label in positive)
            cells.append("")
            continue
        cells.append(format_evidence({label: spans[label] for label in labels if label in spans}))
    return cells, sources


def split_first_corpus(frame: pd.DataFrame, labels: tuple[str, ...], seed: int) -> tuple[pd.DataFrame, np.ndarray, int]:
    """Split the first corpus exactly as it was split before later slices existed."""
    texts = frame["text"].tolist()
    duplicates = near_duplicates(texts, 0.8)
    drop = sorted({j for _, j, _ in duplicates})
    frame = frame.drop(index=drop).reset_index(drop=True)
    texts = frame["text"].tolist()
    pairs = [(i, j) for i, j, _ in near_duplicates(texts, GROUPING_JACCARD)] + shared_sentence_pairs(texts)
    groups = groups_of(len(frame), pairs)
    split_of = iterative_stratification(frame[list(labels)].to_numpy(), groups, list(SPLITS.values()), seed)
    return frame, split_of, len(drop)


def split_later(first: pd.DataFrame, first_split: np.ndarray, later: pd.DataFrame, labels: tuple[str, ...],
                seed: int) -> tuple[pd.DataFrame, np.ndarray, int]:
    """Split the later slices: a text similar to a first-corpus text joins its split, the rest are stratified."""
    n_first = len(first)
    texts = first["text"].tolist() + later["text"].tolist()
    duplicates = [(i, j) for i, j, _ in near_duplicates(texts, 0.8) if j >= n_first]
    drop = sorted({j - n_first for _, j in duplicates})
    later = later.drop(index=drop).reset_index(drop=True)
    texts = first["text"].tolist() + later["text"].tolist()
    pairs = ([(i, j) for i, j, _ in near_duplicates(texts, GROUPING_JACCARD)]
             + shared_sentence_pairs(texts, STOCK_PHRASE_TEXTS))
    groups = groups_of(len(texts), pairs)
    forced, torn = {}, set()
    for i in range(n_first):
        if forced.setdefault(groups[i], first_split[i]) != first_split[i]:
            torn.add(groups[i])
    # A later text that links first-corpus texts of two splits would leak into one of them: leave it out.
    torn_rows = [k for k, g in enumerate(groups[n_first:]) if g in torn]
    if torn_rows:
        later = later.drop(index=torn_rows).reset_index(drop=True)
        return split_later(first, first_split, later, labels, seed)[:2] + (len(drop) + len(torn_rows),)
    later_groups = groups[n_first:]
    split_of = np.full(len(later), -1)
    free = np.array([g not in forced for g in later_groups], dtype=bool)
    for k in np.flatnonzero(~free):
        split_of[k] = forced[later_groups[k]]
    if free.any():
        split_of[free] = iterative_stratification(later.loc[free, list(labels)].to_numpy(), later_groups[free],
                                                  list(SPLITS.values()), seed)
    return later, split_of, len(drop)


ADJUDICATION_FILES = ("adjudications.jsonl", "adjudications_2.jsonl", "audit.jsonl")


def apply_adjudications(frame: pd.DataFrame, labels: tuple[str, ...], files=ADJUDICATION_FILES) -> dict[str, int]:
    """Set the labels decided after writing, file by file, later files winning.

    adjudications.jsonl settles the disagreements of the first corpus's blind
    sample, adjudications_2.jsonl those of the blind pass over the later slices,
    audit.jsonl the audit of the first corpus against the decision rules. A
    decision may carry `evidence` (label -> exact fragments) for a label it sets to 1.
    """
    applied = {}
    index = {row_id: i for i, row_id in enumerate(frame["id"])}
    if "extra_spans" not in frame.columns:
        frame["extra_spans"] = [{} for _ in range(len(frame))]
    for name in files:
        path = HERE / "annotation" / name
        if not path.exists():
            continue
        applied[name] = 0
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            decision = json.loads(line)
            i = index.get(decision["id"])
            if i is None or sha256(frame.at[i, "text"]) != decision["text_sha256"]:
                raise SystemExit(f"{name}: decision for {decision['id']} no longer matches its text; decide it again")
            for label in labels:
                frame.at[i, label] = int(decision[label])
            for label, fragments in decision.get("evidence", {}).items():
                try:
                    frame.at[i, "extra_spans"][label] = [locate(frame.at[i, "text"], f) for f in fragments]
                except Exception as exc:
                    raise SystemExit(f"{name}: {decision['id']}: {exc}") from None
            applied[name] += 1
    return applied


def shared_sentence_pairs(texts: list[str], max_texts: int | None = None) -> list[tuple[int, int]]:
    """Pairs of texts that share a sentence of five or more words.

    With *max_texts*, a sentence found in more texts than that is a stock
    phrase (a supporter's "that sounds really hard, how long has it been like
    this?"), not a sign of two versions of one text, and links nothing.
    """
    holders: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
            key = re.sub(r"\W+", " ", sentence.lower()).strip()
            if len(key.split()) < 5:
                continue
            owners = holders.setdefault(key, [])
            if not owners or owners[-1] != i:
                owners.append(i)
    pairs = []
    for owners in holders.values():
        if len(owners) > 1 and (max_texts is None or len(owners) <= max_texts):
            pairs.extend((owners[0], other) for other in owners[1:])
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
    parser.add_argument(
        "--out", type=Path, default=OUT, help="Folder for the split files (default: datasets/barriers)."
    )
    args = parser.parse_args()
    labels = load_taxonomy().ids
    frame = read_raw(labels)
    # The first corpus is split on the labels it was first split with; later decisions change labels, not splits.
    adjudicated = apply_adjudications(frame, labels, ADJUDICATION_FILES[:1])
    in_first = frame["id"].map(slice_of).isin(FIRST_CORPUS).to_numpy()
    first, first_split, first_dropped = split_first_corpus(frame[in_first].reset_index(drop=True), labels, args.seed)
    adjudicated.update(apply_adjudications(frame, labels, ADJUDICATION_FILES[1:]))
    frame["evidence"], evidence_sources = evidence_cells(frame, labels)
    decided = frame.set_index("id")
    for column in [*labels, "evidence"]:
        first[column] = first["id"].map(decided[column])
    later, later_split, later_dropped = split_later(first, first_split, frame[~in_first].reset_index(drop=True),
                                                    labels, args.seed)
    frame = pd.concat([first, later], ignore_index=True)
    split_of = np.concatenate([first_split, later_split])
    args.out.mkdir(parents=True, exist_ok=True)
    columns = ["id", "text", *labels, "register", "source", "perspective", "challenge", "evidence"]
    for k, name in enumerate(SPLITS):
        part = frame[split_of == k][columns]
        write_table(part, args.out / f"{name}.csv")
        print(f"{name}: {len(part)} rows, positives {part[list(labels)].sum().to_dict()}")
    dev = frame[split_of == list(SPLITS).index("dev")]
    calibration = dev[dev["id"].map(lambda i: is_realistic(slice_of(i)))][columns]
    write_table(calibration, args.out / "calibration.csv")
    test = frame[split_of == list(SPLITS).index("test")]
    realistic_test = test[test["id"].map(lambda i: is_realistic(slice_of(i)))][columns]
    write_table(realistic_test, args.out / "realistic_test.csv")
    print(f"realistic_test (realistic slices of test): {len(realistic_test)} rows")
    print(f"calibration (realistic slices of dev): {len(calibration)} rows, "
          f"positives {calibration[list(labels)].sum().to_dict()}")
    print(f"label decisions applied per file: {adjudicated}; left out {first_dropped + later_dropped} "
          "near-duplicates and texts linking two splits")
    print(f"evidence spans per positive label: {evidence_sources}")


if __name__ == "__main__":
    main()
