"""Error analysis of a model on the real-text development files, joined with the error-category tags.

Scores ``../shared/eval/counsel_chat_170.csv`` and ``../shared/eval/real_dev_274.csv`` (relative to the
repository root) with a model (default: the shipped one) and prints a Markdown block for
docs/error-analysis.md: per file and label TP / FP / FN, F1, texts flagged against annotated, micro-F1 and
macro3; false positives and false negatives per label and error category per file and register (the
categories come from docs/error-analysis/real_dev_tags.csv); and a supporter-turn ablation for the chat
excerpts. Exits 0 with a "skipped" message when ../shared/eval is absent.

    python scripts/error_analysis.py                                   # the shipped default model
    python scripts/error_analysis.py --model out/models/linear --out out/error-analysis.md
    python scripts/error_analysis.py --json out/before.json            # keep the counts ...
    python scripts/error_analysis.py --model NEW --before out/before.json   # ... and show what moved
    python scripts/error_analysis.py --before-model OLD_MODEL_DIR            # or score the old model too

The output holds ids, labels, category names and counts only, never a text.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

import toolkit
from toolkit.errors import ToolkitError
from toolkit.figures import label_figures

ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = ROOT.parent / "shared" / "eval"
FILES = ("counsel_chat_170", "real_dev_274")
TAGS = ROOT / "docs" / "error-analysis" / "real_dev_tags.csv"
SHORT = {"fear_of_rejection": "F", "past_experiences": "P", "self_doubt": "S", "cultural_influences": "C"}
GROUPS = ("counsel_chat_170/forum", "real_dev_274/forum", "real_dev_274/chat")
UNTAGGED = "untagged"
WRONG_LABEL = "wrong_label"
CATEGORY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


class AnalysisError(Exception):
    """Bad input: the message says what was expected, what was found and how to fix it."""


def short(label: str) -> str:
    """One-letter column name for the codebook labels; the id itself for any other taxonomy."""
    return SHORT.get(label, label)


def read_gold(path: Path, labels: tuple[str, ...]) -> pd.DataFrame:
    """Read one real dev file; every row gets a ``register`` (forum when the column is absent)."""
    frame = pd.read_csv(path, dtype={"id": str})
    missing = [column for column in ("id", "text", *labels) if column not in frame.columns]
    if missing:
        raise AnalysisError(f"{path}: expected columns id, text and {', '.join(labels)}; missing {missing}. "
                            "Use a labelled file in the codebook format")
    if "register" not in frame.columns:
        frame["register"] = "forum"
    frame["text"] = frame["text"].fillna("").astype(str)
    return frame.reset_index(drop=True)


def read_tags(path: Path, gold: dict[str, pd.DataFrame], labels: tuple[str, ...]) -> dict[tuple[str, str, str], str]:
    """Read the tag file into {(file, id, label): category} and check it against the gold files."""
    if not path.exists():
        raise AnalysisError(f"tag file {path} not found; expected a CSV with columns file,id,label,category "
                            "(pass --tags, or --tags '' to run without categories)")
    tags = pd.read_csv(path, dtype=str).fillna("")
    if list(tags.columns) != ["file", "id", "label", "category"]:
        raise AnalysisError(f"{path}: expected columns file,id,label,category, got {','.join(tags.columns)}")
    problems = []
    known = {name: set(frame["id"]) for name, frame in gold.items()}
    for row in tags.itertuples(index=False):
        where = f"{row.file},{row.id},{row.label}"
        if row.file not in known:
            problems.append(f"{where}: file must be one of {sorted(known)}")
        elif row.id not in known[row.file]:
            problems.append(f"{where}: id not in {row.file}.csv")
        if row.label not in (*labels, "any"):
            problems.append(f"{where}: label must be a taxonomy id or 'any'")
        if not CATEGORY_PATTERN.match(row.category):
            problems.append(f"{where}: category {row.category!r} is not a snake_case name")
    duplicated = tags[tags.duplicated(["file", "id", "label"], keep=False)]
    problems += [f"{r.file},{r.id},{r.label}: tagged more than once" for r in duplicated.itertuples(index=False)]
    if problems:
        shown = "\n  ".join(problems[:20])
        raise AnalysisError(f"{path}: {len(problems)} bad row(s); fix them:\n  {shown}")
    return {(r.file, r.id, r.label): r.category for r in tags.itertuples(index=False)}


def without_supporter(text: str) -> str:
    """The seeker's turns of a chat excerpt (lines starting ``B:`` are the supporter's)."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("B:"))


