"""Do the anonymiser's outputs stay byte-identical? A check to run before and after a speed change.

Records, on datasets/pii/pii_eval.jsonl (all splits) and datasets/barriers/dev.csv:

- ``find_entities`` on every text alone;
- ``detect_in_groups`` with the PII file's ``group`` field (names known across a group's texts);
- the two-pass ``anonymized_frames`` output and mapping on dev.csv, every 7 rows one group, in chunks of 50
  (so chunk boundaries fall inside groups);
- ``anonymize_texts`` (one pass, each text its own group) on both files.

Usage::

    python benchmarks/anonymize_identity.py --write /tmp/before.json   # on the old code
    python benchmarks/anonymize_identity.py --check /tmp/before.json   # on the new code: exit 1 on any difference

The records hold the texts' personal data, so they go to a path you give (a temp dir), never the repo.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import pandas as pd

from toolkit.anonymize import Anonymizer, anonymize_texts, anonymized_frames, find_entities
from toolkit.anonymize.anonymizer import detect_in_groups
from toolkit.anonymize.evaluate import load_gold
from toolkit.io import read_all

REPO = Path(__file__).resolve().parents[1]


def _entities(found) -> list[list]:
    return [[e.start, e.end, e.type, e.text] for e in found]


def record() -> dict[str, list]:
    """Every output the check compares, by name."""
    gold = load_gold(REPO / "datasets" / "pii" / "pii_eval.jsonl")
    pii = [r["text"] for r in gold]
    groups = [r.get("group", r["id"]) for r in gold]
    dev = read_all(REPO / "datasets" / "barriers" / "dev.csv")["text"].astype(str).tolist()
    frame = pd.DataFrame({"client": [f"c{i // 7}" for i in range(len(dev))], "text": dev})
    anonymizer = Anonymizer(["text"], group_column="client", remember_originals=True)
    chunks = [frame.iloc[k : k + 50] for k in range(0, len(frame), 50)]
    two_pass = pd.concat(anonymized_frames(lambda: chunks, anonymizer))["text"].tolist()
    return {
        "pii_alone": [_entities(find_entities(t)) for t in pii],
        "pii_grouped": [_entities(found) for found in detect_in_groups(pii, groups)],
        "pii_anonymized": anonymize_texts(pii),
        "dev_alone": [_entities(find_entities(t)) for t in dev],
        "dev_anonymized": anonymize_texts(dev),
        "dev_two_pass": two_pass,
        "dev_two_pass_mapping": anonymizer.mapping(),
        "dev_two_pass_counts": sorted(anonymizer.counts_.items()),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--write", type=Path, help="Write the records to this file.")
    target.add_argument("--check", type=Path, help="Compare with the records in this file.")
    args = parser.parse_args(argv)
    now = record()
    if args.write:
        args.write.write_text(json.dumps(now, ensure_ascii=False), encoding="utf-8")
        print(f"wrote {sum(len(v) for v in now.values())} records to {args.write}")
        return 0
    if not args.check.is_file():
        print(f"error: no records at {args.check}; write them first with --write {args.check}", file=sys.stderr)
        return 2
    before = json.loads(args.check.read_text(encoding="utf-8"))
    now = json.loads(json.dumps(now, ensure_ascii=False))
    differing = 0
    for name, values in now.items():
        old = before.get(name)
        if old == values:
            digest = hashlib.sha256(json.dumps(values, ensure_ascii=False).encode()).hexdigest()[:12]
            print(f"{name:<22} identical ({len(values)} records, sha256 {digest})")
            continue
        differing += 1
        rows = [k for k, (a, b) in enumerate(zip(old or [], values)) if a != b]
        print(f"{name:<22} DIFFERS: {len(rows)} of {len(values)} records (first at index {rows[:5]}), "
              f"lengths {len(old or [])} -> {len(values)}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
