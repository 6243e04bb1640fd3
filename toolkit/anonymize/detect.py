"""find_entities: every kind of personal data in one text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..text import PLACEHOLDER
from .entities import Entity, SpanSet, parse_entity_types, resolve_overlaps
from .names import find_names, fold, gazetteer, is_place, is_word
from .nicknames import name_variants
from .patterns import find_patterns
from .tokens import split_words


def find_entities(text: str, *, keep: Iterable[str] | str = (), known_names: Iterable[str] = ()) -> list[Entity]:
    """Personal data in *text*, as non-overlapping entities in text order.

    Parameters
    ----------
    text : str
        One text; placeholders such as ``[PERSON_1]`` left by an earlier run
        are never reported.
    keep : iterable of str
        Entity types to leave alone (for example ``("AGE",)``).
    known_names : iterable of str
        Folded names already found in the same client's or conversation's
        texts; they count as names here too, and so do their nicknames and
        pet forms ("dre" once "Andre" is known, "Jakey" once "Jake" is).

    Examples
    --------
    >>> text = "ok so Jake texted me from jake.m@example.com, call 07700 900123"
    >>> [(e.type, text[e.start:e.end]) for e in find_entities(text)]
    [('PERSON', 'Jake'), ('EMAIL', 'jake.m@example.com'), ('PHONE', '07700 900123')]
    >>> [e.type for e in find_entities(text, keep=["PHONE"])]
    ['PERSON', 'EMAIL']
    """
    kept_types = parse_entity_types(keep) if keep else frozenset()
    if not text:
        return []
    parts = split_words(text)
    base = known_names if isinstance(known_names, frozenset) else frozenset(known_names)
    candidates = find_patterns(text, is_word, parts) + find_names(text, _with_variants(base), parts, base)
    if _CODE_HINT.search(text):
        candidates += _codes_beside_places(text)
    placeholders = SpanSet((m.start(), m.end()) for m in PLACEHOLDER.finditer(text))
    candidates = [e for e in candidates if not placeholders.overlaps(e.start, e.end)]
    entities = resolve_overlaps(candidates)
    if any(e.type in _ADDRESS_PARTS for e in entities):
        entities = _drop_towns(text, entities)
    return [e for e in entities if e.type not in kept_types]


_ADDRESS_PARTS = frozenset({"POSTCODE", "ADDRESS"})
_VARIANTS: dict[frozenset[str], frozenset[str]] = {}


def _with_variants(names: frozenset[str]) -> frozenset[str]:
    """*names* with their nicknames and pet forms; kept for the group's next texts, which mostly know the same names."""
    if not names:
        return names
    found = _VARIANTS.get(names)
    if found is None:
        if len(_VARIANTS) > 64:
            _VARIANTS.clear()
        found = _VARIANTS[names] = names.union(*(name_variants(name) for name in names))
    return found
_CODE_HINT = re.compile(r"\d{4}")
# A town and its code: "Berlin 10115", "Mumbai - 400001", "75011 Paris", "1012 AB Amsterdam".
_PLACE_THEN_CODE = re.compile(r"\b([A-ZÀ-Ý][a-zà-ÿ]+)\s*(?:-\s*)?(\d{5,6})\b(?![.,:/-]\d)")
_CODE_THEN_PLACE = re.compile(r"(?<![\w.,:/-])(\d{5}|[1-9]\d{3} ?[A-Z]{2})\s+([A-ZÀ-Ý][a-zà-ÿ]+)\b")


def _codes_beside_places(text: str) -> list[Entity]:
    """Postcodes written beside a town without any address around: after a place of the shipped lists or a
    capitalised word that is neither an English word nor a first name, or before any capitalised non-word."""
    found = []
    for m in _PLACE_THEN_CODE.finditer(text):
        key = fold(m.group(1))
        if is_place(key) or not (is_word(key) or "F" in gazetteer().get(key, "")):
            found.append(Entity(m.start(2), m.end(2), "POSTCODE", m.group(2)))
    for m in _CODE_THEN_PLACE.finditer(text):  # nobody writes "75011 Jake": any capitalised non-word will do
        key = fold(m.group(2))
        if is_place(key) or not is_word(key):
            found.append(Entity(m.start(1), m.end(1), "POSTCODE", m.group(1)))
    return found
_TOWN_GAP = re.compile(r"[ \t]*(?:,|-)?[ \t]*")


def _drop_towns(text: str, entities: list[Entity]) -> list[Entity]:
    """A capitalised word beside a postcode or right after a street address is its town, not a person
    ("Hyderabad 500034", "80802 München", "Road No. 12, Banjara Hills")."""
    kept = []
    for k, entity in enumerate(entities):
        if entity.type == "PERSON":
            before = entities[k - 1] if k else None
            after = entities[k + 1] if k + 1 < len(entities) else None
            if (after is not None and after.type == "POSTCODE" and _TOWN_GAP.fullmatch(text, entity.end, after.start)) \
                    or (before is not None and before.type in _ADDRESS_PARTS
                        and _TOWN_GAP.fullmatch(text, before.end, entity.start)):
                continue
        kept.append(entity)
    return kept