def text_category(tags: dict, name: str, text_id: str, label: str, labels: tuple[str, ...],
                  gold_row: np.ndarray) -> tuple[str, str]:
    """Category of a (text, label) pair and where it came from.

    The pair's own row first; else the text's ``any`` row; else the row of another label that is
    gold-negative for this text (such a row describes the text's content, not a barrier); else, for a
    false positive on a text that carries another barrier, ``wrong_label``. So a new false positive of
    a later model still lands in a category.
    """
    if (name, text_id, label) in tags:
        return tags[(name, text_id, label)], "own"
    if (name, text_id, "any") in tags:
        return tags[(name, text_id, "any")], "any"
    for k, other in enumerate(labels):
        if other != label and not gold_row[k] and (name, text_id, other) in tags:
            return tags[(name, text_id, other)], "other_label"
    if not gold_row[list(labels).index(label)] and gold_row.any():
        return WRONG_LABEL, "other_label"
    return UNTAGGED, "none"


def analyse(model, gold: dict[str, pd.DataFrame], tags: dict) -> dict:
    """Score every file; return headline counts, per-(text, label) outcomes and the chat ablation."""
    labels = tuple(model.taxonomy_.ids)
    headline, outcomes, ablation = {}, [], {}
    for name, frame in gold.items():
        y = frame[list(labels)].to_numpy().astype(bool)
        p = model.predict(frame["text"].tolist()).astype(bool)
        figures = label_figures(y, p, labels)
        per_label = {label: {key: counts[key] for key in ("annotated", "flagged", "tp", "fp", "fn", "f1")}
                     for label, counts in figures["labels"].items()}
        headline[name] = {"texts": len(frame), "micro_f1": figures["micro_f1"], "macro3": figures["macro3"],
                          "labels": per_label}
        for i, row in frame.iterrows():
            for j, label in enumerate(labels):
                if not (y[i, j] or p[i, j]):
                    continue
                outcome = "TP" if y[i, j] and p[i, j] else ("FN" if y[i, j] else "FP")
                category, source = text_category(tags, name, row["id"], label, labels, y[i])
                outcomes.append({"file": name, "id": row["id"], "register": row["register"], "label": label,
                                 "outcome": outcome, "category": category, "tag_source": source})
        chat = frame.index[frame["register"] == "chat"]
        if len(chat):
            seeker = model.predict([without_supporter(frame.at[i, "text"]) for i in chat]).astype(bool)
            false_pos = p[chat] & ~y[chat]
            ablation[name] = {label: {"chat_texts": len(chat), "fp": int(false_pos[:, j].sum()),
                                      "fp_gone_without_supporter": int((false_pos[:, j] & ~seeker[:, j]).sum())}
                              for j, label in enumerate(labels)}
    return {"model_id": model.model_id, "model_type": model.model_type, "labels": list(labels),
            "headline": headline, "outcomes": outcomes, "ablation": ablation}


def _fmt(value: float) -> str:
    return f"{value:.2f}"


def _delta(after: float, before: float | None, digits: int = 2) -> str:
    if before is None:
        return f"{after:.{digits}f}" if isinstance(after, float) else str(after)
    if isinstance(after, float):
        return f"{before:.{digits}f} → {after:.{digits}f}"
    return f"{before} → {after}"


def headline_markdown(result: dict, before: dict | None) -> list[str]:
    labels = result["labels"]
    lines = ["### Headline", "",
             "| file | texts | micro-F1 | macro3 | " + " | ".join(f"{short(label)} F1" for label in labels) + " |",
             "|---|---|---|---|" + "---|" * len(labels)]
    for name, h in result["headline"].items():
        b = before["headline"].get(name) if before else None
        cells = [_delta(h["micro_f1"], b and b["micro_f1"]), _delta(h["macro3"], b and b["macro3"])]
        cells += [_delta(h["labels"][label]["f1"], b and b["labels"][label]["f1"]) for label in labels]
        lines.append(f"| {name} | {h['texts']} | " + " | ".join(cells) + " |")
    for name, h in result["headline"].items():
        b = before["headline"].get(name) if before else None
        lines += ["", f"**{name}** ({h['texts']} texts)", "",
                  "| label | annotated | flagged | TP | FP | FN | F1 |", "|---|---|---|---|---|---|---|"]
        for label in labels:
            c, o = h["labels"][label], (b["labels"][label] if b else {})
            cells = [_delta(c[key], o.get(key)) for key in ("annotated", "flagged", "tp", "fp", "fn", "f1")]
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def _group(row: dict) -> str:
    return f"{row['file']}/{row['register']}"


