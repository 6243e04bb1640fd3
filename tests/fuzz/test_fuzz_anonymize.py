"""The anonymiser on arbitrary Unicode: bounded output, nothing it detects left behind."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.strategies import cell_texts, texts
from toolkit.anonymize import Anonymizer, anonymize_texts, find_entities, require_anonymised
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
    # Text outside the detected spans is left exactly as it was.
    pieces, last = [], 0
    for entity in entities:
        pieces.append(text[last : entity.start])
        last = entity.end
    pieces.append(text[last:])
    position = 0
    for piece in pieces:
        found = out.find(piece, position)
        assert found >= 0
        position = found + len(piece)


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
