"""Typed placeholders that stay consistent within a group, and the mapping file.

A :class:`PseudonymTable` numbers the distinct values of each type in one
group (a document, a client's journal, a conversation): the first person is
``[PERSON_1]``, the next ``[PERSON_2]``, and the variants of one person's
name ("Jake Morrison", "jake", "Jakey", "Jake's") share one number
(:class:`PersonIndex` states the rule). Originals are remembered only in memory, and only
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
from .names import NAME_PARTICLES, STRETCHED, destretch, fold, gazetteer
from .nicknames import families

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


# Pet forms built by rule: "Jakey", "Sammy", "Katie", "Rosie".
_PET_SUFFIXES = ("ie", "ey", "y")


def _pet_roots(word: str) -> set[str]:
    """The names a pet form may be built on: "sammy" -> {"sammy", "samm", "sam", "samme"}."""
    roots = {word}
    for suffix in _PET_SUFFIXES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 3:
            roots.update((stem, stem + "e"))
            if stem[-1] == stem[-2]:
                roots.add(stem[:-1])
    return roots


def _deletions(word: str) -> set[str]:
    return {word[:k] + word[k + 1 :] for k in range(len(word))} if len(word) >= 4 else set()


def spelling_variant(a: str, b: str) -> bool:
    """One slip apart: two letters swapped, a letter doubled or an "h" dropped (any length from 3), or,
    when both have 5 letters or more and one is no listed name, any one letter changed, added or lost.

    Examples
    --------
    >>> spelling_variant("micheal", "michael"), spelling_variant("sara", "sarah"), spelling_variant("mark", "mary")
    (True, True, False)
    """
    if a == b or abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 3:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return len(a) >= 4
        return len(diff) == 1 and _a_misspelling(a, b)
    short, long = sorted((a, b), key=len)
    for k in range(len(long)):
        if long[:k] + long[k + 1 :] == short:
            extra = long[k]
            doubled = (k > 0 and long[k - 1] == extra) or (k + 1 < len(long) and long[k + 1] == extra)
            return doubled or extra == "h" or _a_misspelling(a, b)
    return False


def _a_misspelling(a: str, b: str) -> bool:
    names = gazetteer()
    return min(len(a), len(b)) >= 5 and ("F" not in names.get(a, "") or "F" not in names.get(b, ""))


# Letters that lose no accent when folded but are often typed without one: "Łukasz"/"lukasz", "Søren"/"soren".
_TO_ASCII = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h",
                           "þ": "th", "ð": "d"})


def plain_letters(word: str) -> str:
    """*word* (folded) with the letters that folding keeps written plainly.

    Examples
    --------
    >>> plain_letters("łukasz"), plain_letters("søren")
    ('lukasz', 'soren')
    """
    return word.translate(_TO_ASCII)


def _readings(word: str) -> tuple[str, ...]:
    """A stretched name's readings ("jessss" -> "jes", "jess"), or the name itself."""
    return tuple(destretch(word)) if STRETCHED.search(word) else (word,)


def _shortening(short: str, long: str) -> bool:
    """*short*, no listed first name itself, is the start ("tiff" of Tiffany) or an ending of four letters or
    more ("bola" of Adebola) of *long*, or one of those with a pet "-s" ("tiffs"); a listed name ("dan") is
    left alone, as it may well be someone else's (Dan and Danielle)."""
    if len(long) - len(short) < 2 or len(short) < 3 or "F" in gazetteer().get(short, ""):
        return False
    if long.startswith(short) or (len(short) >= 4 and long.endswith(short)):
        return True
    return short.endswith("s") and len(short) >= 4 and long.startswith(short[:-1])


def related_names(a: str, b: str) -> bool:
    """Whether two folded given names can name one person: equal, one family of the nickname table
    ("dre", "andre"), a pet form ("jakey", "jake"), a slip of spelling, a possessive without its
    apostrophe ("anyas", "anya"), a shortening that is no listed name ("tiff", "tiffany") or a
    stretched form of one of these ("jessss", "jess").

    Examples
    --------
    >>> related_names("dre", "andre"), related_names("dan", "danielle"), related_names("katie", "kate")
    (True, False, True)
    >>> related_names("tiff", "tiffany"), related_names("zeeee", "zee"), related_names("łukasz", "lukasz")
    (True, True, True)
    """
    if a == b:
        return True
    a, b = plain_letters(a), plain_letters(b)
    if len(a) >= 3 and len(b) >= 3 and (STRETCHED.search(a) or STRETCHED.search(b)):
        return any(_related(x, y) for x in _readings(a) for y in _readings(b))
    return _related(a, b)