def category_tables(result: dict) -> pd.DataFrame:
    """Counts per category, label, outcome and file/register group (long format)."""
    columns = ["file", "id", "register", "label", "outcome", "category"]
    frame = pd.DataFrame([{key: o[key] for key in columns} for o in result["outcomes"]], columns=columns)
    if frame.empty:
        return pd.DataFrame(columns=["category", "label", "outcome", "group", "n"])
    frame["group"] = [_group(row) for row in frame.to_dict("records")]
    return frame.groupby(["category", "label", "outcome", "group"]).size().rename("n").reset_index()


def category_markdown(result: dict, before: dict | None) -> list[str]:
    labels = result["labels"]
    counts = category_tables(result)
    old = category_tables(before) if before else None

    def total(table, category, outcome, label=None):
        if table is None:
            return None
        mask = (table["category"] == category) & (table["outcome"] == outcome)
        if label is not None:
            mask &= table["label"] == label
        return int(table.loc[mask, "n"].sum())

    categories = sorted(set(counts["category"]) | (set(old["category"]) if old is not None else set()),
                        key=lambda c: (-(total(counts, c, "FP") + total(counts, c, "FN")), c))
    header = " | ".join(f"FP {short(label)}" for label in labels) + " | " + \
        " | ".join(f"FN {short(label)}" for label in labels)
    lines = ["### Errors per category (all files)", "",
             "TP, FP and FN are (text, label) pairs. Categories come from the tag file; `untagged` marks a pair "
             "the tag file has no row for (a new error of a new model: tag it and rerun).", "",
             f"| category | {header} | FP all | FN all | TP |", "|---|" + "---|" * (2 * len(labels) + 3)]
    for category in categories:
        cells = [_delta(total(counts, category, "FP", label), total(old, category, "FP", label)) for label in labels]
        cells += [_delta(total(counts, category, "FN", label), total(old, category, "FN", label)) for label in labels]
        cells += [_delta(total(counts, category, outcome), total(old, category, outcome))
                  for outcome in ("FP", "FN", "TP")]
        lines.append(f"| {category} | " + " | ".join(cells) + " |")
    all_cells = [_delta(int(counts.loc[counts["outcome"] == o, "n"].sum()),
                        int(old.loc[old["outcome"] == o, "n"].sum()) if old is not None else None)
                 for o in ("FP", "FN", "TP")]
    lines.append("| **all** | " + " | ".join([""] * (2 * len(labels))) + " | " + " | ".join(all_cells) + " |")
    sources = pd.Series([o.get("tag_source", "own") for o in result["outcomes"]]).value_counts()
    lines += ["", f"Category source: {int(sources.get('own', 0))} pairs tagged directly, "
              f"{int(sources.get('any', 0))} from the text's `any` row, {int(sources.get('other_label', 0))} from "
              "another label of the same text (its content category, or `wrong_label` when the text carries "
              f"another barrier), {int(sources.get('none', 0))} untagged."]
    lines += ["", "### Errors per category, label and file/register", "",
              "| category | label | outcome | " + " | ".join(GROUPS) + " |", "|---|---|---|" + "---|" * len(GROUPS)]
    errors = counts[counts["outcome"] != "TP"]
    for (category, label, outcome), part in errors.groupby(["category", "label", "outcome"], sort=False):
        by_group = dict(zip(part["group"], part["n"], strict=True))
        cells = [str(by_group.get(group, 0)) for group in GROUPS]
        lines.append(f"| {category} | {short(label)} | {outcome} | " + " | ".join(cells) + " |")
    return lines


def ablation_markdown(result: dict) -> list[str]:
    lines = ["### Chat: false positives without the supporter's turns", "",
             "Each chat excerpt scored again with the supporter's (`B:`) lines removed; a false positive that "
             "disappears was carried by the supporter's words.", "",
             "| file | label | chat texts | FP | FP gone without supporter turns |", "|---|---|---|---|---|"]
    for name, per_label in result["ablation"].items():
        for label, c in per_label.items():
            if c["fp"]:
                lines.append(f"| {name} | {label} | {c['chat_texts']} | {c['fp']} | {c['fp_gone_without_supporter']} |")
    return lines


