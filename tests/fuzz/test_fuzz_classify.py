"""classify on arbitrary texts and tables: one row out per row in, scores in [0, 1], decisions from thresholds."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import toolkit
from tests.fuzz.strategies import cell_texts, texts
from toolkit.classification import DEFAULT_MAX_TEXT_CHARS, EMPTY_TEXT_WARNING, classify_stream, truncation_warning
from toolkit.engine import classify_chunks

pytestmark = pytest.mark.fuzz
MODEL = toolkit.load_model()
IDS = MODEL.taxonomy_.ids


def check_output(out: pd.DataFrame, texts_in: list) -> None:
    assert len(out) == len(texts_in)
    scores = out[[f"{label}_score" for label in IDS]].to_numpy(dtype=float)
    decisions = out[list(IDS)].to_numpy()
    present = np.array([isinstance(t, str) and t.strip() != "" or not isinstance(t, str) and not pd.isna(t)
                        for t in texts_in])
    assert ((scores[present] >= 0) & (scores[present] <= 1)).all()
    assert np.isnan(scores[~present]).all() and (decisions[~present] == 0).all()
    # Scores are rounded to 6 decimals; a decision may differ from the rounded score only at the threshold itself.
    expected = scores >= MODEL.thresholds_
    close = np.isclose(scores, MODEL.thresholds_, atol=1e-6)
    assert ((decisions == expected) | close)[present].all()
    for row, labels in zip(decisions, out["labels"]):
        assert labels == ";".join(label for label, flag in zip(IDS, row) if flag)
    long = np.array([len(str(t)) > DEFAULT_MAX_TEXT_CHARS if present[i] else False for i, t in enumerate(texts_in)])
    expected_warning = np.where(
        present, np.where(long, truncation_warning(DEFAULT_MAX_TEXT_CHARS), ""), EMPTY_TEXT_WARNING
    )
    assert (out["warning"].to_numpy() == expected_warning).all()


@given(st.lists(texts(max_pieces=10), min_size=1, max_size=8))
def test_classify_texts(texts_in):
    out = toolkit.classify(texts_in, MODEL)
    assert out["text"].tolist() == texts_in
    check_output(out, texts_in)


@given(st.lists(st.one_of(cell_texts(), st.none(), st.integers(), st.floats(allow_nan=True)), min_size=1, max_size=8),
       st.integers(1, 3))
def test_classify_chunks_keeps_rows_in_order(values, chunk_rows):
    frame = pd.DataFrame({"id": range(len(values)), "text": pd.Series(values, dtype=object)})
    chunks = (frame.iloc[i : i + chunk_rows] for i in range(0, len(frame), chunk_rows))
    out = pd.concat(list(classify_stream(chunks, MODEL)), ignore_index=True)
    assert out["id"].tolist() == list(range(len(values)))
    check_output(out, values)


@given(st.lists(st.one_of(cell_texts(), st.none()), min_size=1, max_size=12), st.integers(1, 4))
def test_the_parallel_engine_keeps_rows_in_order(values, chunk_rows):
    frame = pd.DataFrame({"id": range(len(values)), "text": pd.Series(values, dtype=object)})
    chunks = (frame.iloc[i : i + chunk_rows] for i in range(0, len(frame), chunk_rows))
    out = pd.concat(list(classify_chunks(chunks, MODEL, jobs=2, executor="thread")), ignore_index=True)
    assert out["id"].tolist() == list(range(len(values)))
    check_output(out, values)


def test_a_very_long_text_is_classified():
    text = "what if he thinks less of me " * 20_000
    out = toolkit.classify([text, ""], MODEL)
    check_output(out, [text, ""])
    assert out["warning"][0] == "text truncated to 100,000 characters"
