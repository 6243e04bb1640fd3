"""The batch featuriser counts exactly what HashingVectorizer over analyze() counts."""

import numpy as np
import pandas as pd
import pytest

from toolkit.models.ngram_hashing import NgramHasher, feature_column
from toolkit.text import split_pieces, tokenize

from ..conftest import DATASET

AWKWARD = [
    "", "   ", "Told [PERSON_2] everything, idk why!! 😭", "don't5 x'ab3 'hello' a''b rock'n'roll 90's `quoted`",
    "ＦＵＬＬ width ＮＯＴ fine", "nul\x00inside not\x00here", "\x00", "I\u2019m NOT\u200b fine",
    "[person_1]x[PLACE_3]y_z", "not", "never never never ok", "no. no, not but yes", "isn't it? can't. WON'T!",
    "tabs\tand\nnew\r\nlines not\u2028here", "café naïve NOT résumé", "not 😭 sad", "NEG_x neg_y",
    "\u00a0not\u3000fine",
    "x" * 100 + "'s not " + "ab," * 40 + "never" + "y" * 70 + " not fine",  # pieces too long for the hashed path
]


@pytest.fixture(scope="module")
def dev_texts():
    return pd.read_csv(DATASET / "dev.csv")["text"].head(400).tolist()


def same_matrix(a, b) -> bool:
    return a.shape == b.shape and (a != b).nnz == 0


@pytest.mark.parametrize("params", [
    {"negation_window": 2}, {"negation_window": 6}, {"negation": False}, {"stem": False},
    {"ngram_max": 1}, {"ngram_max": 3}, {"negation_window": 0},
], ids=str)
def test_batch_counts_equal_the_reference(params, dev_texts):
    hasher = NgramHasher(n_features=2**16, **params)
    for batch in (AWKWARD, dev_texts, AWKWARD[::-1], dev_texts[:7]):
        fast = hasher.counts(batch)
        assert same_matrix(fast, hasher.reference_counts(batch))
        assert fast.has_canonical_format


def test_tiny_caches_evict_without_changing_results(dev_texts):
    hasher = NgramHasher()
    hasher.piece_cache_size = hasher.ngram_cache_size = 4
    hasher.__setstate__({})  # fresh caches of the new sizes
    for batch in (dev_texts[:100], AWKWARD, dev_texts[:100]):
        assert same_matrix(hasher.counts(batch), hasher.reference_counts(batch))


def test_each_awkward_text_alone_and_in_a_batch():
    hasher = NgramHasher()
    batch = hasher.counts(AWKWARD)
    for i, text in enumerate(AWKWARD):
        assert same_matrix(hasher.counts([text]), batch[i]), repr(text)


def test_caches_reset_when_full_and_results_do_not_change(dev_texts):
    hasher = NgramHasher()
    hasher.__setstate__({})  # a fresh cache of the new size
    hasher.max_pieces = hasher.max_terms = 50
    hasher.ngram_cache_size = 8
    first = hasher.counts(dev_texts[:50])
    assert len(hasher._pieces) > 50
    second = hasher.counts(dev_texts[:50])
    assert len(hasher._pieces) <= len(set(split_pieces(dev_texts[:50])))
    assert same_matrix(first, second)


def test_no_texts_give_an_empty_matrix():
    assert NgramHasher(n_features=8).counts([]).shape == (0, 8)


def test_pieces_tokenise_like_whole_texts():
    pieces = split_pieces(AWKWARD)
    assert pieces.count("\x00") == len(AWKWARD)
    assert [t for p in pieces if p != "\x00" for t in tokenize(p)][:6] == ["told", "<person>", "everything", ",",
                                                                          "idk", "why"]


def test_feature_column_matches_the_matrix():
    hasher = NgramHasher(n_features=2**12)
    text = "she'll judge me, not him"
    row = hasher.counts([text])
    columns = sorted({feature_column(f, 2**12) for f in hasher.analyze(text)})
    np.testing.assert_array_equal(row.indices, columns)
