"""explain on arbitrary Unicode: evidence points into the text, scores match classify, HTML escapes the text."""

from __future__ import annotations

import html

import pytest
from hypothesis import given

import toolkit
from tests.fuzz.strategies import texts

pytestmark = pytest.mark.fuzz
MODEL = toolkit.load_model()


@given(texts(max_pieces=10).map(lambda t: t + " <script>alert('x')</script> & <b>"))
def test_explanations_point_into_the_text_and_escape_it(text):
    explanation = toolkit.explain(text, MODEL)
    scores = toolkit.classify([text], MODEL)
    for label in MODEL.taxonomy_.ids:
        item = explanation[label]
        assert item.score == pytest.approx(float(scores.loc[0, f"{label}_score"]), abs=1e-6)
        for sentence in item.sentences:
            assert text[sentence.start : sentence.end] == sentence.text
        for term in item.terms:
            assert all(0 <= start < end <= len(text) for start, end in term.spans)
    page = explanation.to_html()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert html.escape("&") in page

