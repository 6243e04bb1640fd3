"""Normalising, tokenising and sentence splitting on arbitrary Unicode."""

from __future__ import annotations

import re

import pytest
from hypothesis import given

from tests.fuzz.strategies import texts
from toolkit.text import (
    CachedStemmer,
    mark_negation,
    normalize,
    sentence_spans,
    split_sentences,
    token_spans,
    tokenize,
)

pytestmark = pytest.mark.fuzz
_STEM = CachedStemmer()


@given(texts())
def test_normalize_is_idempotent_and_single_spaced(text):
    once = normalize(text)
    assert normalize(once) == once
    assert once == once.strip() and "  " not in once
    assert not re.search(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]", once)


@given(texts())
def test_tokens_are_non_empty_and_contain_no_space(text):
    tokens = tokenize(normalize(text))
    assert all(token and not any(ch.isspace() for ch in token) for token in tokens)
    marked = mark_negation(tokens)
    assert len(marked) <= len(tokens)
    assert all(_STEM(token) for token in marked)


@given(texts())
def test_token_spans_point_into_the_text_in_order(text):
    spans = token_spans(text)
    previous_start = 0
    for _, start, end in spans:
        assert 0 <= start < end <= len(text)
        assert start >= previous_start  # one character may give two tokens ("\u00bc" is "1/4")
        previous_start = start
    assert [token for token, _, _ in spans] == tokenize(normalize(text)) or _nfkc_changes_tokens(text)


def _nfkc_changes_tokens(text: str) -> bool:
    # Normalising character by character differs from normalising the whole text only where NFKC
    # composes across characters (a base letter and a combining mark) or a case mapping looks at context.
    import unicodedata

    return any(unicodedata.combining(ch) for ch in text) or unicodedata.normalize("NFKC", text) != "".join(
        unicodedata.normalize("NFKC", ch) for ch in text) or "\u03a3" in text.upper()


@given(texts())
def test_sentences_keep_every_visible_character_in_order(text):
    sentences = split_sentences(text)
    assert all(sentence and sentence == sentence.strip() for sentence in sentences)
    assert "".join("".join(s.split()) for s in sentences) == "".join(text.split())
    for sentence, start, end in sentence_spans(text):
        assert text[start:end] == sentence
    assert [s for s, _, _ in sentence_spans(text)] == sentences
