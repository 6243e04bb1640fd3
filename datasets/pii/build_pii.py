"""Build datasets/pii/pii_eval.jsonl from the marked-up raw files.

Each raw line (see SPEC.md) holds a text with personal data wrapped as
``<<TYPE:surface>>``. This script strips the markup and writes one JSON object
per text: ``id``, ``register``, ``part``, ``split`` (parts 01-03, 07 and 08
are ``dev``, 04-06 ``test``), the plain ``text`` and ``spans`` (``start``, ``end``,
``type``, ``text``) as character offsets into it. It refuses a file with a bad
id, an unknown register or type, a duplicate id, nested or unclosed markup,
or a stray ``<<``/``>>``.

Usage: python datasets/pii/build_pii.py
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
RAW = HERE / "raw"
OUT = HERE / "pii_eval.jsonl"
TYPES = ("PERSON", "EMAIL", "PHONE", "URL", "HANDLE", "ADDRESS", "POSTCODE", "DOB", "AGE", "ID_NUMBER", "IP_ADDRESS")
REGISTERS = ("journal", "chat", "forum")
DEV_PARTS = {"01", "02", "03", "07", "08"}
MARK = re.compile(r"<<([A-Z_]+):(.*?)>>", re.DOTALL)


class MarkupError(ValueError):
    pass


def strip_markup(marked: str) -> tuple[str, list[dict]]:
    """Plain text and spans from a marked-up text.

    >>> strip_markup("ok <<PERSON:Jake>> texted <<PHONE:07700 900123>>")
    ('ok Jake texted 07700 900123', [{'start': 3, 'end': 7, 'type': 'PERSON', 'text': 'Jake'}, {'start': 15, 'end': 27, 'type': 'PHONE', 'text': '07700 900123'}])
    """
    pieces, spans, last, length = [], [], 0, 0
    for m in MARK.finditer(marked):
        kind, surface = m.group(1), m.group(2)
        if kind not in TYPES:
            raise MarkupError(f"unknown type '{kind}'")
        if not surface or surface != surface.strip():
            raise MarkupError(f"empty span or span with outer spaces for {kind}")
        if "<<" in surface or ">>" in surface:
            raise MarkupError("nested markup")
        before = marked[last : m.start()]
        pieces.append(before)
        length += len(before)
        spans.append({"start": length, "end": length + len(surface), "type": kind, "text": surface})
        pieces.append(surface)
        length += len(surface)
        last = m.end()
    pieces.append(marked[last:])
    text = "".join(pieces)
    if "<<" in text or ">>" in text:
        raise MarkupError("stray '<<' or '>>' outside a well-formed <<TYPE:text>> span")
    return text, spans


def build(raw: Path = RAW) -> list[dict]:
    records, seen, problems = [], set(), []
    files = sorted(raw.glob("part-*.jsonl"))
    if not files:
        sys.exit(f"no raw files in {raw}")
    for path in files:
        part = re.sub(r"\D", "", path.stem)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                raw_record = json.loads(line)
                if not re.fullmatch(rf"p{part}-\d{{3}}", raw_record.get("id", "")):
                    raise MarkupError(f"id '{raw_record.get('id')}' should look like p{part}-001")
                if raw_record["id"] in seen:
                    raise MarkupError(f"duplicate id '{raw_record['id']}'")
                if raw_record.get("register") not in REGISTERS:
                    raise MarkupError(f"register '{raw_record.get('register')}' not in {REGISTERS}")
                text, spans = strip_markup(raw_record["text"])
            except (json.JSONDecodeError, KeyError, MarkupError) as exc:
                problems.append(f"{where}: {exc}")
                continue
            seen.add(raw_record["id"])
            records.append({"id": raw_record["id"], "register": raw_record["register"], "part": part,
                            "split": "dev" if part in DEV_PARTS else "test", "text": text, "spans": spans})
    if problems:
        sys.exit("raw PII files have problems:\n  " + "\n  ".join(problems))
    return records


def main() -> None:
    records = build()
    with open(OUT, "w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    types = Counter(s["type"] for r in records for s in r["spans"])
    registers = Counter(r["register"] for r in records)
    print(f"wrote {len(records)} texts with {sum(types.values())} spans to {OUT}")
    print("registers: " + ", ".join(f"{k} {v}" for k, v in sorted(registers.items())))
    print("spans: " + ", ".join(f"{t} {types[t]}" for t in TYPES))


if __name__ == "__main__":
    main()
