"""Build datasets/pii/pii_eval.jsonl from the marked-up raw files.

Each raw line (see SPEC.md) holds a text with personal data wrapped as
``<<TYPE:surface>>``. This script strips the markup and writes one JSON object
per text: ``id``, ``register``, ``part``, ``split`` (``dev`` or ``test`` as
``DEV_PARTS`` and ``TEST_PARTS`` below say; each round's new test parts move
to dev after their one reading, and DATASHEET.md gives the history), ``group``, the plain ``text`` and
``spans`` (``start``, ``end``, ``type``, ``text``) as character offsets into it.

``group`` names the client journal or conversation a text belongs to. Parts 09
on carry it in the raw file (``g<part>-NN``, every row in a group of its own
part); rows of parts 01-08 were written one by one, so each is its own group
and ``group`` is the row's ``id``.

It refuses a file with a bad id or group, an unknown register or type, a
part with no split, a duplicate id, nested or unclosed markup, or a stray
``<<``/``>>``.

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
DEV_PARTS = {"01", "02", "03", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20",
             "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "32", "33", "34", "35", "36",
             "37", "38", "39", "40", "41", "42", "43", "44", "45", "46", "47", "48"}
TEST_PARTS = {"04", "05", "06", "49", "50"}
FIRST_GROUPED_PART = 9
MARK = re.compile(r"<<([A-Z_]+):(.*?)>>", re.DOTALL)


class MarkupError(ValueError):
    pass


def strip_markup(marked: str) -> tuple[str, list[dict]]:
    """Plain text and spans from a marked-up text.

    >>> strip_markup("ok <<PERSON:Jake>> texted <<PHONE:07700 900123>>")
    ('ok Jake texted 07700 900123', [{'start': 3, 'end': 7, 'type': 'PERSON', 'text': 'Jake'}, {'start': 15, 'end': 27, 'type': 'PHONE', 'text': '07700 900123'}])
    """  # noqa: E501
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


def raw_group(raw_record: dict, part: str) -> str:
    """The record's group: its ``group`` field from part 09 on, else its own id."""
    group = raw_record.get("group")
    if group is None:
        if int(part) >= FIRST_GROUPED_PART:
            raise MarkupError(f"no 'group'; rows of part {part} need one such as g{part}-01")
        return raw_record["id"]
    if not isinstance(group, str) or not re.fullmatch(rf"g{part}-\d{{2}}", group):
        raise MarkupError(f"group '{group}' should look like g{part}-01 (the row's own part)")
    return group


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
                if part not in DEV_PARTS | TEST_PARTS:
                    raise MarkupError(f"part {part} has no split; add it to DEV_PARTS or TEST_PARTS in build_pii.py")
                group = raw_group(raw_record, part)
                text, spans = strip_markup(raw_record["text"])
            except (json.JSONDecodeError, KeyError, MarkupError) as exc:
                problems.append(f"{where}: {exc}")
                continue
            seen.add(raw_record["id"])
            records.append({"id": raw_record["id"], "register": raw_record["register"], "part": part,
                            "split": "dev" if part in DEV_PARTS else "test", "group": group,
                            "text": text, "spans": spans})
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
    sizes = Counter(r["group"] for r in records)
    multi = [size for size in sizes.values() if size > 1]
    print(f"wrote {len(records)} texts with {sum(types.values())} spans to {OUT}")
    print("registers: " + ", ".join(f"{k} {v}" for k, v in sorted(registers.items())))
    print("spans: " + ", ".join(f"{t} {types[t]}" for t in TYPES))
    print(f"groups: {len(sizes)}, of which {len(multi)} hold more than one text ({sum(multi)} texts)")


if __name__ == "__main__":
    main()