def moved_markdown(result: dict, before: dict) -> list[str]:
    """Errors fixed and errors introduced per category, from the outcomes of the two runs."""
    def keyed(res):
        return {(o["file"], o["id"], o["label"]): o for o in res["outcomes"]}
    new, old = keyed(result), keyed(before)
    rows = {}
    for key in set(new) | set(old):
        was = old.get(key, {}).get("outcome", "TN")
        now = new.get(key, {}).get("outcome", "TN")
        if was == now:
            continue
        category = (old.get(key) or new.get(key))["category"]
        if category == UNTAGGED and key in new:
            category = new[key]["category"]
        rows.setdefault((category, f"{was} → {now}"), 0)
        rows[(category, f"{was} → {now}")] += 1
    lines = ["### What moved (text, label pairs whose outcome changed)", "",
             "| category | change | pairs |", "|---|---|---|"]
    for (category, change), n in sorted(rows.items(), key=lambda item: (-item[1], item[0])):
        lines.append(f"| {category} | {change} | {n} |")
    if not rows:
        lines.append("| (none) | | 0 |")
    return lines


def render(result: dict, before: dict | None, command: str) -> str:
    today = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"Model `{result['model_id']}` ({result['model_type']}), scored {today} with `{command}`"
             + (f"; arrows show `{before['model_id']}` → this model." if before else "."), ""]
    lines += headline_markdown(result, before) + [""] + category_markdown(result, before) + [""]
    lines += ablation_markdown(result)
    if before:
        lines += [""] + moved_markdown(result, before)
    return "\n".join(lines) + "\n"


def write_atomic(path: Path, content: str) -> None:
    """Write *content* to *path* through a temporary file, so a failed run leaves no half-written output."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None, help="model directory (default: the shipped default model)")
    parser.add_argument("--out", default=None, help="also write the Markdown block to this file")
    parser.add_argument("--json", default=None, help="also write the counts and per-pair outcomes (ids only) as JSON")
    parser.add_argument("--before", default=None, help="JSON of an earlier run (--json) to compare against")
    parser.add_argument("--before-model", default=None,
                        help="or: an earlier model directory, scored here and compared against")
    parser.add_argument("--tags", default=str(TAGS), help="tag file (file,id,label,category); '' for none")
    parser.add_argument("--eval-dir", default=str(EVAL_DIR), help="folder with the real dev files")
    args = parser.parse_args(argv)
    eval_dir = Path(args.eval_dir)
    if not eval_dir.is_dir():
        print(f"skipped: ../shared/eval not found (looked for {eval_dir})")
        return 0
    try:
        before = None
        if args.before:
            try:
                before = json.loads(Path(args.before).read_text(encoding="utf-8"))
                before["headline"], before["outcomes"]  # noqa: B018 - fail early on a wrong file
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise AnalysisError(f"--before {args.before}: expected the JSON written by --json, got {exc!r}; "
                                    "rerun the earlier model with --json") from None
        model = toolkit.load_model(args.model)
        labels = tuple(model.taxonomy_.ids)
        gold = {}
        for name in FILES:
            path = eval_dir / f"{name}.csv"
            if not path.exists():
                raise AnalysisError(f"{path} not found; expected both {', '.join(f + '.csv' for f in FILES)} "
                                    f"in {eval_dir}")
            gold[name] = read_gold(path, labels)
        tags = read_tags(Path(args.tags), gold, labels) if args.tags else {}
        result = analyse(model, gold, tags)
        if args.before_model:
            if before is not None:
                raise AnalysisError("pass --before or --before-model, not both")
            before = analyse(toolkit.load_model(args.before_model), gold, tags)
    except (AnalysisError, ToolkitError, OSError, pd.errors.ParserError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    shown = ["python scripts/error_analysis.py"] + [f"--{k.replace('_', '-')} {v}" for k, v in vars(args).items()
                                                     if v and k in ("model", "before", "before_model")]
    markdown = render(result, before, " ".join(shown))
    print(markdown, end="")
    if args.out:
        write_atomic(Path(args.out), markdown)
    if args.json:
        write_atomic(Path(args.json), json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
