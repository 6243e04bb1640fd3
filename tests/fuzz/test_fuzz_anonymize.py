"""The anonymiser on arbitrary Unicode: bounded output, nothing it detects left behind."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.strategies import cell_texts, texts
from toolkit.anonymize import (
    ENTITY_TYPES,
    Anonymizer,
    Entity,
    PseudonymTable,
    anonymize_texts,
    find_entities,
    require_anonymised,
)
from toolkit.anonymize.entities import resolve_overlaps
from toolkit.anonymize.pseudonyms import normalise, related_names
from toolkit.errors import InputError

pytestmark = pytest.mark.fuzz

# The longest placeholder ("[IP_ADDRESS_99]", 15 characters) replaces a span of at least 2 characters.
GROWTH_FACTOR = 8


@given(texts(max_pieces=16))
def test_output_is_bounded_and_holds_nothing_detectable(text):
    entities = find_entities(text)
    assert all(0 <= e.start < e.end <= len(text) and text[e.start : e.end] == e.text for e in entities)
    assert all(a.end <= b.start for a, b in zip(entities, entities[1:]))
    [out] = anonymize_texts([text])
    assert len(out) <= GROWTH_FACTOR * len(text)
    assert find_entities(out) == []
    require_anonymised([out])
    # Text outside the replaced spans is left exactly as it was: the output, each placeholder read as
    # "some text", matches the input.
    parts = re.split(r"(\[[A-Z][A-Z_]*?_\d+\])", out)
    pattern = "".join(".+?" if i % 2 else re.escape(part) for i, part in enumerate(parts))
    assert re.fullmatch(pattern, text, flags=re.DOTALL)


@given(st.lists(st.tuples(st.sampled_from(["c1", "c2", ""]), cell_texts()), min_size=1, max_size=8),
       st.integers(1, 3))
def test_chunking_does_not_change_the_result(rows, chunk_rows):
    frame = pd.DataFrame(rows, columns=["client", "text"])
    whole = Anonymizer(["text"], group_column="client").transform(frame)
    streaming = Anonymizer(["text"], group_column="client")
    parts = [streaming.transform(frame.iloc[i : i + chunk_rows]) for i in range(0, len(frame), chunk_rows)]
    assert pd.concat(parts)["text"].tolist() == whole["text"].tolist()
    assert whole["client"].tolist() == frame["client"].tolist()


@given(st.lists(st.one_of(cell_texts(), st.none(), st.integers(), st.floats()), min_size=1, max_size=6))
def test_mixed_type_cells_pass_or_fail_clearly(values):
    frame = pd.DataFrame({"text": pd.Series(values, dtype=object)})
    try:
        out = Anonymizer(["text"]).transform(frame)
    except InputError:
        return
    assert len(out) == len(frame)
    for before, after in zip(values, out["text"]):
        if not isinstance(before, str):
            assert after is before or (pd.isna(after) and pd.isna(before))


def _naive_resolve(candidates):
    """The quadratic reference: test every kept span."""
    kept, taken = [], []
    for entity in sorted(candidates, key=lambda e: (ENTITY_TYPES.index(e.type), -(e.end - e.start), e.start)):
        if entity.end > entity.start and all(entity.end <= s or entity.start >= t for s, t in taken):
            kept.append(entity)
            taken.append((entity.start, entity.end))
    return sorted(kept)


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12), st.sampled_from(ENTITY_TYPES)), max_size=40))
def test_overlap_resolution_matches_the_reference(spans):
    candidates = [Entity(start, start + length, kind, "") for start, length, kind in spans]
    assert resolve_overlaps(candidates) == _naive_resolve(candidates)


def _fits(key, person):
    """The documented rule of PersonIndex, checked against every person (no index)."""
    parts = key.split()
    given, surname = parts[0], (parts[-1] if len(parts) > 1 else None)
    if surname is None:
        return related_names(given, person["head"]) or any(given == s or related_names(given, g)
                                                           for g, s in person["full"])
    if person["full"]:
        return any(surname == s and related_names(given, g) for g, s in person["full"])
    return related_names(given, person["head"]) or surname == person["head"]


@given(st.lists(st.sampled_from(["Jake", "Jake Morrison", "Morrison", "Maria", "Maria Jake", "jake", "Ana Lee",
                                 "Lee", "Ana", "Sam Jake Lee", "Jakey", "Sam Okafor", "Sam", "Andre", "Andrew", "dre",
                                 "Danielle", "Dan", "Dani"]), max_size=12))
def test_person_aliases_match_the_reference(values):
    table = PseudonymTable()
    people: list[dict] = []
    person_of: dict[str, int] = {}
    for value in values:
        key = normalise("PERSON", value)
        if key not in person_of:  # the reference: scan every person seen
            fits = [n for n, person in enumerate(people) if _fits(key, person)]
            if len(fits) == 1:
                person_of[key] = fits[0]
            else:
                people.append({"head": key.split()[0], "full": []})
                person_of[key] = len(people) - 1
            person = people[person_of[key]]
            parts = key.split()
            if len(parts) > 1:
                person["full"].append((parts[0], parts[-1]))
            if len(parts[0]) > len(person["head"]) and related_names(parts[0], person["head"]):
                person["head"] = parts[0]
        assert table.placeholder("PERSON", value) == f"[PERSON_{person_of[key] + 1}]"


@given(st.lists(st.sampled_from(["Albert", "Kennedy", "Trust", "FM", "the", "Heart", "Jake's", "Sally", "Rooney",
                                 "novel", "Bank", ",", "."]), min_size=1, max_size=25))
def test_capitalised_runs_match_the_reference(words):
    from toolkit.anonymize.names import ORG_NOUNS, _Doc, split_words

    text = " ".join(words)
    parts = split_words(text)
    if len(parts) < 2:
        return
    count = len(parts) // 2
    for order in (range(count), reversed(range(count)), [*range(1, count, 2), *range(0, count, 2)]):
        doc = _Doc(text, parts)  # a fresh cache: any order of questions gives the same answers
        for i in order:
            _check_run(doc, i, ORG_NOUNS)


def _check_run(doc, i, org_nouns):
    j = i
    while j + 1 < len(doc.words) and doc.words[j + 1][:1].isupper() and doc.gaps[j + 1] == " " \
            and not doc.possessive(j):
        j += 1
    assert doc.last_capitalised(i) == j
    assert doc.names_an_organisation(i) == any(doc.key(k) in org_nouns for k in range(i + 1, j + 1))