def _related(a: str, b: str) -> bool:
    if a == b:
        return True
    table = families()
    if table.get(a, frozenset()) & table.get(b, frozenset()):
        return True
    if {r for r in _pet_roots(a) if len(r) >= 3} & _pet_roots(b):
        return True
    short, long = sorted((a, b), key=len)
    return (long == short + "s" and len(short) >= 3) or spelling_variant(a, b) or _shortening(short, long)


def _signatures(word: str) -> set[tuple[str, str]]:
    """Index keys under which :func:`related_names` candidates of *word* can be found."""
    keys: set[tuple[str, str]] = set()
    for reading in _readings(plain_letters(word)):
        keys |= {("d", reading)} | {("d", d) for d in _deletions(reading)}
        keys |= {("r", r) for r in _pet_roots(reading) if len(r) >= 3}
        keys |= {("f", str(n)) for n in families().get(reading, ())}
        if reading.endswith("s") and len(reading) >= 4:
            keys |= {("d", reading[:-1]), ("p", reading[:-1])}
        # starts and endings, for shortenings: "tiff" meets "tiffany" under ("p", "tiff")
        keys |= {("p", reading[:k]) for k in range(3, len(reading) + 1)}
        keys |= {("e", reading[k:]) for k in range(max(0, len(reading) - 12), len(reading) - 3)}
    return keys


class _Person:
    __slots__ = ("head", "full_names")

    def __init__(self, head: str):
        self.head = head  # the longest given name seen: the one variants are compared with
        self.full_names: list[tuple[str, str]] = []  # (given, surname)


class PersonIndex:
    """Groups the name variants of one group (a client, a conversation) into people.

    The rule, for a name not seen before in the group:

    - a full name ("Andre Baptiste") fits a person with a full name of the
      same surname whose given name it is or is a variant of, or a person
      known only by a given name it starts with (or a variant of it), or only
      by its surname ("Baptiste");
    - a single name fits a person whose given name it is a variant of
      (nickname or pet form, a slip of spelling, a possessive without the
      apostrophe: see :func:`related_names`) or whose surname it is;
    - it joins that person when exactly **one** person fits. When none fits,
      or two or more do ("Sam" in a group with Sam Taylor and Sam Okafor),
      it becomes a new person: two people are never merged on a guess.

    Names are compared with each person's longest given name only, so a
    chain of variants cannot pull in a third name ("Dani" may join Danielle,
    but "Dan" is then not compared with "Dani").

    Examples
    --------
    >>> index = PersonIndex()
    >>> [index.resolve(k) for k in ["andre baptiste", "dre", "andre", "baptiste", "danielle", "dan"]]
    [0, 0, 0, 0, 1, 2]
    """

    def __init__(self):
        self._of: dict[str, int] = {}
        self._people: list[_Person] = []
        self._index: dict[tuple[str, str], set[int]] = {}

    def __contains__(self, key: str) -> bool:
        return key in self._of

    def resolve(self, key: str) -> int:
        """The person (a number) that the folded name *key* names; a new one when none fits uniquely."""
        person = self._of.get(key)
        if person is None:
            fits = self._fits(key)
            person = fits.pop() if len(fits) == 1 else self._new(key)
            self._add(person, key)
        return person

    def prime(self, keys) -> None:
        """Resolve all the names of a group at once: full names first, then longer names before shorter,
        so "dre" meets "Andre" however the rows are ordered."""
        for key in sorted(set(keys) - set(self._of), key=lambda k: (-len(k.split()), -len(k), k)):
            self.resolve(key)

    def _new(self, key: str) -> int:
        parts = key.split()
        self._people.append(_Person(parts[0]))
        return len(self._people) - 1

    def _add(self, person: int, key: str) -> None:
        self._of[key] = person
        entry = self._people[person]
        parts = key.split()
        given = parts[0]
        if len(parts) > 1:
            entry.full_names.append((given, parts[-1]))
            words = (given, parts[-1])
        else:
            words = (given,)
        if len(given) > len(entry.head) and related_names(given, entry.head):
            entry.head = given
        for word in words:
            for signature in _signatures(word):
                self._index.setdefault(signature, set()).add(person)

    def _candidates(self, word: str) -> set[int]:
        found: set[int] = set()
        for signature in _signatures(word):
            found |= self._index.get(signature, set())
        return found

    def _fits(self, key: str) -> set[int]:
        parts = key.split()
        given, surname = parts[0], parts[-1] if len(parts) > 1 else None
        candidates = self._candidates(given) | (self._candidates(surname) if surname else set())
        fits = set()
        for person in candidates:
            entry = self._people[person]
            if surname is None:
                ok = related_names(given, entry.head) or any(given == s or related_names(given, g)
                                                             for g, s in entry.full_names)
            elif entry.full_names:
                ok = any(surname == s and related_names(given, g) for g, s in entry.full_names)
            else:
                ok = related_names(given, entry.head) or surname == entry.head
            if ok:
                fits.add(person)
        return fits


