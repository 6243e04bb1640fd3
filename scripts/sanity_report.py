"""Pass rates of a model on the sanity set (datasets/sanity/), per kind, and the texts it fails.

Usage: python scripts/sanity_report.py [--model DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "unit"))

from test_sanity_set import passes, sanity_set  # noqa: E402

from toolkit.models import load_model  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None, help="Model directory (default: the shipped model).")
    args = parser.parse_args(argv)
    frame = sanity_set()
    ok = passes(frame, load_model(args.model).predict(frame["text"].tolist()))
    codebook = frame["kind"].str.startswith("codebook")
    table = ok.groupby(frame["kind"]).agg(["sum", "count"])
    print(table.rename(columns={"sum": "passed", "count": "texts"}).to_string())
    print(f"codebook examples passed: {int(ok[codebook].sum())} of {int(codebook.sum())}")
    print(f"rest passed: {ok[~codebook].mean():.3f} of {int((~codebook).sum())} "
          "(shipping rule: all codebook, >= 0.95 rest)")
    print("failing:")
    print(frame.loc[~ok, ["kind", "text"]].to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
