"""Copy the training split into the package, compressed: toolkit/data/base_training/train.csv.xz.

`barriers train --base default` refits the shipped model on its own training data plus the user's, so
an installed package (a wheel has no datasets/ folder) needs that split. `make dataset` runs this after
rebuilding the splits; tests/unit/test_packaging.py fails when the copy differs from
datasets/barriers/train.csv.

    python scripts/package_training_split.py          # write the copy
    python scripts/package_training_split.py --check  # exit 1 if it is stale
"""

from __future__ import annotations

import argparse
import lzma
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "datasets" / "barriers" / "train.csv"
TARGET = REPO / "toolkit" / "data" / "base_training" / "train.csv.xz"


def is_current(source: Path = SOURCE, target: Path = TARGET) -> bool:
    """Whether *target* decompresses to the bytes of *source*."""
    return target.is_file() and lzma.decompress(target.read_bytes()) == source.read_bytes()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the copy is stale instead of writing it")
    args = parser.parse_args(argv)
    if is_current():
        return 0
    if args.check:
        print(f"{TARGET.relative_to(REPO)} is stale; run: python scripts/package_training_split.py", file=sys.stderr)
        return 1
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(lzma.compress(SOURCE.read_bytes(), preset=9 | lzma.PRESET_EXTREME))
    print(f"wrote {TARGET.relative_to(REPO)} ({TARGET.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