class PseudonymTable:
    """Placeholders for the values of one group.

    Person names go through a :class:`PersonIndex`, so the variants of one
    person's name share a placeholder. In a two-pass run, :meth:`observe`
    first collects every name of the group; the first :meth:`placeholder`
    call then groups them all at once (:meth:`PersonIndex.prime`).

    Examples
    --------
    >>> table = PseudonymTable()
    >>> [table.placeholder("PERSON", v) for v in ["Jake Morrison", "Maria", "jake", "Jakey", "Maria's"]]
    ['[PERSON_1]', '[PERSON_2]', '[PERSON_1]', '[PERSON_1]', '[PERSON_2]']
    """

    def __init__(self, remember_originals: bool = False):
        self.remember_originals = remember_originals
        self._ids: dict[tuple[str, str], str] = {}
        self._counts: Counter = Counter()
        self._originals: dict[str, list[str]] = {}
        self._types: dict[str, str] = {}
        self._people = PersonIndex()
        self._person_ids: dict[int, str] = {}
        self._pending: list[str] = []
        self._names: set[str] = set()
        self._frozen: frozenset[str] | None = frozenset()

    def observe(self, entity_type: str, value: str) -> None:
        """Note a value found in the first pass (only person names matter there); no placeholder yet."""
        if entity_type == "PERSON":
            key = normalise("PERSON", value)
            if key:
                self._pending.append(key)
                self._add_names(key)

    def placeholder(self, entity_type: str, value: str) -> str:
        key = normalise(entity_type, value)
        if entity_type == "PERSON":
            if self._pending:
                self._people.prime(self._pending)
                self._pending = []
            person = self._people.resolve(key)
            self._add_names(key)
            found = self._person_ids.get(person)
            if found is None:
                found = self._person_ids[person] = self._new_placeholder(entity_type)
        else:
            found = self._ids.get((entity_type, key))
            if found is None:
                found = self._ids[(entity_type, key)] = self._new_placeholder(entity_type)
        if self.remember_originals:
            originals = self._originals.setdefault(found, [])
            if value not in originals:
                originals.append(value)
        return found

    def _new_placeholder(self, entity_type: str) -> str:
        self._counts[entity_type] += 1
        found = f"[{entity_type}_{self._counts[entity_type]}]"
        self._types[found] = entity_type
        return found

    def _add_names(self, key: str) -> None:
        words = key.split()
        plain = plain_letters(key)
        if plain != key:
            words += plain.split()  # "lukasz" is a name too once the group knows "Łukasz"
        if len(words) > 1:
            # The particles of a full name ("de", "le", "van", "al") are no names of their own: known, they made
            # every "le" of a French conversation a name once "Sibiri le ..." was read as one.
            words = [word for word in words if word not in NAME_PARTICLES]
        if not self._names.issuperset(words):
            self._names.update(words)
            self._frozen = None

    def person_names(self) -> frozenset[str]:
        """Folded single-word names seen so far (to recognise them again); the same object until one is added."""
        if self._frozen is None:
            self._frozen = frozenset(self._names)
        return self._frozen

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
