"""Typed placeholders that stay consistent within a group, and the mapping file.

A :class:`PseudonymTable` numbers the distinct values of each type in one
group (a document, a client's journal, a conversation): the first person is
``[PERSON_1]``, the next ``[PERSON_2]``, and "Jake", "jake" and "Jake
Morrison" share one number. Originals are remembered only in memory, and only
written out by :func:`write_mapping`, with owner-only permissions.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path

from ..errors import InputError
from ..io import write_text_atomic
from ..outputs import output_target
from .entities import Entity
from .names import fold

MAPPING_FORMATS = (".json", ".csv")


def normalise(entity_type: str, value: str) -> str:
    """The form two mentions of one value share.

    Examples
    --------
    >>> normalise("PHONE", "+44 7700 900123") == normalise("PHONE", "07700 900123")
    True
    >>> normalise("PERSON", "Jake's")
    'jake'
    """
    if entity_type == "PERSON":
        value = re.sub(r"['’]s$", "", value.strip())
        return " ".join(fold(value).split())
    if entity_type == "PHONE":
        digits = re.sub(r"\D", "", value)
        return digits[-10:] if len(digits) >= 10 else digits
    if entity_type == "URL":
        value = re.sub(r"^(?:https?|ftp)://", "", value.strip().lower())
        return re.sub(r"^www\.", "", value).rstrip("/")
    if entity_type == "HANDLE":
        return value.strip().lower().lstrip("@")
    return re.sub(r"[\s.-]", "", value.lower())


class PseudonymTable:
    """Placeholders for the values of one group.

    Examples
    --------
    >>> table = PseudonymTable()
    >>> [table.placeholder("PERSON", v) for v in ["Jake Morrison", "Maria", "jake"]]
    ['[PERSON_1]', '[PERSON_2]', '[PERSON_1]']
    """

    def __init__(self, remember_originals: bool = False):
        self.remember_originals = remember_originals
        self._ids: dict[tuple[str, str], str] = {}
        self._counts: Counter = Counter()
        self._originals: dict[str, list[str]] = {}
        self._types: dict[str, str] = {}
        self._full_names: dict[str, str] = {}  # first or last word of a full name -> its placeholder

    def placeholder(self, entity_type: str, value: str) -> str:
        key = normalise(entity_type, value)
        found = self._ids.get((entity_type, key))
        new_key = found is None
        if found is None and entity_type == "PERSON":
            found = self._person_alias(key)
        if found is None:
            self._counts[entity_type] += 1
            found = f"[{entity_type}_{self._counts[entity_type]}]"
            self._types[found] = entity_type
        self._ids[(entity_type, key)] = found
        if new_key and entity_type == "PERSON":
            parts = key.split()
            if len(parts) > 1:
                for part in (parts[0], parts[-1]):
                    self._full_names.setdefault(part, found)
        if self.remember_originals:
            originals = self._originals.setdefault(found, [])
            if value not in originals:
                originals.append(value)
        return found

    def _person_alias(self, key: str) -> str | None:
        """"Jake" after "Jake Morrison" (or the other way round) is the same person.

        A single name matches the first full name seen that starts or ends
        with it; a full name matches its first word seen alone. Both are
        looked up in indexes (scanning every name seen made a text naming
        5,000 people take 16 s).
        """
        parts = key.split()
        if len(parts) == 1:
            return self._full_names.get(parts[0])
        if len(parts) > 1:
            return self._ids.get(("PERSON", parts[0]))
        return None

    def person_names(self) -> set[str]:
        """Folded single-word names seen so far (to recognise them again)."""
        return {part for (kind, key) in self._ids if kind == "PERSON" for part in key.split()}

    def entries(self, group: str | None) -> list[dict]:
        return [{"group": group, "placeholder": placeholder, "type": self._types[placeholder], "originals": originals}
                for placeholder, originals in self._originals.items()]


def replace_entities(text: str, entities: list[Entity], table: PseudonymTable) -> str:
    """*text* with each entity replaced by its placeholder from *table*.

    Examples
    --------
    >>> replace_entities("hi Jake", [Entity(3, 7, "PERSON", "Jake")], PseudonymTable())
    'hi [PERSON_1]'
    """
    pieces, last = [], 0
    for entity in entities:
        pieces.append(text[last : entity.start])
        pieces.append(table.placeholder(entity.type, text[entity.start : entity.end]))
        last = entity.end
    pieces.append(text[last:])
    return "".join(pieces)


def write_mapping(path: str | os.PathLike, entries: list[dict]) -> None:
    """Write the placeholder -> originals mapping atomically, readable by its owner only.

    ``.json`` gives a list of ``{group, placeholder, type, originals}``;
    ``.csv`` one row per original value.
    """
    path = Path(path)
    if path.suffix.lower() not in MAPPING_FORMATS:
        raise InputError(f"mapping file '{path}' must end in .json or .csv")
    output_target(path, what="--mapping file", private=True)  # fails before the content is built
    if path.suffix.lower() == ".json":
        content = json.dumps(entries, ensure_ascii=False, indent=1) + "\n"
    else:
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["group", "placeholder", "type", "original"])
        for entry in entries:
            for original in entry["originals"]:
                writer.writerow([entry["group"], entry["placeholder"], entry["type"], original])
        content = buffer.getvalue()
    write_text_atomic(path, content, what="--mapping file", private=True)
